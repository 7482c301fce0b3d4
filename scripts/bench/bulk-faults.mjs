// `node scripts/bench/bulk-faults.mjs [posts]` (after `npm run build`): the memory the capture
// server touches for the first time per bulk of 10,000 page views (run.mjs, part 2), counted as
// the minor page faults of its process (/proc/<pid>/stat), before the answer and in all, beside
// its processor time split into user and system time. Each fault is a page the system maps and
// clears on first write (a buffer freshly allocated, a heap grown again); on a virtual machine
// that costs microseconds each, and the count, unlike milliseconds, does not move with the
// machine's load. `BENCH_BASE_ROOT` names a built checkout measured in the same run,
// alternating. Linux only.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkBody } from './hits.mjs';
import { send } from './http.mjs';
import { startHitscope, stop } from './processes.mjs';
import { median } from './baseline.mjs';
import { BULK_HEADERS, buildsToCompare, settle } from './bulk-posts.mjs';

const POSTS = Number(process.argv[2] ?? 4);
const ROUNDS = 2;
const roots = buildsToCompare();
const headers = BULK_HEADERS;
const pause = settle;
const body = bulkBody(10_000);

/** Minor faults and processor milliseconds (user, system) of a process so far. */
function countersOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // USER_HZ is 100 on Linux: a tick is 10 ms.
  return {
    faults: Number(fields[7]),
    userMs: Number(fields[11]) * 10,
    systemMs: Number(fields[12]) * 10,
  };
}

const since = (before, after) => ({
  faults: after.faults - before.faults,
  userMs: after.userMs - before.userMs,
  systemMs: after.systemMs - before.systemMs,
});

/** One server of `root`: the counters of each of POSTS bulks, before the answer and in all. */
async function bulksOf(root) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-faults-'));
  const server = await startHitscope(dataDir, [], undefined, undefined, root);
  const url = `${server.url}/matomo.php`;
  // The first bulks grow the heap and warm the detector: not part of any figure.
  await send(url, { method: 'POST', body: bulkBody(1_000), headers });
  await pause();
  await send(url, { method: 'POST', body, headers });
  await pause();
  const bulks = [];
  for (let i = 0; i < POSTS; i++) {
    const before = countersOf(server.child.pid);
    const answer = await send(url, { method: 'POST', body, headers });
    if (answer.status !== 204) throw new Error(`bulk answered ${answer.status}`);
    const answered = countersOf(server.child.pid);
    await pause();
    bulks.push({
      beforeAnswer: since(before, answered),
      all: since(before, countersOf(server.child.pid)),
    });
  }
  await stop(server.child);
  rmSync(dataDir, { recursive: true, force: true });
  return bulks;
}

const results = new Map(roots.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Rotating who goes first: neither build always meets the other's leftovers.
  const order = round % 2 === 0 ? roots : [...roots].reverse();
  for (const [name, root] of order) results.get(name).push(...(await bulksOf(root)));
}
const rows = [];
for (const [name, bulks] of results) {
  for (const part of ['beforeAnswer', 'all']) {
    rows.push({
      build: name,
      part,
      faults: median(bulks.map((bulk) => bulk[part].faults)),
      userMs: median(bulks.map((bulk) => bulk[part].userMs)),
      systemMs: median(bulks.map((bulk) => bulk[part].systemMs)),
    });
  }
}
console.log(`${ROUNDS * POSTS} bulks of 10,000 page views per build, medians`);
console.table(rows);
