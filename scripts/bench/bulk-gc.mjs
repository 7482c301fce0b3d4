// `node scripts/bench/bulk-gc.mjs [posts]` (after `npm run build`): what the capture server's
// garbage collector does for the bench's bulk of 10,000 page views (run.mjs, part 2), read from
// V8's own trace (`--trace-gc-nvp`): collections, their pauses, and the bytes the young
// generation promoted to the old one. Promoted bytes are the objects a bulk keeps alive across
// collections (its entries, analyses, records until they are stored and announced); unlike
// milliseconds, they do not move with the machine's load, so they compare two builds on a
// shared machine. `BENCH_BASE_ROOT` names a built checkout measured in the same run,
// alternating. The split at the answer is by the order in which the trace and the answer
// arrive here: a collection or two around the answer may fall on either side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkBody } from './hits.mjs';
import { send } from './http.mjs';
import { startHitscope, stop } from './processes.mjs';
import { median } from './baseline.mjs';
import { BULK_HEADERS, buildsToCompare, settle } from './bulk-posts.mjs';

const POSTS = Number(process.argv[2] ?? 3);
const roots = buildsToCompare();
const headers = BULK_HEADERS;
const pause = settle;
const body = bulkBody(10_000);

// The server's flags (processes.mjs reads them at each start), the trace added to any given.
process.env.BENCH_SERVER_NODE_ARGS = `${process.env.BENCH_SERVER_NODE_ARGS ?? ''} --trace-gc-nvp`;

const field = (line, name) => Number(new RegExp(`\\b${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);

/** Sums the collections of a stretch of the trace. */
function summed(lines) {
  const sum = { scavenges: 0, markCompacts: 0, pauseMs: 0, promotedMB: 0 };
  for (const line of lines) {
    if (/\bgc=s\b/.test(line)) sum.scavenges++;
    else if (/\bgc=(mc|ms|mmc)\b/.test(line)) sum.markCompacts++;
    else continue;
    sum.pauseMs += field(line, 'pause');
    sum.promotedMB += field(line, 'promoted') / 1e6;
  }
  return sum;
}

/** One server of `root`, one bulk: the trace's collections before and after the answer. */
async function oneBulk(root) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-gc-'));
  const server = await startHitscope(dataDir, [], undefined, undefined, root);
  let trace = [];
  let pending = '';
  server.child.stdout.on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    trace.push(...lines);
  });
  const url = `${server.url}/matomo.php`;
  await send(url, { method: 'POST', body: bulkBody(1_000), headers }); // warm-up
  await pause();
  trace = [];
  const answer = await send(url, { method: 'POST', body, headers });
  if (answer.status !== 204) throw new Error(`bulk answered ${answer.status}`);
  const beforeAnswer = summed(trace);
  trace = [];
  await pause();
  const afterAnswer = summed(trace);
  await stop(server.child);
  rmSync(dataDir, { recursive: true, force: true });
  return { beforeAnswer, afterAnswer };
}

const rounds = new Map(roots.map(([name]) => [name, []]));
for (let i = 0; i < POSTS; i++) {
  for (const [name, root] of roots) rounds.get(name).push(await oneBulk(root));
}
const medianOf = (runs, part, key) => Number(median(runs.map((run) => run[part][key])).toFixed(1));
const rows = [];
for (const [name, runs] of rounds) {
  for (const part of ['beforeAnswer', 'afterAnswer']) {
    rows.push({
      build: name,
      part,
      scavenges: medianOf(runs, part, 'scavenges'),
      markCompacts: medianOf(runs, part, 'markCompacts'),
      pauseMs: medianOf(runs, part, 'pauseMs'),
      promotedMB: medianOf(runs, part, 'promotedMB'),
    });
  }
}
console.log(`${POSTS} bulks of 10,000 page views per build, medians, a fresh server each`);
console.table(rows);
