// Rewrites shared/matomo/bots/patterns.ts from the regexes/bots.yml of DeviceDetector
// (matomo-org/device-detector, LGPL-3.0-or-later). Use the version Matomo's composer.lock pins
// (`grep -A3 '"matomo/device-detector"' composer.lock` in a Matomo checkout) and name it below.
//   node scripts/device-detector-bots.mjs path/to/bots.yml <version> <commit>
// e.g. from a git mirror: git --git-dir=<mirror> show <commit>:regexes/bots.yml > /tmp/bots.yml
import { readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

const [file, version, commit] = process.argv.slice(2);
if (!file || !version || !commit) {
  console.error('usage: node scripts/device-detector-bots.mjs bots.yml <version> <commit>');
  process.exit(2);
}
const entries = yaml.load(readFileSync(file, 'utf8'));
if (!Array.isArray(entries)) throw new Error('bots.yml is not a list');
// Only what detection reads: the pattern, and the name shown for a match (the Bot parser
// returns the name as written, with no $1 substitution).
const patterns = entries.map(({ regex, name }) => {
  if (typeof regex !== 'string' || typeof name !== 'string') throw new Error('bad entry');
  return [regex, name];
});
const head = `// Bot patterns of DeviceDetector ${version} (regexes/bots.yml at commit
// ${commit}),
// the version Matomo 5 pins in its composer.lock: pattern and bot name of each entry, in the
// file's order. Data, not code: copied unchanged from the matomo-org/device-detector project;
// licence LGPL-3.0-or-later, see LICENSE.md next to this file. Regenerate with:
//   node scripts/device-detector-bots.mjs <path to bots.yml> <version> <commit>
`;
writeFileSync(
  new URL('../shared/matomo/bots/patterns.ts', import.meta.url),
  `${head}export const DEVICE_DETECTOR_VERSION = ${JSON.stringify(version)};\n` +
    `/** [pattern, bot name] in the order DeviceDetector tries them. */\n` +
    `export const BOT_PATTERNS: readonly (readonly [string, string])[] = ${JSON.stringify(patterns)};\n`,
);
console.log(`${patterns.length} patterns; run prettier --write on the file`);
