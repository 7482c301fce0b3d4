// `node scripts/bench/ingest-profile.mjs [hitscope|floor] [root]` (after `npm run build`): where
// the processor time of single-hit ingest goes, under the load run.mjs's ingest drives
// (autocannon, 10 connections, matomo.js page views). `hitscope`: the capture server of the
// checkout at `root` (this one by default; another one's build gives a baseline); `floor`: the
// analysing floor (bare-server.mjs with that checkout's protocol engine bundled, sending
// Hitscope's exact answer), to set beside it. The server runs under the V8 profiler; only the
// samples of the measured run count (startup, the device detector's warm-up and a warm-up run
// left out). Printed in microseconds per request: the time by stage (STAGES), and the self time
// by source file (through the bundle's source map); BENCH_PROFILE_FUNCTIONS=n adds the n
// functions of most self time, BENCH_PROFILE_INCLUSIVE=n the n of most time with their callees.
// The figures are those of a profiled server (sampling costs too) on a machine maybe busy with
// other work: compare stages between builds or with the floor, not totals with run.mjs's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';
import { startHitscope, stop } from './processes.mjs';
import { bundleAnalysis } from './source-bundle.mjs';

const which = process.argv[2] ?? 'hitscope';
const root = resolve(process.argv[3] ?? fileURLToPath(new URL('../../', import.meta.url)));
const here = fileURLToPath(new URL('.', import.meta.url));
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
const functions = Number(process.env.BENCH_PROFILE_FUNCTIONS ?? 0);
const inclusiveRows = Number(process.env.BENCH_PROFILE_INCLUSIVE ?? 0);

/**
 * Stages by where a sample's time is spent: the kernel calls and the collector by the leaf
 * function, the rest by the source file of the innermost frame that has one (the first
 * pattern that matches it wins).
 */
const LEAF_STAGES = new Map([
  ['writev', 'answer: socket write (kernel)'],
  ['writeBuffer', 'data file write (kernel)'],
  ['writeBuffers', 'data file write (kernel)'],
  ['(garbage collector)', 'collector'],
]);
const FILE_STAGES = [
  [/^shared\/matomo\/|<bundle>\/engine\.mjs/, 'analysis (protocol engine)'],
  [/^electron\/server\/storage\/(search-|raw-pair-match)/, 'search entries'],
  [/^electron\/server\/storage\/append-log/, 'storing: append log'],
  [/^electron\/server\/storage\//, 'storing: records, line, window, index'],
  [/^electron\/server\/dto\.ts/, 'records (DTOs)'],
  [/^(electron\/server\/visits|shared\/visits)\//, 'visits'],
  [/^electron\/server\/admin\//, 'announcement listeners, live stream'],
  [/^electron\/server\/logger|node_modules\/pino/, 'logger'],
  [/^electron\/server\/tracking\/|^electron\/server\/server\.ts/, 'tracking handler, answer'],
  [/bare-server\.mjs$/, 'bare server (journal, answer)'],
];
const NO_STAGE = 'node:http, event loop, runtime';

function requests() {
  return Array.from({ length: 50 }, (_, n) => ({
    method: 'GET',
    path: `/matomo.php?${pageviewQuery(n)}`,
  }));
}
const cannon = (url, duration) =>
  autocannon({
    url,
    connections: 10,
    duration,
    headers: BROWSER_HEADERS,
    requests: requests(),
  });

function started(child, pattern) {
  return new Promise((resolveStart, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const found = pattern.exec(text);
      if (found) resolveStart(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${text}`)));
  });
}

/** Hitscope's answer to a benchmark page view (as run.mjs's trackingAnswer gets it). */
async function trackingAnswer() {
  const probe = await startHitscope(join(dir, 'probe'), [], undefined, undefined, root);
  const res = await fetch(`${probe.url}/matomo.php?${pageviewQuery(0)}`, {
    headers: BROWSER_HEADERS,
  });
  const body = Buffer.from(await res.arrayBuffer());
  await stop(probe.child);
  const headers = {};
  for (const [name, value] of res.headers) {
    if (!['date', 'connection', 'keep-alive', 'content-length'].includes(name))
      headers[name] = value;
  }
  return { status: res.status, headers, body: body.toString('base64') };
}

const dir = mkdtempSync(join(tmpdir(), 'hitscope-ingest-profile-'));
const profiling = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200'];
let child;
let url;
if (which === 'floor') {
  const engine = await bundleAnalysis(root, dir, 'engine');
  const answer = await trackingAnswer();
  child = spawn(
    process.execPath,
    [
      ...profiling,
      join(here, 'bare-server.mjs'),
      JSON.stringify(answer),
      join(dir, 'journal.ndjson'),
      engine,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  url = `http://127.0.0.1:${await started(child, /listening (\d+)/)}`;
} else {
  child = spawn(
    process.execPath,
    [
      ...profiling,
      join(root, 'bin/hitscope.js'),
      ...['serve', '--port', '0', '--data-dir', join(dir, 'data'), '--token', 'bench-token'],
      ...['--log-level', 'warn'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  url = await started(child, /Tracker: (http:\/\/[^/\s]+)\/matomo\.php/);
  await new Promise((r) => setTimeout(r, 4000)); // the device detector's warm-up
}
await cannon(url, 3); // warm-up
const micros = () => Number(process.hrtime.bigint() / 1000n);
const from = micros();
const run = await cannon(url, SECONDS);
const to = micros();
await stop(child);

const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const id of node.children ?? []) parentOf.set(id, node.id);

const maps = new Map();
function sourceOf(frame) {
  const script = frame.url;
  if (!script.startsWith('file://')) return script || frame.functionName;
  const path = fileURLToPath(script);
  if (!maps.has(path))
    maps.set(
      path,
      existsSync(`${path}.map`) ? new TraceMap(readFileSync(`${path}.map`, 'utf8')) : null,
    );
  const map = maps.get(path);
  const original = map
    ? originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber })
    : null;
  if (!original?.source) return path.startsWith(dir) ? `<bundle>${path.slice(dir.length)}` : path;
  const source = resolve(join(path, '..'), original.source);
  const inRoot = relative(root, source);
  return inRoot.startsWith('..') ? source : inRoot;
}

const stageOfNode = new Map();
function stageOf(leafId) {
  const leafStage = LEAF_STAGES.get(nodes.get(leafId).callFrame.functionName);
  if (leafStage) return leafStage;
  let found = stageOfNode.get(leafId);
  if (found !== undefined) return found;
  found = NO_STAGE;
  for (let id = leafId; id !== undefined; id = parentOf.get(id)) {
    const frame = nodes.get(id).callFrame;
    if (!frame.url.startsWith('file://')) continue;
    const source = sourceOf(frame);
    const match = FILE_STAGES.find(([pattern]) => pattern.test(source));
    if (match) {
      found = match[1];
      break;
    }
  }
  stageOfNode.set(leafId, found);
  return found;
}

/** `file function` of a profile node, worked out once per node. */
const nameOfNode = new Map();
function nameOf(id) {
  let name = nameOfNode.get(id);
  if (name === undefined) {
    const frame = nodes.get(id).callFrame;
    const file = sourceOf(frame).replace(/node_modules\/([^/]+)\/.*/, 'node_modules/$1');
    name = { file, fn: `${file} ${frame.functionName || '(anonymous)'}`, ours: frame.url !== '' };
    nameOfNode.set(id, name);
  }
  return name;
}

const byFile = new Map();
const byStage = new Map();
const byFunction = new Map();
const inclusive = new Map();
const add = (map, key, took) => map.set(key, (map.get(key) ?? 0) + took);
let busy = 0;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  if (at < from || at > to) continue;
  const id = profile.samples[i];
  if (nodes.get(id).callFrame.functionName === '(idle)') continue;
  const took = profile.timeDeltas[i + 1] ?? 0;
  busy += took;
  const leaf = nameOf(id);
  add(byFile, leaf.file, took);
  add(byFunction, leaf.fn, took);
  add(byStage, stageOf(id), took);
  if (inclusiveRows === 0) continue;
  const onStack = new Set();
  for (let up = id; up !== undefined; up = parentOf.get(up)) {
    const name = nameOf(up);
    if (name.ours) onStack.add(name.fn);
  }
  for (const name of onStack) add(inclusive, name, took);
}
rmSync(dir, { recursive: true, force: true });
const count = run.requests.total;
const table = (map, limit) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, value]) => ({ name, microsPerRequest: Number((value / count).toFixed(2)) }));
console.log(
  `${which}: ${count} requests, ${Math.round(run.requests.average)} req/s, busy ${(busy / count).toFixed(1)} µs per request (profiled)`,
);
console.table(table(byStage, 20));
console.table(table(byFile, Number(process.env.BENCH_PROFILE_FILES ?? 25)));
if (functions > 0) console.table(table(byFunction, functions));
if (inclusiveRows > 0) console.table(table(inclusive, inclusiveRows));
