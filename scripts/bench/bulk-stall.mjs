// `node scripts/bench/bulk-stall.mjs` (after `npm run build`): how long the largest requests
// the limits allow hold the capture server's event loop, measured inside the server with
// monitorEventLoopDelay (loop-delay-probe.mjs). Each request is sent alone to an idle server,
// BULK_STALL_ROUNDS times (default 3); the longest delay of each round is printed, and as a
// baseline the same for a single page view, measured in the same run. Each round measures
// three moments: arrival (the request, then the hits page the UI reads right after), the hit
// read on demand (GET /api/hits/:id) and a restart (a new server on the same data dir reading
// the file back, then the hits page and the hit by id again). Wall-clock figures: on a
// loaded machine other processes add to them, so read them beside `uptime` and beside the
// processor-time figure (cpu, see loop-delay-probe.mjs). BULK_STALL_CASES=form,query runs only
// the cases whose name contains one of the words; BENCH_ROOT measures another checkout's build.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { send } from './http.mjs';
import { startHitscope, stop } from './processes.mjs';

const ROUNDS = Number(process.env.BULK_STALL_ROUNDS ?? 3);
const TOKEN = 'bench-token';
const MB = 1024 * 1024;

/** A long user agent of its own for entry n (distinct agents: the detector's worst case). */
function userAgentOf(n) {
  const extensions = Array.from({ length: 12 }, (_, i) => `Ext${i}/${n}.${i}`).join(' ');
  return (
    `Mozilla/5.0 (Linux; Android 14; Pixel ${n}) AppleWebKit/537.36 (KHTML, like Gecko) ` +
    `Chrome/${100 + (n % 30)}.0.${n}.0 Mobile Safari/537.36 ${extensions} ${'Build/X'.repeat(20)}`
  );
}

/** A bulk of `entries` page views, each `padding` characters longer than its user agent makes it. */
function bulkOf(entries, padding = 0) {
  const pad = padding > 0 ? `&x=${'p'.repeat(padding)}` : '';
  const requests = Array.from(
    { length: entries },
    (_, n) => `?idsite=1&rec=1&action_name=P${n}&ua=${encodeURIComponent(userAgentOf(n))}${pad}`,
  );
  return JSON.stringify({ requests });
}

/** One page view whose parameters fill `bytes`: `count` extra parameters, or one long one. */
function pageViewOf(bytes, count) {
  const head = 'idsite=1&rec=1&action_name=Big';
  if (count === 1) return `${head}&x=${'v'.repeat(bytes - head.length - 3)}`;
  const each = Math.floor(bytes / count);
  const extra = Array.from({ length: count }, (_, n) => {
    const name = `p${n}=`;
    return `${name}${'v'.repeat(Math.max(1, each - name.length - 1))}`;
  });
  return `${head}&${extra.join('&')}`;
}

/** A form-encoded page view carrying `name` as one JSON text of megabytes. */
function jsonParamOf(name, value) {
  return `idsite=1&rec=1&action_name=Json&${name}=${encodeURIComponent(JSON.stringify(value))}`;
}
const products = (count) =>
  Array.from({ length: count }, (_, n) => [`SKU${n}`, `Name ${n}`, ['c1', 'c2'], 12.5, 2]);
const brands = (count) => ({
  platform: 'Windows',
  platformVersion: '15.0.0',
  fullVersionList: Array.from({ length: count }, (_, n) => ({ brand: `B${n}`, version: `1.${n}` })),
});
const slots = (count) =>
  Object.fromEntries(Array.from({ length: count }, (_, n) => [String(n), [`name${n}`, `v${n}`]]));

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const allCases = [
  { name: 'one page view (baseline)', path: '/matomo.php?idsite=1&rec=1&action_name=Base' },
  { name: '3,000-entry bulk', body: bulkOf(3_000) },
  { name: '10,000-entry bulk', body: bulkOf(10_000) },
  { name: '10,000-entry bulk of 2 KB entries', body: bulkOf(10_000, 700) },
  {
    name: '500 KB query of 20,000 parameters',
    path: `/matomo.php?${pageViewOf(500 * 1024, 20_000)}`,
  },
  { name: '8 MB form body of one value', body: pageViewOf(8 * MB, 1), headers: FORM },
  {
    name: '8 MB form body of 100,000 parameters',
    body: pageViewOf(8 * MB, 100_000),
    headers: FORM,
  },
  {
    name: '8 MB bulk entry of 100,000 parameters',
    body: JSON.stringify({ requests: [`?${pageViewOf(8 * MB, 100_000)}`] }),
  },
  {
    name: '8 MB form body of ec_items (95,000 products)',
    body: `${jsonParamOf('ec_items', products(95_000))}&idgoal=0&revenue=10`,
    // An order id of each round's own: Matomo rejects an order sent twice (ec_id.duplicate).
    query: (round) => `?ec_id=O${round}`,
    headers: FORM,
  },
  { name: '7 MB form body of uadata', body: jsonParamOf('uadata', brands(100_000)), headers: FORM },
  { name: '8 MB form body of _cvar', body: jsonParamOf('_cvar', slots(140_000)), headers: FORM },
  {
    // A bulk entry sent as a JSON object: PHP does not limit its keys, every one is read.
    name: '8 MB JSON-object bulk entry of 100,000 keys',
    body: JSON.stringify({
      requests: [Object.fromEntries(new URLSearchParams(pageViewOf(8 * MB, 100_000)))],
    }),
  },
];
const only = process.env.BULK_STALL_CASES?.split(',');
const cases = allCases.filter(
  (c, i) => i === 0 || only === undefined || only.some((word) => c.name.includes(word)),
);

async function delays(server, file) {
  server.child.kill('SIGUSR2');
  // The server may still be busy with the previous request (storing it, indexing it): the
  // probe answers once its loop is free, which under load can take many seconds.
  for (let i = 0; i < 3000; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    try {
      const text = readFileSync(file, 'utf8');
      rmSync(file);
      return JSON.parse(text);
    } catch {
      // Not written yet.
    }
  }
  throw new Error('the loop-delay probe did not answer');
}

const api = (url, path) =>
  fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((res) => {
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  });

/** The hits page the UI reads, then the newest hit by id: what the inspector shows. */
async function readBack(url) {
  const page = await api(url, '/api/hits?limit=100');
  return page.hits[0].id;
}

const dir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-stall-'));
const file = join(dir, 'loop.json');
const dataDir = join(dir, 'data');
// BENCH_ROOT: the checkout whose build is measured (a baseline's, to compare); none: this one.
const root = process.env.BENCH_ROOT;
let server = await startHitscope(dataDir, [], undefined, file, root);
try {
  // Bodies past the default 10 MB cap and URLs past 8 KB are allowed by raising the limits, as
  // a user may.
  const limits = await fetch(`${server.url}/api/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      limits: { maxBodyBytes: 64 * MB, maxUrlLength: 512 * 1024, maxParamValueLength: 16 * MB },
    }),
  });
  if (!limits.ok) throw new Error(`raising the body limit answered ${limits.status}`);
  await send(`${server.url}/matomo.php?idsite=1&rec=1&action_name=Warm`);
  const results = [];
  for (const c of cases) {
    const figures = { arrival: [], byId: [], restart: [] };
    const note = (moment, measured) =>
      figures[moment].push(`${Math.round(measured.maxMs)}/${Math.round(measured.maxTurnCpuMs)}`);
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await delays(server, file);
      const answer = c.body
        ? await send(`${server.url}/matomo.php${c.query?.(round) ?? ''}`, {
            method: 'POST',
            body: c.body,
            headers: c.headers,
          })
        : await send(`${server.url}${c.path}`);
      if (answer.status !== 200 && answer.status !== 204) {
        throw new Error(`${c.name} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      }
      const id = await readBack(server.url);
      note('arrival', await delays(server, file));
      await api(server.url, `/api/hits/${id}`);
      note('byId', await delays(server, file));

      await stop(server.child);
      server = await startHitscope(dataDir, [], undefined, file, root);
      // Loading the program is not the read-back: start counting once it listens. A search
      // answers once the whole data file is read back.
      await delays(server, file);
      await api(server.url, '/api/hits?limit=1&q=no-such-text');
      await api(server.url, `/api/hits/${await readBack(server.url)}`);
      note('restart', await delays(server, file));
    }
    const size = c.body ? `${(Buffer.byteLength(c.body) / MB).toFixed(1)} MB` : '-';
    results.push({
      request: c.name,
      body: size,
      'arrival ms wall/cpu': figures.arrival.join(' '),
      'by id': figures.byId.join(' '),
      restart: figures.restart.join(' '),
    });
  }
  console.table(results);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await stop(server.child);
  rmSync(dir, { recursive: true, force: true });
}
