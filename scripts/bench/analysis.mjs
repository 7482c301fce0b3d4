// `node --expose-gc scripts/bench/analysis.mjs [other-checkout]`: what the protocol engine's
// analysis (parse, decode, classify, detect the device, validate, summarise, predict the
// answer) costs in this process, without HTTP or storage:
//   1. one page view as matomo.js sends it (the device of its user agent already known);
//   2. page views that each carry one of ~2,000 realistic user agents (mostly new ones at
//      first: the device detector's own cost shows here);
//   3. one bulk of 10,000 page views (the bench's bulk body).
// Given the path of another checkout of the project (e.g. an older commit made with
// `git worktree add`), its analysis is measured too, in alternating rounds of the same run,
// and the ratios are printed: the way to compare two versions of the engine on a loaded
// machine. NODE_PATH-style dependency folders for that checkout: BENCH_OTHER_NODE_PATH.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { BROWSER_HEADERS, bulkBody, pageviewQuery, realisticUserAgents } from './hits.mjs';

const ROUNDS = Number(process.env.BENCH_ANALYSIS_ROUNDS ?? 5);
const PAGE_VIEWS = 5_000;
const here = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hitscope-analysis-bench-'));

/** The analysis of the checkout at `root`, bundled on its own. */
async function engineOf(root, name, nodePaths = []) {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, `export { analyzeRequest } from '${root}/shared/matomo/analyze';\n`);
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    nodePaths,
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
  });
  return (await import(outfile)).analyzeRequest;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const T0 = Date.UTC(2024, 9, 24, 8, 0, 0);

const pageView = (n, userAgent = BROWSER_HEADERS['user-agent']) => ({
  method: 'GET',
  path: '/matomo.php',
  query: pageviewQuery(n),
  headers: { ...BROWSER_HEADERS, 'user-agent': userAgent },
  body: new Uint8Array(0),
  remoteAddress: '10.0.0.1',
});
const bulk = {
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: {
    ...BROWSER_HEADERS,
    'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
  },
  body: new TextEncoder().encode(bulkBody(10_000)),
  remoteAddress: '10.0.0.1',
};
const singles = Array.from({ length: PAGE_VIEWS }, (_, n) => pageView(n));
const agents = realisticUserAgents();
const varied = agents.map((agent, n) => pageView(n, agent));

function microsPer(analyze, requests) {
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests.length; i++) {
    const analysis = analyze(requests[i], { now: T0 + i, sites: [] });
    if (analysis.hits.length !== 1) throw new Error('a page view made no hit');
  }
  return Number(process.hrtime.bigint() - started) / 1000 / requests.length;
}

function bulkMillis(analyze) {
  globalThis.gc?.();
  const started = process.hrtime.bigint();
  const analysis = analyze(bulk, { now: T0, sites: [] });
  if (analysis.hits.length !== 10_000) throw new Error('the bulk made too few hits');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const engines = [{ name: 'this checkout', analyze: await engineOf(here, 'current') }];
if (process.argv[2]) {
  const nodePaths = (process.env.BENCH_OTHER_NODE_PATH ?? '').split(':').filter(Boolean);
  engines.push({
    name: resolve(process.argv[2]),
    analyze: await engineOf(resolve(process.argv[2]), 'other', nodePaths),
  });
}

for (const engine of engines) {
  // The first user agents compile the detector's patterns: not part of any round.
  microsPer(engine.analyze, singles.slice(0, 200));
  engine.pageView = [];
  engine.variedAgents = [];
  engine.bulk = [];
}
for (let round = 0; round < ROUNDS; round++) {
  for (const engine of engines) {
    engine.pageView.push(microsPer(engine.analyze, singles));
    // Only the first round meets these agents for the first time.
    engine.variedAgents.push(microsPer(engine.analyze, varied));
    engine.bulk.push(bulkMillis(engine.analyze));
  }
}
const results = engines.map((engine) => ({
  checkout: engine.name,
  pageViewMicros: Number(median(engine.pageView).toFixed(2)),
  variedAgentsFirstRoundMicros: Number(engine.variedAgents[0].toFixed(2)),
  variedAgentsCachedMicros: Number(median(engine.variedAgents.slice(1)).toFixed(2)),
  bulk10kMillis: Number(median(engine.bulk).toFixed(1)),
}));
console.log(JSON.stringify(results, null, 2));
if (results.length === 2) {
  const [now, other] = results;
  const ratio = (key) => Number((now[key] / other[key]).toFixed(3));
  console.log(
    JSON.stringify(
      {
        ratioToOther: {
          pageView: ratio('pageViewMicros'),
          variedAgentsFirstRound: ratio('variedAgentsFirstRoundMicros'),
          variedAgentsCached: ratio('variedAgentsCachedMicros'),
          bulk10k: ratio('bulk10kMillis'),
        },
      },
      null,
      2,
    ),
  );
}
rmSync(dir, { recursive: true, force: true });
