// Rewrites shared/matomo/referrer-spam/spammers.ts from a spammers.txt of the
// matomo-org/referrer-spam-list project (public domain). Use the commit Matomo's composer.lock
// pins (`grep -A3 referrer-spam-list composer.lock` in a Matomo checkout) and name it below.
//   node scripts/referrer-spam-list.mjs path/to/spammers.txt <commit> <date>
import { readFileSync, writeFileSync } from 'node:fs';

const [file, commit, date] = process.argv.slice(2);
if (!file || !commit || !date) {
  console.error('usage: node scripts/referrer-spam-list.mjs spammers.txt <commit> <YYYY-MM-DD>');
  process.exit(2);
}
// PHP's file(FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES): lines kept as they are.
const lines = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const head = `// Referrer spammer host names, one entry per line as Matomo reads its bundled list
// (vendor/matomo/referrer-spam-list/spammers.txt, lines kept exactly, trailing spaces too).
// Data, not code: copied unchanged from the matomo-org/referrer-spam-list project at commit
// ${commit} (${date}), the version Matomo 5.2 pins in its
// composer.lock. Licence: public domain (CC0-1.0), see LICENSE.md next to this file.
// Regenerate with: node scripts/referrer-spam-list.mjs <path to spammers.txt>
`;
writeFileSync(
  new URL('../shared/matomo/referrer-spam/spammers.ts', import.meta.url),
  `${head}export const REFERRER_SPAMMERS: readonly string[] = ${JSON.stringify(lines)};\n`,
);
console.log(`${lines.length} entries; run prettier --write on the file`);
