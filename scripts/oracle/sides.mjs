// What both oracles do: run a PHP script on a JSON input file, load a TypeScript module of
// Hitscope's (bundled, as the project's sources are TS), and end with the exit status that
// says whether the two sides agreed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** The JSON that `script` (beside this file) prints for `input`, written to `work` first. */
export function phpAnswers(php, script, checkout, input, work) {
  const inputFile = join(work, 'input.json');
  writeFileSync(inputFile, JSON.stringify(input));
  return JSON.parse(
    execFileSync(php, [join(here, script), checkout, inputFile], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
}

/** The module `entry` (a TypeScript file beside this one), bundled into `work` and loaded. */
export async function hitscopeSide(entry, work) {
  const outfile = join(work, entry.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * Runs `check` with a scratch folder (removed afterwards); `check` returns how many answers
 * disagree. Exit status: 0 when none, 1 when some, 2 on a usage or run error.
 */
export async function runOracle(check) {
  const work = mkdtempSync(join(tmpdir(), 'hitscope-oracle-'));
  try {
    process.exitCode = (await check(work)) > 0 ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
