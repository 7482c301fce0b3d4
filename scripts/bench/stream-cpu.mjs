// `node scripts/bench/stream-cpu.mjs`: the CPU a live stream costs when a bulk is announced,
// measured in-process (a capture server built from the sources, and its stream read in the
// same process). For each kind of subscriber (none, one compact, one full) it posts a bulk of
// STREAM_CPU_ENTRIES (default 10,000) page views and waits for the last hit to arrive on the
// stream; it prints the longest turn (CPU of one callback, as the stall tests count it) and the
// process's total CPU. CPU time, not wall time: a loaded machine moves it little. Each figure is
// a fresh process; with BENCH_BASE_ROOT (another checkout's sources) the two builds alternate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleForNode } from './source-bundle.mjs';

const ENTRIES = Number(process.env.STREAM_CPU_ENTRIES ?? 10_000);
const ROUNDS = Number(process.env.STREAM_CPU_ROUNDS ?? 3);
const TOKEN = 'bench-token';
const END = 'StreamBenchEnd';

/** Bundles the capture server of `root` into one module (the sources are TypeScript). */
const bundle = (root, dir) =>
  bundleForNode(
    dir,
    'server',
    [
      `export { startCaptureServer } from '${resolve(root, 'electron/server/server.ts')}';`,
      `export { warmDeviceDetector } from '${resolve(root, 'shared/matomo/user-agent.ts')}';`,
      `export { DEFAULT_LIMITS } from '${resolve(root, 'electron/server/settings-validation.ts')}';`,
      // The same monitor for every build: the one the stall tests use.
      `export { startStallMonitor } from '${resolve('test-support/capture/stall-monitor.ts')}';`,
    ],
    [resolve(root, 'node_modules')],
  );

function post(url, body) {
  return new Promise((done, fail) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => res.resume().on('end', () => done(res.statusCode)));
    req.on('error', fail);
    req.end(body);
  });
}

/** Opens the stream and answers a promise that resolves once `marker` has arrived. */
function openStream(url, marker) {
  return new Promise((opened, fail) => {
    const req = get(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    req.on('error', fail);
    req.on('response', (res) => {
      let found = () => {};
      const arrived = new Promise((r) => (found = r));
      let tail = Buffer.alloc(0);
      res.on('data', (chunk) => {
        if (Buffer.concat([tail, chunk]).includes(marker)) found();
        tail = chunk.subarray(-256);
      });
      opened({ arrived, close: () => req.destroy() });
    });
  });
}

/** One measurement in this process: `fields` is none, compact or full. */
async function measure(serverModule, fields) {
  const { startCaptureServer, warmDeviceDetector, DEFAULT_LIMITS, startStallMonitor } =
    await import(serverModule);
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-stream-cpu-'));
  warmDeviceDetector();
  const server = await startCaptureServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    token: TOKEN,
    debugMode: 'on-demand',
    maxHits: 100_000,
    logLevel: 'warn',
    logToStderr: false,
    limits: DEFAULT_LIMITS,
  });
  await post(`${server.url}/matomo.php`, JSON.stringify({ requests: ['?idsite=1&rec=1'] }));
  const stream =
    fields === 'none'
      ? undefined
      : await openStream(`${server.url}/api/stream?fields=${fields}`, END);
  const requests = Array.from(
    { length: ENTRIES },
    (_, n) =>
      `?idsite=1&rec=1&_id=0123456789abcdef&action_name=Page${n}&url=https%3A%2F%2Fshop.example%2Fp%2F${n}`,
  );
  const body = JSON.stringify({ requests });
  const start = process.cpuUsage();
  const monitor = startStallMonitor();
  const status = await post(`${server.url}/matomo.php`, body);
  if (status !== 200) throw new Error(`the bulk was answered ${status}`);
  await post(
    `${server.url}/matomo.php`,
    JSON.stringify({ requests: [`?idsite=1&rec=1&action_name=${END}`] }),
  );
  await stream?.arrived;
  // Work that follows the announcement (visits) counts alike whatever is subscribed.
  await new Promise((r) => setTimeout(r, 300));
  const longestMs = monitor.longestMs();
  monitor.stop();
  const used = process.cpuUsage(start);
  stream?.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { longestMs, totalMs: (used.user + used.system) / 1000 };
}

if (process.argv[2] === '--child') {
  const result = await measure(process.argv[3], process.argv[4]);
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'hitscope-stream-cpu-build-'));
const builds = [['this', await bundle(process.cwd(), mkdtempSync(join(dir, 'this-')))]];
if (process.env.BENCH_BASE_ROOT) {
  builds.push([
    'baseline',
    await bundle(process.env.BENCH_BASE_ROOT, mkdtempSync(join(dir, 'base-'))),
  ]);
}
console.log(
  `${ENTRIES}-entry bulk, ${ROUNDS} rounds, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const rows = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const fields of ['none', 'compact', 'full']) {
    for (const [name, file] of builds) {
      const out = execFileSync(process.execPath, [process.argv[1], '--child', file, fields], {
        encoding: 'utf8',
      });
      const { longestMs, totalMs } = JSON.parse(out);
      rows.push({ name, fields, longestMs, totalMs });
      console.log(
        `${name.padEnd(8)} ${fields.padEnd(7)} longest turn ${longestMs.toFixed(1).padStart(6)} ms CPU, total ${totalMs.toFixed(0).padStart(5)} ms CPU`,
      );
    }
  }
}
console.log(
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
rmSync(dir, { recursive: true, force: true });
