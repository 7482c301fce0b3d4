#!/usr/bin/env node
// Writes shared/matomo/__fixtures__/php/stored-values.json: what Matomo's own GoalManager,
// CustomVariables plugin and PageUrl make of each input of stored-value-cases.mjs (ecommerce
// items, custom variables, prices, revenues, page URLs and titles, visitor ids), run by matomo-side.php
// with php-cli. The unit test reads the
// fixture, so the test suite itself never needs php or Matomo. See docs/oracle.md.
//
//   node scripts/oracle/stored-value-fixture.mjs --matomo ../matomo \
//     --custom-variables ../plugin-CustomVariables [--php php]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { format } from 'prettier';
import * as inputs from './stored-value-cases.mjs';
import { phpAnswers, runOracle } from './sides.mjs';

function options(argv) {
  const read = { php: 'php', matomo: null, customVariables: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--php' || argv[i] === '--matomo') read[argv[i].slice(2)] = argv[++i];
    else if (argv[i] === '--custom-variables') read.customVariables = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!read.matomo || !read.customVariables)
    throw new Error('--matomo and --custom-variables checkouts are required');
  return read;
}

const families = {
  ecItems: inputs.EC_ITEMS.map((input) => ({ kind: 'ec_items', input })),
  customVariables: inputs.CUSTOM_VARIABLES.map((input) => ({
    kind: 'custom_variables',
    name: '_cvar',
    input,
  })),
  prices: inputs.REVENUES.map((input) => ({ kind: 'price', input })),
  revenues: inputs.REVENUES.map((input) => ({ kind: 'revenue', input })),
  urls: inputs.URLS.map((input) => ({ kind: 'url', input })),
  actionNames: inputs.ACTION_NAMES.map((input) => ({ kind: 'action_name', input })),
  visitorIds: inputs.VISITOR_IDS.map((input) => ({ kind: 'visitor_id', input })),
  eventValues: inputs.FLOAT_VALUES.map((input) => ({ kind: 'event_value', input })),
  productPrices: inputs.FLOAT_VALUES.map((input) => ({ kind: 'product_price', input })),
};

async function write(work) {
  const opts = options(process.argv.slice(2));
  const cases = Object.values(families).flat();
  const answers = phpAnswers(
    opts.php,
    'matomo-side.php',
    opts.matomo,
    { now: 0, customVariables: opts.customVariables, cases },
    work,
  );
  const version = execFileSync(opts.php, ['-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
  const fixture = { generator: `php ${version}: scripts/oracle/stored-value-fixture.mjs` };
  let at = 0;
  for (const [family, list] of Object.entries(families)) {
    fixture[family] = list.map((item) => [item.input, answers[at++]]);
  }
  const file = new URL('../../shared/matomo/__fixtures__/php/stored-values.json', import.meta.url);
  writeFileSync(file, await format(JSON.stringify(fixture), { parser: 'json', printWidth: 100 }));
  console.log(`${cases.length} cases written`);
  return 0;
}

runOracle(write);
