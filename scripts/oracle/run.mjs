#!/usr/bin/env node
// The oracle: runs Matomo's own input functions (from a local Matomo checkout, with php-cli)
// and Hitscope's decoder on the same corpus, and prints where they disagree. Not part of the
// tests: it needs php and a Matomo checkout, which the test suite must not. See docs/oracle.md.
//
//   node scripts/oracle/run.mjs --matomo ../matomo [--custom-variables ../plugin-CustomVariables]
//                               [--php php] [--kind strtotime] [--json]
import { buildCorpus } from './corpus.mjs';
import { hitscopeSide, phpAnswers, runOracle } from './sides.mjs';

function options(argv) {
  const read = { php: 'php', matomo: null, kind: null, json: false, customVariables: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') read.json = true;
    else if (flag === '--matomo' || flag === '--php' || flag === '--kind')
      read[flag.slice(2)] = argv[++i];
    else if (flag === '--custom-variables') read.customVariables = argv[++i];
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!read.matomo) throw new Error('--matomo <path to a Matomo checkout> is required');
  return read;
}

async function check(work) {
  const opts = options(process.argv.slice(2));
  const corpus = buildCorpus(opts.customVariables);
  if (!opts.customVariables)
    console.error('custom variable cases left out: pass --custom-variables <plugin checkout>');
  if (opts.kind) corpus.cases = corpus.cases.filter((item) => item.kind === opts.kind);
  const matomo = phpAnswers(opts.php, 'matomo-side.php', opts.matomo, corpus, work);
  const { answer } = await hitscopeSide('hitscope-side.ts', work);
  const disagreements = [];
  corpus.cases.forEach((item, index) => {
    const ours = answer(item, corpus.now);
    if (JSON.stringify(ours) !== JSON.stringify(matomo[index])) {
      disagreements.push({ case: item, matomo: matomo[index], hitscope: ours });
    }
  });
  if (opts.json) console.log(JSON.stringify(disagreements, null, 2));
  else {
    for (const d of disagreements) {
      const { kind, type, input, hex } = d.case;
      const shown = hex !== undefined ? `bytes ${hex}` : JSON.stringify(input);
      console.log(`${kind}${type ? `(${type})` : ''} ${shown}`);
      console.log(`  matomo:   ${JSON.stringify(d.matomo)}`);
      console.log(`  hitscope: ${JSON.stringify(d.hitscope)}`);
    }
    console.log(`${disagreements.length} disagreement(s) in ${corpus.cases.length} cases`);
  }
  return disagreements.length;
}

runOracle(check);
