// `hitscope check`: reads the plan, gets the hits (a capture file offline, or a running
// server), evaluates the plan as final (an expectation still waiting has failed), prints the
// report and writes the JUnit file. Exit 0 pass, 1 fail, 2 when the check cannot run.
import { plural } from '../../../shared/plan/hit-order';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { HitSummaryDto } from '../../../shared/api/types';
import { readPlanText } from '../../../shared/plan/plan-file';
import { evaluatePlan, PlanError, type TrackingPlan } from '../../../shared/plan/plan';
import type { CliIo } from '../cli';
import { ImportFileError } from '../import/read-import-file';
import { readSitesFile } from '../settings-store';
import { SettingsError } from '../settings-validation';
import type { CheckCommand, HitSource } from './check-args';
import { checkJson, checkText } from './check-report';
import { hitsOfCaptureFile } from './file-hits';
import { planJunit } from './junit';
import { hitsOfServer, ServerHitsError } from './server-hits';

/** A reason the check could not run, said on stderr with exit code 2. */
class CannotCheck extends Error {}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CannotCheck(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

function readPlan(path: string): TrackingPlan {
  try {
    return readPlanText(readText(path, 'plan'), path);
  } catch (error) {
    if (error instanceof PlanError) throw new CannotCheck(`${path}: ${error.message}`);
    throw error;
  }
}

async function loadHits(
  source: HitSource,
  io: CliIo,
): Promise<{ hits: HitSummaryDto[]; description: string }> {
  if (source.kind === 'server') {
    try {
      const hits = await hitsOfServer(source);
      const run = source.run !== undefined ? ` (run ${source.run})` : '';
      return { hits, description: `${source.server}${run}` };
    } catch (error) {
      if (error instanceof ServerHitsError) throw new CannotCheck(error.message);
      throw error;
    }
  }
  let sites;
  try {
    sites = source.sitesFile ? readSitesFile(source.sitesFile) : [];
  } catch (error) {
    if (error instanceof SettingsError) throw new CannotCheck(error.message);
    throw error;
  }
  try {
    const file = hitsOfCaptureFile(
      readText(source.file, 'capture file'),
      basename(source.file),
      sites,
    );
    const notes: string[] = [];
    if (file.skipped > 0) {
      notes.push(`${plural(file.skipped, file.format === 'har' ? 'entry' : 'line')} skipped`);
    }
    if (file.failedRequests > 0) notes.push(`${plural(file.failedRequests, 'request')} refused`);
    if (notes.length > 0) io.stderr.write(`hitscope check: ${source.file}: ${notes.join(', ')}.\n`);
    return { hits: file.hits, description: source.file };
  } catch (error) {
    if (error instanceof ImportFileError) throw new CannotCheck(`${source.file}: ${error.message}`);
    throw error;
  }
}

export async function runCheck(command: CheckCommand, io: CliIo): Promise<number> {
  try {
    const plan = readPlan(command.plan);
    const { hits, description } = await loadHits(command.source, io);
    const result = evaluatePlan(plan, hits, { final: true });
    if (command.junit !== undefined) {
      try {
        writeFileSync(command.junit, planJunit(result, `Tracking plan ${basename(command.plan)}`));
      } catch (error) {
        throw new CannotCheck(
          `cannot write the JUnit report ${command.junit}: ${(error as Error).message}`,
        );
      }
    }
    const context = { plan: command.plan, source: description };
    const color = Boolean((io.stdout as { isTTY?: boolean }).isTTY) && !io.env.NO_COLOR;
    io.stdout.write(
      command.json ? checkJson(result, context) : checkText(result, { ...context, color }),
    );
    return result.status === 'pass' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof CannotCheck)) throw error;
    io.stderr.write(`hitscope check: ${error.message}\n`);
    return 2;
  }
}
