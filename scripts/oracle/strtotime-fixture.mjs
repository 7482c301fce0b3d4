#!/usr/bin/env node
// Writes shared/matomo/__fixtures__/php/strtotime.json: PHP's strtotime on every text of
// strtotime-cases.mjs, in UTC at a fixed "now", as the tracker reads a non-numeric cdt
// (core/Tracker/Request.php lines 518–520). Needs php-cli; the unit test reads the fixture,
// so the test suite itself never needs php. See docs/oracle.md.
//
//   node scripts/oracle/strtotime-fixture.mjs [--php php]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { STRTOTIME_TEXTS } from './strtotime-cases.mjs';

const NOW = 1729771200; // Thursday 2024-10-24 12:00:00 UTC
const php = process.argv[2] === '--php' ? process.argv[3] : 'php';
const script = `
date_default_timezone_set('UTC');
$texts = json_decode(stream_get_contents(STDIN), true);
$out = [];
foreach ($texts as $text) { $t = @strtotime($text, ${NOW}); $out[] = $t === false ? null : $t; }
echo json_encode(['version' => PHP_VERSION, 'answers' => $out]);
`;
const result = JSON.parse(
  execFileSync(php, ['-r', script], { input: JSON.stringify(STRTOTIME_TEXTS), encoding: 'utf8' }),
);
const cases = STRTOTIME_TEXTS.map((text, index) => [text, result.answers[index]]);
const lines = cases.map((item) => `    ${JSON.stringify(item)}`);
const file = new URL('../../shared/matomo/__fixtures__/php/strtotime.json', import.meta.url);
const json = `{\n  "generator": "php ${result.version}: strtotime($text, ${NOW}) in UTC; null for false (scripts/oracle/strtotime-fixture.mjs)",\n  "now": ${NOW},\n  "cases": [\n${lines.join(',\n')}\n  ]\n}\n`;
writeFileSync(file, await format(json, { parser: 'json', printWidth: 100 }));
console.log(`${cases.length} cases written`);
