// `node --expose-gc scripts/bench/bulk-cpu.mjs [posts]` (after `npm run build`): the capture
// server's processor time for the bench's bulk of 10,000 page views (run.mjs, part 2), as a
// ratio of JSON.parse + URLSearchParams of the same payload in this process. Processor time,
// not time to the answer: on a machine whose cores are shared, the wall-clock ratio of run.mjs
// moves by a factor of two from run to run, this one far less. It counts what a bulk costs the
// server in all: the answer, then its search entries and visits (built after the answer, so
// each bulk is followed by a pause).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkBody } from './hits.mjs';
import { BULK_HEADERS as headers, settle as pause } from './bulk-posts.mjs';
import { cpuMicrosOf, startHitscope, stop } from './processes.mjs';
import { send } from './http.mjs';
import { bulkParseBaselineMs, median } from './baseline.mjs';

const POSTS = Number(process.argv[2] ?? 5);

const body = bulkBody(10_000);
const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-cpu-'));
const server = await startHitscope(dataDir);
const url = `${server.url}/matomo.php`;
await send(url, { method: 'POST', body: bulkBody(1_000), headers }); // warm-up
await pause();
const cpu = [];
for (let i = 0; i < POSTS; i++) {
  const before = cpuMicrosOf(server.child.pid);
  const answer = await send(url, { method: 'POST', body, headers });
  if (answer.status !== 204) throw new Error(`bulk answered ${answer.status}`);
  await pause();
  cpu.push((cpuMicrosOf(server.child.pid) - before) / 1000);
}
await stop(server.child);
const baselineMs = bulkParseBaselineMs(body, 'cpu');
console.log({
  baselineCpuMs: baselineMs,
  serverCpuMsPerBulk: median(cpu),
  ratio: median(cpu) / baselineMs,
  rounds: cpu,
});
rmSync(dataDir, { recursive: true, force: true });
