// What both oracles do to get each side's answers: run a PHP script on a JSON input file,
// and load a TypeScript module of Hitscope's (bundled, as the project's sources are TS).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
