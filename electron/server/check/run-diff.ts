// `hitscope diff`: reads both captures offline (as `hitscope check --file` does), pairs and
// compares their hits, prints the report. Exit 0 when they agree, 1 when they differ, 2
// when a file cannot be read.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { diffCaptures } from '../../../shared/diff/capture-diff';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { CliIo } from '../cli';
import { ImportFileError } from '../import/read-import-file';
import { readSitesFile } from '../settings-store';
import { SettingsError } from '../settings-validation';
import type { DiffCommand } from './diff-args';
import { diffJson, diffJunit, diffText } from './diff-report';
import { hitsOfCaptureFile, type FileHits } from './file-hits';

class CannotDiff extends Error {}

function readCapture(path: string, sites: SiteProfile[]): FileHits {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CannotDiff(`cannot read the capture file ${path}: ${(error as Error).message}`);
  }
  try {
    return hitsOfCaptureFile(text, basename(path), sites);
  } catch (error) {
    if (error instanceof ImportFileError) throw new CannotDiff(`${path}: ${error.message}`);
    throw error;
  }
}

export function runDiff(command: DiffCommand, io: CliIo): number {
  try {
    let sites: SiteProfile[] = [];
    try {
      if (command.sitesFile) sites = readSitesFile(command.sitesFile);
    } catch (error) {
      if (error instanceof SettingsError) throw new CannotDiff(error.message);
      throw error;
    }
    const baseline = readCapture(command.baseline, sites);
    const current = readCapture(command.current, sites);
    const diff = diffCaptures(baseline.hits, current.hits, command.ignore);
    const sources = {
      baseline: command.baseline,
      current: command.current,
      baselineHits: baseline.hits.length,
      currentHits: current.hits.length,
    };
    const write = { text: diffText, json: diffJson, junit: diffJunit }[command.format];
    io.stdout.write(write(diff, sources));
    const { added, removed, changed } = diff.counts;
    return added + removed + changed > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof CannotDiff)) throw error;
    io.stderr.write(`hitscope diff: ${error.message}\n`);
    return 2;
  }
}
