// `node scripts/bench/bulk-stall.mjs` (after `npm run build`): how long the largest requests
// the limits allow hold the capture server's event loop, measured inside the server with
// monitorEventLoopDelay (loop-delay-probe.mjs). Each request is sent alone to an idle server,
// BULK_STALL_ROUNDS times (default 3); the longest delay of each round is printed, and as a
// baseline the same for a single page view, measured in the same run. Wall-clock figures: on a
// loaded machine other processes add to them, so read them beside `uptime`.
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

const cases = [
  { name: 'one page view (baseline)', path: '/matomo.php?idsite=1&rec=1&action_name=Base' },
  { name: '3,000-entry bulk', body: bulkOf(3_000) },
  { name: '10,000-entry bulk', body: bulkOf(10_000) },
  { name: '10,000-entry bulk of 2 KB entries', body: bulkOf(10_000, 700) },
];

async function delays(server, file) {
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 100; i++) {
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

const dir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-stall-'));
const file = join(dir, 'loop.json');
const server = await startHitscope(join(dir, 'data'), [], undefined, file);
try {
  // Bodies past the default 10 MB cap are allowed by raising it, as a user may.
  const limits = await fetch(`${server.url}/api/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ limits: { maxBodyBytes: 64 * MB } }),
  });
  if (!limits.ok) throw new Error(`raising the body limit answered ${limits.status}`);
  await send(`${server.url}/matomo.php?idsite=1&rec=1&action_name=Warm`);
  const results = [];
  for (const c of cases) {
    const maxima = [];
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await delays(server, file);
      const answer = c.body
        ? await send(`${server.url}/matomo.php`, { method: 'POST', body: c.body })
        : await send(`${server.url}${c.path}`);
      if (answer.status !== 200 && answer.status !== 204) {
        throw new Error(`${c.name} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
      }
      // The hits are read back too, as the UI would right after.
      await fetch(`${server.url}/api/hits?limit=100`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }).then((res) => res.arrayBuffer());
      maxima.push((await delays(server, file)).maxMs);
    }
    const size = c.body ? `${(Buffer.byteLength(c.body) / MB).toFixed(1)} MB` : '-';
    results.push({ request: c.name, body: size, maxDelayMs: maxima.map((m) => Math.round(m)) });
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
