// `node scripts/bench/bulk-profile.mjs [posts]` (after `npm run build`): where the capture
// server's processor time goes for the bench's bulk of 10,000 page views. The server runs under
// the V8 profiler; each bulk is posted, then given a pause (bulk-posts.mjs) for the work after its answer
// (search entries, visits). Only the samples of those windows count, startup and the device
// detector's warm-up left out. Each sample is put in the stage of the innermost function on
// its stack that names one (STAGES), the collector's own time apart; printed in milliseconds
// per bulk, the share before the answer too. The figures are those of a profiled server
// (sampling costs too): compare stages, not totals with bulk-cpu.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulkBody } from './hits.mjs';
import { BULK_HEADERS as headers, settle as pause } from './bulk-posts.mjs';
import { send } from './http.mjs';
import { stop } from './processes.mjs';

const POSTS = Number(process.argv[2] ?? 5);
const root = fileURLToPath(new URL('../../', import.meta.url));

/** Stages by the functions that do them; the first stage naming a function wins. */
const STAGES = [
  ['garbage collection', ['(garbage collector)']],
  ['body reading, UTF-8 check', ['readBody', 'joinInSlices', 'rawRequestOf']],
  ['per-entry query parsing', ['entryFromQuery']],
  ['bulk JSON parse', ['parseRequestSteps', 'parseBulkBytesSteps', 'bulkOfJson']],
  ['analysis: decode values', ['decodeEntry', 'decodeEntrySteps']],
  ['analysis: validate', ['validateEntry', 'validateEntrySteps']],
  ['analysis: classify', ['classifyHit']],
  ['analysis: summary, site search', ['summarizeHit', 'detectSiteSearch', 'siteSearchSettings']],
  ['analysis: device', ['deviceOrDetection', 'paramsForDevice']],
  ['analysis: answer, bulk abort', ['predictResponse', 'applyBulkAbort']],
  ['analysis: the rest', ['analysisSteps', 'analyzeRequestInSlices']],
  ['records (toDtos)', ['toDtosInSlices', 'toDtos', 'tagRun', 'responseRecord']],
  [
    'line encoding, compact hits',
    ['encodeLineInSlices', 'encodeInSlices', 'encodeLine', 'storedRequestOf', 'compactHit'],
  ],
  ['writing', ['append', 'writev', 'writeBuffers']],
  ['visit and device assignment', ['drainBacklog', 'assign']],
  ['search entries', ['addOne', 'drain']],
  ['indexing, window', ['commit', 'setHits', 'addLine', 'insert', 'count']],
  ['answer', ['writeAnswer']],
];
const stageOf = new Map();
for (const [stage, names] of STAGES) for (const name of names) stageOf.set(name, stage);

const profileDir = mkdtempSync(join(tmpdir(), 'hitscope-bulk-profile-'));
const dataDir = join(profileDir, 'data');
const child = spawn(
  process.execPath,
  [
    '--cpu-prof',
    '--cpu-prof-dir',
    profileDir,
    '--cpu-prof-interval',
    '250',
    `${root}bin/hitscope.js`,
    ...['serve', '--port', '0', '--data-dir', dataDir, '--token', 'bench-token'],
    ...['--log-level', 'warn'],
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise((resolve, reject) => {
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    text += chunk;
    const found = /Tracker: (http:\/\/[^/\s]+\/matomo\.php)/.exec(text);
    if (found) resolve(found[1]);
  });
  child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${text}`)));
});
// The profiler's clock and process.hrtime are the same monotonic clock, in microseconds.
const micros = () => Number(process.hrtime.bigint() / 1000n);
await send(url, { method: 'POST', body: bulkBody(1_000), headers }); // warm-up
await pause();
const body = bulkBody(10_000);
const windows = [];
for (let i = 0; i < POSTS; i++) {
  const started = micros();
  const answer = await send(url, { method: 'POST', body, headers });
  if (answer.status !== 204) throw new Error(`bulk answered ${answer.status}`);
  const answered = micros();
  await pause();
  windows.push({ started, answered, settled: micros() });
}
await stop(child);

const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
rmSync(profileDir, { recursive: true, force: true });
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id);
const ms = new Map();
const beforeAnswer = new Map();
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i];
  const window = windows.find((w) => at >= w.started && at <= w.settled);
  if (!window) continue;
  let id = profile.samples[i];
  if (nodes.get(id).callFrame.functionName === '(idle)') continue;
  let stage = 'the rest (event loop, timers, runtime)';
  for (; id !== undefined; id = parentOf.get(id)) {
    const named = stageOf.get(nodes.get(id).callFrame.functionName);
    if (named) {
      stage = named;
      break;
    }
  }
  const took = (profile.timeDeltas[i + 1] ?? 0) / 1000 / POSTS;
  ms.set(stage, (ms.get(stage) ?? 0) + took);
  if (at <= window.answered) beforeAnswer.set(stage, (beforeAnswer.get(stage) ?? 0) + took);
}
const total = [...ms.values()].reduce((sum, value) => sum + value, 0);
const answeredAfter = [...beforeAnswer.values()].reduce((sum, value) => sum + value, 0);
console.log(
  `${POSTS} bulks, busy ${total.toFixed(0)} ms per bulk (${answeredAfter.toFixed(0)} before the answer)`,
);
console.table(
  [...ms]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, value]) => ({
      stage,
      msPerBulk: Number(value.toFixed(1)),
      share: `${((100 * value) / total).toFixed(1)}%`,
      beforeAnswerMs: Number((beforeAnswer.get(stage) ?? 0).toFixed(1)),
    })),
);
