// Each admin route on a large capture, with a tracking probe sent meanwhile, this build against
// a baseline build in the same run, rounds alternating (`node scripts/bench/admin-stall.mjs`).
// BENCH_ADMIN_HITS hits (300,000) are stored once, by bulks, in BENCH_ADMIN_DIR (kept for the
// next run when given); BENCH_BASE_ROOT names the checkout of the baseline build (none: this
// build alone); BENCH_ADMIN_ROUNDS rounds (1); BENCH_ADMIN_IMPORT hits in the NDJSON import
// (100,000), of 500 visitors (BENCH_ADMIN_IMPORT_VISITORS: fewer makes larger visits; 1: every
// line one visitor's); BENCH_ADMIN_ROUTES a comma-separated subset of the route names below.
// Each route is measured by the server's CPU time (/proc, 10 ms ticks), its longest turn of the event loop in CPU time and in
// wall time (loop-delay-probe.mjs) and by its probe's slowest answer. Routes that change the
// data (import, reset) run on a copy of the capture, last.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMicrosOf, loopFiguresOf, startHitscope, stop } from './processes.mjs';
import { bulkOf, postBulk, readBackOver } from './scale.mjs';
import { send } from './http.mjs';
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';
import { probeWhile } from './tracking-probe.mjs';

const HITS = Number(process.env.BENCH_ADMIN_HITS ?? 300_000);
const ROUNDS = Number(process.env.BENCH_ADMIN_ROUNDS ?? 1);
const IMPORTED = Number(process.env.BENCH_ADMIN_IMPORT ?? 100_000);
const IMPORT_VISITORS = Number(process.env.BENCH_ADMIN_IMPORT_VISITORS ?? 500);
const ONLY = process.env.BENCH_ADMIN_ROUTES?.split(',');
const BULK = 10_000;
const AUTH = { authorization: 'Bearer bench-token' };
const JSON_BODY = { ...AUTH, 'content-type': 'application/json' };
const own = fileURLToPath(new URL('../../', import.meta.url));
const builds = [
  ...(process.env.BENCH_BASE_ROOT ? [['baseline', process.env.BENCH_BASE_ROOT]] : []),
  ['this build', own],
];

const dir = process.env.BENCH_ADMIN_DIR ?? mkdtempSync(join(tmpdir(), 'hitscope-admin-'));
const capture = join(dir, 'capture');
if (!existsSync(join(capture, 'hits.ndjson'))) {
  const server = await startHitscope(capture);
  for (let b = 0; b * BULK < HITS; b++) {
    await postBulk(server.url, bulkOf(Math.min(BULK, HITS - b * BULK), b * BULK, b === 0));
  }
  await stop(server.child);
}

/** An NDJSON file of `count` exported hits, as the import route takes it. */
function importBody(from, count) {
  const lines = [];
  for (let i = from; i < from + count; i++) {
    lines.push(
      JSON.stringify({
        requestId: `imp-${i}`,
        index: 0,
        transport: 'get',
        method: 'GET',
        path: '/matomo.php',
        rawQuery: pageviewQuery(HITS + i, 0).replace(
          /&_id=[0-9a-f]+/,
          `&_id=${(0x5a2b3c4d5e6f7a8bn + BigInt(i % IMPORT_VISITORS)).toString(16).padStart(16, '0').slice(-16)}`,
        ),
        receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
        userAgent: BROWSER_HEADERS['user-agent'],
        remoteAddress: '127.0.0.1',
      }),
    );
  }
  return JSON.stringify({ content: lines.join('\n'), name: 'bench.ndjson' });
}

const get = (path) => async (url) => send(`${url}${path}`, { headers: AUTH });
/** Route name → one call of it (given what earlier calls found). */
const ROUTES = {
  summary: get('/api/summary'),
  hits: get('/api/hits?limit=100'),
  hitsFiltered: get('/api/hits?limit=100&fields=compact&param.e_c=Video'),
  hitsTyped: get(
    `/api/hits?limit=100&fields=compact&query=${encodeURIComponent('type:event e_c:Video')}`,
  ),
  hitsText: get('/api/hits?limit=100&fields=compact&q=clip-'),
  visits: get('/api/visits?limit=100'),
  visitsFiltered: get('/api/visits?limit=100&param.e_c=Video'),
  visitsVisitor: get('/api/visits?limit=100&visitor=nobody'),
  // The largest visit of the newest page (the newest visit may be the probe's own).
  visitDetail: async (url) => {
    const page = JSON.parse((await send(`${url}/api/visits?limit=100`, { headers: AUTH })).text);
    const [largest] = page.visits.sort((a, b) => b.hitIds.length - a.hitIds.length);
    return send(`${url}/api/visits/${encodeURIComponent(largest.id)}`, { headers: AUTH });
  },
  runs: get('/api/runs'),
  run: get('/api/runs/no-such-run'),
  failedRequests: get('/api/requests?failed=1'),
  history: get('/api/history'),
  settings: get('/api/settings'),
  reform: async (url, found) =>
    send(`${url}/api/settings`, {
      method: 'PUT',
      headers: JSON_BODY,
      body: JSON.stringify({ sites: [{ idsite: 1, visitStandardLength: 600 + found.round }] }),
    }),
  validate: async (url) =>
    send(`${url}/api/validate`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ url: `/matomo.php?${pageviewQuery(1)}&x=${'v'.repeat(500_000)}` }),
    }),
  // Files of 50,000 lines: one of 100,000 is more than an import body may be.
  import: async (url, found) => {
    let answer;
    for (const body of found.importBodies) {
      answer = await send(`${url}/api/import`, { method: 'POST', headers: JSON_BODY, body });
      if (answer.status !== 200) break;
    }
    return answer;
  },
  reset: async (url) =>
    send(`${url}/api/reset`, { method: 'POST', headers: JSON_BODY, body: '{}' }),
};
const CHANGING = new Set(['import', 'reset']);

async function once(root, round, found) {
  const work = join(dir, 'work');
  rmSync(work, { recursive: true, force: true });
  cpSync(capture, work, { recursive: true });
  const loopFile = join(dir, 'loop.json');
  const server = await startHitscope(work, [], undefined, loopFile, root);
  const loop = () => loopFiguresOf(server.child, loopFile);
  // Waits for the read-back of the data file and the visits formed, then measures afresh.
  const read = async (path) =>
    JSON.parse((await send(`${server.url}${path}`, { headers: AUTH })).text);
  await readBackOver(server.url);
  let first;
  while (!(first = await read('/api/visits?limit=1')).visits.length)
    await new Promise((r) => setTimeout(r, 200));
  // The first visits are listed while the rest are still being formed, in slices: the
  // routes are measured once that work is over (the server's CPU at rest), not beside it.
  for (let cpu = cpuMicrosOf(server.child.pid); ;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuMicrosOf(server.child.pid);
    if (now - cpu < 50_000) break;
    cpu = now;
  }
  found.visitId = first.visits[0].id;
  found.round = round;
  const rows = [];
  const names = Object.keys(ROUTES).filter((name) => !ONLY || ONLY.includes(name));
  names.sort((a, b) => Number(CHANGING.has(a)) - Number(CHANGING.has(b)));
  for (const name of names) {
    await new Promise((r) => setTimeout(r, 300));
    await loop();
    const load = loadavg()[0];
    const started = performance.now();
    const cpuBefore = cpuMicrosOf(server.child.pid);
    const { result, slowest } = await probeWhile(server.url, ROUTES[name](server.url, found));
    const ms = performance.now() - started;
    const cpuMs = (cpuMicrosOf(server.child.pid) - cpuBefore) / 1000;
    const delay = await loop();
    rows.push({ name, status: result.status, ms, cpuMs, slowest, delay, load });
  }
  await stop(server.child);
  rmSync(work, { recursive: true, force: true });
  return rows;
}

const f = (n) => Number(n).toFixed(0);
const IMPORT_FILE = 50_000;
const found = {
  importBodies: Array.from({ length: Math.ceil(IMPORTED / IMPORT_FILE) }, (_, i) =>
    importBody(i * IMPORT_FILE, Math.min(IMPORT_FILE, IMPORTED - i * IMPORT_FILE)),
  ),
};
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const [build, root] of order) {
    for (const r of await once(root, round, found)) {
      console.log(
        `round ${round + 1} ${build.padEnd(10)} ${r.name.padEnd(15)} ${r.status} in ${f(r.ms).padStart(6)} ms, server CPU ${f(r.cpuMs).padStart(5)} ms; ` +
          `turn CPU max ${f(r.delay.maxTurnCpuMs).padStart(5)} ms (main thread ${f(r.delay.maxTurnMainCpuMs).padStart(4)}), loop max ${f(r.delay.maxMs).padStart(5)} ms, ` +
          `GC max ${f(r.delay.gcMaxMs)} ms; probe max ${f(r.slowest)} ms; load ${r.load.toFixed(2)}`,
      );
    }
  }
}
if (!process.env.BENCH_ADMIN_DIR) rmSync(dir, { recursive: true, force: true });
