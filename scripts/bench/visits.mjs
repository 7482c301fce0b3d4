// `node --expose-gc scripts/bench/visits.mjs`: what the visit engine costs per hit, against
// what the server already spends on the same hits, measured in one run:
//   1. time: VisitIndex.assign per hit (target < 5 µs), and as a ratio of the analysis of
//      the same hit (parse, decode, classify, validate) that every captured hit goes through;
//   2. memory: the visit index's heap per hit, as a share of the heap one stored hit takes
//      in the hit store's memory window (target < 15 %).
// The hits are the benchmark's page views (500 visitors, one hit every 2 s; every 7th a
// heartbeat ping and every 11th an event), dated so that visits open and close on the way.
// With BENCH_VISIT_BASELINE=<git revision>, the visit engine of that revision is bundled too
// and both assign the same hits in alternating rounds: on a loaded machine only a ratio
// measured side by side says whether a change made assignment faster.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';
import { median } from './baseline.mjs';
import { bundleForNode } from './source-bundle.mjs';

const HITS = Number(process.env.BENCH_VISIT_HITS ?? 50_000);
const BASELINE = process.env.BENCH_VISIT_BASELINE;
const ROUNDS = Number(process.env.BENCH_VISIT_ROUNDS ?? (BASELINE ? 7 : 3));
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'hitscope-visits-bench-'));

/** `exports` bundled for Node as `name` (the packages from this checkout), then loaded. */
const load = async (name, exports) =>
  import(await bundleForNode(dir, name, exports, [join(root, 'node_modules')]));
const m = await load('bench-visits', [
  `export { analyzeRequest } from '${root}/shared/matomo/analyze';`,
  `export { parseRequest } from '${root}/shared/matomo/parse';`,
  `export { decodeQuery } from '${root}/shared/matomo/query-string';`,
  `export { effectiveParams } from '${root}/shared/matomo/effective-params';`,
  `export { toDtos, responseRecord } from '${root}/electron/server/dto';`,
  `export { storedRequestOf, compactHit } from '${root}/electron/server/storage/compact';`,
  `export { ValuePools } from '${root}/electron/server/storage/string-pool';`,
  `export { HitMemory } from '${root}/electron/server/storage/hit-memory';`,
  `export { createParamsOf } from '${root}/electron/server/derive-hit';`,
  `export { VisitIndex } from '${root}/shared/visits/visit-index';`,
  `export { fullReferrerOf } from '${root}/shared/visits/full-referrer';`,
  `export { visitInputOf } from '${root}/electron/server/visits/visit-input';`,
]);

/** The visit engine of `revision` (its shared/ and electron/server/ trees), bundled alone. */
async function baselineEngine(revision) {
  const tree = join(dir, 'baseline');
  mkdirSync(tree);
  const archive = execFileSync('git', ['archive', revision, 'shared', 'electron/server'], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  return load('baseline-visits', [
    `export { VisitIndex } from '${tree}/shared/visits/visit-index';`,
    `export { fullReferrerOf } from '${tree}/shared/visits/full-referrer';`,
  ]);
}
const baseline = BASELINE ? await baselineEngine(BASELINE) : null;

const gc = globalThis.gc ?? (() => undefined);
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const DEVICE = {
  userAgent: BROWSER_HEADERS['user-agent'],
  browser: 'Chrome',
  browserVersion: '126.0',
  os: 'GNU/Linux',
  osVersion: '',
  device: 'desktop',
  brand: null,
  model: null,
  bot: false,
  botName: null,
};
const T0 = Date.UTC(2024, 9, 24, 8, 0, 0);

function rawRequest(n) {
  let query = pageviewQuery(n);
  if (n % 7 === 0) query += '&ping=1';
  else if (n % 11 === 0) query += '&e_c=Video&e_a=Play';
  return {
    method: 'GET',
    path: '/matomo.php',
    query,
    headers: BROWSER_HEADERS,
    body: new Uint8Array(0),
    // One address per visitor (the page views' _id cycles through 500 visitors).
    remoteAddress: `10.0.${Math.floor((n % 500) / 250)}.${n % 250}`,
  };
}

/** The n-th hit analysed as the server does, and its request and hit DTOs. */
function capture(n) {
  const raw = rawRequest(n);
  const now = T0 + n * 2_000;
  const analysis = m.analyzeRequest(raw, { now, sites: [] }, { device: () => DEVICE });
  return m.toDtos(raw, analysis, {
    id: `r${n}`,
    receivedAt: new Date(now),
    response: m.responseRecord(analysis.response, 0),
  });
}

// 1. The hits as the store keeps them in memory: the heap they take (the baseline of the
//    index's share) and the time their analysis takes (the baseline of assignment's cost).
const paramsOf = m.createParamsOf({
  parseRequest: m.parseRequest,
  decodeQuery: m.decodeQuery,
  effectiveParams: m.effectiveParams,
});
let before = heap();
const memory = new m.HitMemory(Number.MAX_SAFE_INTEGER);
const pools = new m.ValuePools();
let seq = 0;
let analysisNanos = 0n;
for (let n = 0; n < HITS; n++) {
  const started = process.hrtime.bigint();
  const { request, hits } = capture(n);
  analysisNanos += process.hrtime.bigint() - started;
  const stored = m.storedRequestOf(request, pools);
  memory.insert(
    stored,
    hits.map((hit) => m.compactHit(hit, stored, ++seq, pools, paramsOf)),
  );
}
const analysisMicros = Number(analysisNanos) / 1000 / HITS;
const storedBytesPerHit = (heap() - before) / HITS;

// 3. Visit assignment: time per hit (median of rounds) and the index's heap per hit.
// The inputs are built before measuring: the server hands the index hits it already holds.
const inputs = Array.from({ length: HITS }, (_, n) => {
  const { request, hits } = capture(n);
  return m.visitInputOf(hits[0], request.headers);
});
const times = [];
let index = null;
let indexBytesPerHit = 0;
if (process.env.BENCH_VISIT_PROFILE) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const probe = new m.VisitIndex({ sites: () => [], referrerOf: m.fullReferrerOf });
  for (const input of inputs) probe.assign(input);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const rows = profile.nodes
    .map((node) => [
      node.callFrame.functionName + ' ' + node.callFrame.lineNumber,
      self.get(node.id) ?? 0,
    ])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25);
  for (const [name, us] of rows) console.log(String(Math.round(us / 1000)).padStart(6), 'ms', name);
}
const baselineTimes = [];
// Processor time too: on a loaded machine the wall clock also counts the turns other
// processes take, the processor time of this one only its own work.
const cpuTimes = [];
const baselineCpuTimes = [];
const cpuMicros = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / HITS;
};
for (let round = 0; round < ROUNDS; round++) {
  if (baseline) {
    // Same hits, same options; its index is dropped before this round's own is measured.
    const old = new baseline.VisitIndex({ sites: () => [], referrerOf: baseline.fullReferrerOf });
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const input of inputs) old.assign(input);
    baselineCpuTimes.push(cpuMicros(cpu));
    baselineTimes.push(Number(process.hrtime.bigint() - started) / 1000 / HITS);
    old.clear();
  }
  // The previous round's index is released before measuring (the next line replaces it).
  if (index) index.clear();
  before = heap();
  // As the server runs it: search engines and social networks told apart from websites.
  index = new m.VisitIndex({ sites: () => [], referrerOf: m.fullReferrerOf });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const input of inputs) index.assign(input);
  cpuTimes.push(cpuMicros(cpu));
  times.push(Number(process.hrtime.bigint() - started) / 1000 / HITS);
  indexBytesPerHit = (heap() - before) / HITS;
}
const assignMicros = median(times);

const result = {
  hits: HITS,
  storedHits: memory.size,
  visits: index.size,
  assignMicrosPerHit: Number(assignMicros.toFixed(2)),
  assignCpuMicrosPerHit: Number(median(cpuTimes).toFixed(2)),
  analysisMicrosPerHit: Number(analysisMicros.toFixed(2)),
  assignToAnalysisRatio: Number((assignMicros / analysisMicros).toFixed(3)),
  assignTargetMicros: 5,
  indexBytesPerHit: Math.round(indexBytesPerHit),
  storedHitBytes: Math.round(storedBytesPerHit),
  indexShareOfStoredHit: Number((indexBytesPerHit / storedBytesPerHit).toFixed(3)),
  indexShareTarget: 0.15,
};
if (baseline) {
  const baselineMicros = median(baselineTimes);
  result.baseline = BASELINE;
  result.baselineAssignMicrosPerHit = Number(baselineMicros.toFixed(2));
  result.assignToBaselineRatio = Number((assignMicros / baselineMicros).toFixed(3));
  result.baselineAssignCpuMicrosPerHit = Number(median(baselineCpuTimes).toFixed(2));
  result.assignCpuToBaselineRatio = Number(
    (median(cpuTimes) / median(baselineCpuTimes)).toFixed(3),
  );
  result.rounds = {
    assign: times.map((t) => +t.toFixed(2)),
    baseline: baselineTimes.map((t) => +t.toFixed(2)),
  };
}
console.log(JSON.stringify(result, null, 2));
const ok = assignMicros < 5 && indexBytesPerHit / storedBytesPerHit < 0.15;
console.log(ok ? 'visits: within bounds' : 'visits: OUT OF BOUNDS');
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
