// An export of every stored hit with a tracking probe sent meanwhile, this build against a
// baseline build in the same run, rounds alternating (`node scripts/bench/export-stall.mjs`).
// BENCH_EXPORT_HITS hits (300,000) are stored once, by bulks, in BENCH_EXPORT_DIR (kept for
// the next run when given); BENCH_BASE_ROOT names the checkout of the baseline build (none:
// this build alone); BENCH_EXPORT_ROUNDS rounds (2), BENCH_EXPORT_FORMAT ndjson|csv|har.
// Each export is measured by its probe's answers (slowest, p99, median) and by the server's
// own event-loop delay and garbage collections (loop-delay-probe.mjs).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loopFiguresOf, startHitscope, stop } from './processes.mjs';
import { bulkOf, exportWithProbe, postBulk, readBackOver } from './scale.mjs';

const HITS = Number(process.env.BENCH_EXPORT_HITS ?? 300_000);
const ROUNDS = Number(process.env.BENCH_EXPORT_ROUNDS ?? 2);
const FORMAT = process.env.BENCH_EXPORT_FORMAT ?? 'ndjson';
const BULK = 10_000;
const own = fileURLToPath(new URL('../../', import.meta.url));
const builds = [
  ...(process.env.BENCH_BASE_ROOT ? [['baseline', process.env.BENCH_BASE_ROOT]] : []),
  ['this build', own],
];

const dir = process.env.BENCH_EXPORT_DIR ?? mkdtempSync(join(tmpdir(), 'hitscope-export-'));
if (!existsSync(join(dir, 'hits.ndjson'))) {
  const server = await startHitscope(dir);
  for (let b = 0; b * BULK < HITS; b++) {
    await postBulk(server.url, bulkOf(Math.min(BULK, HITS - b * BULK), b * BULK, b === 0));
  }
  await stop(server.child);
}

async function once(root) {
  const loopFile = join(dir, 'loop.json');
  const server = await startHitscope(dir, [], undefined, loopFile, root);
  // Waits for the read-back of the data file (the summary carries `readBack` until it is
  // over: a page without a filter is answered before), then starts the loop figures afresh.
  await readBackOver(server.url);
  const loop = () => loopFiguresOf(server.child, loopFile);
  await loop();
  const load = loadavg()[0];
  const exported = await exportWithProbe(server.url, 600_000, FORMAT);
  const delay = await loop();
  await stop(server.child);
  return { ...exported, loop: delay, load };
}

const f = (n) => Number(n).toFixed(0);
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const [name, root] of order) {
    const r = await once(root);
    console.log(
      `round ${round + 1} ${name}: ${FORMAT} ${r.hitsExported} lines in ${(r.ms / 1000).toFixed(1)} s; ` +
        `probe max ${f(r.probeMaxMs)} p99 ${f(r.probeP99Ms)} median ${f(r.probeMedianMs)} ms over ${r.probes}; ` +
        `loop max ${f(r.loop.maxMs)} p99 ${f(r.loop.p99Ms)} ms, turn CPU max ${f(r.loop.maxTurnCpuMs)} ms, ` +
        `GC max ${f(r.loop.gcMaxMs)} ms (${r.loop.gcOver30} > 30 ms); load ${r.load.toFixed(2)}`,
    );
  }
}
if (!process.env.BENCH_EXPORT_DIR) rmSync(dir, { recursive: true, force: true });
