// `node --expose-gc scripts/bench/analysis.mjs [other-checkout]`: what the protocol engine's
// analysis (parse, decode, classify, detect the device, validate, summarise, predict the
// answer) costs in this process, without HTTP or storage:
//   1. one page view as matomo.js sends it (the device of its user agent already known);
//   2. page views that each carry one of ~2,000 realistic user agents (mostly new ones at
//      first: the device detector's own cost shows here);
//   3. one bulk of 10,000 page views (the bench's bulk body).
// Given the paths of other checkouts of the project (e.g. older commits made with
// `git worktree add`), their analysis is measured too, in rotating rounds of the same run
// (each round another version goes first), and the ratios of this checkout to each are
// printed: the way to compare versions of the engine on a loaded machine. Two others (the
// commit before a change and an older reference) give the change's effect and the standing
// against the reference from the same rounds. Each figure is given as wall-clock time
// and as the process's CPU time (process.cpuUsage: every thread, the garbage collector's
// helpers included): on a machine whose cores are shared, wall-clock time also counts the
// time the process waited for a core, which differs from round to round by far more than
// two versions differ; CPU time does not. NODE_PATH-style dependency folders for those
// checkouts: BENCH_OTHER_NODE_PATH.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BROWSER_HEADERS, bulkBody, pageviewQuery, realisticUserAgents } from './hits.mjs';
import { analysisFigures } from './analysis-figures.mjs';
import { bundleAnalysis } from './source-bundle.mjs';

const ROUNDS = Number(process.env.BENCH_ANALYSIS_ROUNDS ?? 5);
const PAGE_VIEWS = 5_000;
const here = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hitscope-analysis-bench-'));

/** The analysis of the checkout at `root`, bundled on its own. */
async function engineOf(root, name, nodePaths = []) {
  return (await import(await bundleAnalysis(root, dir, name, nodePaths))).analyzeRequest;
}

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

/** Wall-clock and CPU milliseconds that `work` takes. */
function timed(work) {
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Microseconds per request, wall-clock and CPU. */
function microsPer(analyze, requests) {
  const { wall, cpu } = timed(() => {
    for (let i = 0; i < requests.length; i++) {
      const analysis = analyze(requests[i], { now: T0 + i, sites: [] });
      if (analysis.hits.length !== 1) throw new Error('a page view made no hit');
    }
  });
  return { wall: (wall * 1000) / requests.length, cpu: (cpu * 1000) / requests.length };
}

function bulkMillis(analyze) {
  return timed(() => {
    const analysis = analyze(bulk, { now: T0, sites: [] });
    if (analysis.hits.length !== 10_000) throw new Error('the bulk made too few hits');
  });
}

const engines = [{ name: 'this checkout', analyze: await engineOf(here, 'current') }];
const nodePaths = (process.env.BENCH_OTHER_NODE_PATH ?? '').split(':').filter(Boolean);
for (const [n, other] of process.argv.slice(2).entries()) {
  engines.push({
    name: resolve(other),
    analyze: await engineOf(resolve(other), `other${n}`, nodePaths),
  });
}

for (const engine of engines) {
  // The first user agents compile the detector's patterns: not part of any round.
  microsPer(engine.analyze, singles.slice(0, 200));
  engine.pageView = [];
  engine.variedAgentsFirst = null;
  engine.variedAgents = [];
  engine.bulk = [];
}
for (let round = 0; round < ROUNDS; round++) {
  // Rotating who goes first: no version always meets another's garbage.
  const first = round % engines.length;
  for (const engine of [...engines.slice(first), ...engines.slice(0, first)]) {
    engine.pageView.push(microsPer(engine.analyze, singles));
    // Only the first round meets these agents for the first time; it measures them once
    // more known, so that every round (a run of one too) has a figure of the known agents.
    if (round === 0) engine.variedAgentsFirst = microsPer(engine.analyze, varied);
    engine.variedAgents.push(microsPer(engine.analyze, varied));
    engine.bulk.push(bulkMillis(engine.analyze));
  }
}
const results = engines.map((engine) => ({
  checkout: engine.name,
  ...analysisFigures(engine, 'wall', 2),
  cpu: analysisFigures(engine, 'cpu', 2),
}));
console.log(JSON.stringify(results, null, 2));
const ratios = (a, b) => {
  const ratio = (key) => Number((a[key] / b[key]).toFixed(3));
  return {
    pageView: ratio('pageViewMicros'),
    variedAgentsFirstRound: ratio('variedAgentsFirstRoundMicros'),
    variedAgentsCached: ratio('variedAgentsCachedMicros'),
    bulk10k: ratio('bulk10kMillis'),
  };
};
const [now, ...others] = results;
for (const other of others) {
  const ratioToOther = { ...ratios(now, other), cpu: ratios(now.cpu, other.cpu) };
  console.log(JSON.stringify({ other: other.checkout, ratioToOther }, null, 2));
}
rmSync(dir, { recursive: true, force: true });
