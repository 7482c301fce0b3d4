// `node scripts/bench/warm-up.mjs [base-checkout]`: how long a fresh server's first tracking
// answer waits for the device detector's warm-up, and what that warm-up costs:
//   1. the warm-up's parts (bot patterns, each parser list, the closing full detections) and,
//      for each, the share of the patterns' first runs (bytecode) and second runs (machine
//      code), as the warm-up of a0c796d ran them (warm-up-probe.mjs `parts`), and the same
//      parts with each pattern run once on a long text instead (machine code at once);
//   2. the checkout's own warm-up in one piece: processor and wall-clock time, steps, longest
//      step; then the first detection of each of a few real user agents right after it, and
//      that first detection with no warm-up at all (a fresh process for each figure);
//   3. a server's start in-process (warm-up-probe.mjs `start`): the warm-up in turns and one
//      page view of each user agent analysed at once, as the server does, without HTTP and
//      storage: the processor time until each is answered and until the warm-up is over
//      (steady on a machine whose cores are shared, where wall-clock times are not);
//   4. `hitscope serve` started afresh, the five user agents' page views sent together as soon
//      as it prints its tracker URL: time to the first and to the last answer, with the machine
//      idle and with other processes competing for the processor (BENCH_WARM_UP_LOAD spinning
//      processes, 1: what a CI runner doing other work sees). The devices stored are compared
//      between the checkouts.
// Given another checkout (built, e.g. an older commit), each figure is measured for both in
// alternating order, round by round (BENCH_WARM_UP_ROUNDS, 5), and medians are printed side
// by side; figures are written to bench-results/warm-up.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './source-bundle.mjs';
import { median } from './baseline.mjs';
import { send } from './http.mjs';
import { pageviewQuery } from './hits.mjs';
import { startHitscope, stop } from './processes.mjs';

const ROUNDS = Number(process.env.BENCH_WARM_UP_ROUNDS ?? 5);
const LOAD = Number(process.env.BENCH_WARM_UP_LOAD ?? 1);
const here = resolve(import.meta.dirname, '../..');
const probe = fileURLToPath(new URL('warm-up-probe.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hitscope-warm-up-bench-'));

const USER_AGENTS = {
  'desktop Chrome':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Safari iOS':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  'Android app':
    'Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 308.0.0.36.109 Android',
  bot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  unknown: 'Hitscope bench client/1.0 (nothing known)',
};

/** The detection of the checkout at `root`, bundled for the probe. */
const bundleOf = (root, name) =>
  bundleForNode(
    dir,
    name,
    [
      `export { detectDevice, deviceWarmUpInSteps } from '${root}/shared/matomo/user-agent';`,
      `export { keepCompiledPatterns } from '${root}/shared/matomo/device-warm-up';`,
      `export { toJsPattern } from '${root}/shared/matomo/bots/detect';`,
      `export { BOT_PATTERNS } from '${root}/shared/matomo/bots/patterns';`,
      `export { default as DeviceDetector } from 'node-device-detector';`,
      `export { analyzeRequestInSlices } from '${root}/shared/matomo/analyze';`,
      `export * from '${root}/electron/server/warm-up';`,
    ],
    [join(root, 'node_modules')],
  );

function runProbe(bundle, ...args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [probe, bundle, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolveRun(JSON.parse(out)) : reject(new Error(`probe exited with ${code}`)),
    );
  });
}

/** Processes spinning until stopped: other work competing for the processor. */
function startLoad() {
  const spin = 'for (;;) {}';
  return Array.from({ length: LOAD }, () =>
    spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }),
  );
}

async function firstAnswers(root) {
  const data = mkdtempSync(join(dir, 'data-'));
  const started = performance.now();
  const { child, url } = await startHitscope(data, [], undefined, undefined, root);
  const listening = performance.now();
  const answered = {};
  const statuses = await Promise.all(
    Object.entries(USER_AGENTS).map(async ([label, agent], n) => {
      const answer = await send(`${url}/matomo.php?${pageviewQuery(n)}`, {
        headers: { 'user-agent': agent },
      });
      answered[label] = performance.now() - listening;
      return answer.status;
    }),
  );
  const page = await fetch(`${url}/api/hits?limit=10`, {
    headers: { authorization: 'Bearer bench-token' },
  }).then((res) => res.json());
  await stop(child);
  rmSync(data, { recursive: true, force: true });
  if (statuses.some((status) => status !== 200)) throw new Error(`answers ${statuses}`);
  const devices = page.hits
    .map(({ device }) => JSON.stringify(device))
    .sort()
    .join('\n');
  return {
    listeningMs: listening - started,
    firstAnswerMs: Math.min(...Object.values(answered)),
    lastAnswerMs: Math.max(...Object.values(answered)),
    answered,
    devices,
  };
}

const checkouts = [{ name: 'this', root: here }];
if (process.argv[2]) checkouts.push({ name: 'base', root: resolve(process.argv[2]) });
for (const checkout of checkouts) checkout.bundle = await bundleOf(checkout.root, checkout.name);
/** The checkouts in the order of round `round`: each goes first as often as the other. */
const inTurn = (round) => (round % 2 === 0 ? checkouts : [...checkouts].reverse());

const samples = {};
const add = (key, name, value) => ((samples[key] ??= {})[name] ??= []).push(value);

const partRuns = [];
/** The same parts, each pattern warmed by one run on a long text instead. */
const longRuns = [];
for (let round = 0; round < ROUNDS; round++) {
  partRuns.push(await runProbe(checkouts[0].bundle, 'parts'));
  longRuns.push(await runProbe(checkouts[0].bundle, 'parts', 'long'));
  for (const [label, agent] of Object.entries(USER_AGENTS)) {
    for (const { name, bundle } of inTurn(round)) {
      const warm = await runProbe(bundle, 'steps', agent);
      add('warm-up processor ms', name, warm.warmUp.cpuMs);
      add('warm-up wall ms', name, warm.warmUp.wallMs);
      add('warm-up steps', name, warm.warmUp.steps);
      add('warm-up longest step ms', name, warm.warmUp.longestStepMs);
      add(`${label}: first detection after the warm-up, ms`, name, warm.first.wallMs);
      const cold = await runProbe(bundle, 'cold', agent);
      add(`${label}: first detection without warm-up, ms`, name, cold.first.wallMs);
    }
  }
  for (const { name, bundle } of inTurn(round)) {
    const started = await runProbe(bundle, 'start', JSON.stringify(USER_AGENTS));
    for (const [label, at] of Object.entries(started.answered)) {
      add(`in-process start: ${label} answered after, processor ms`, name, at.cpuMs);
    }
    add('in-process start: warm-up over after, processor ms', name, started.warmedUp.cpuMs);
    add('in-process start: warm-up over after, wall ms', name, started.warmedUp.wallMs);
  }
  for (const load of ['idle', 'loaded']) {
    const burners = load === 'loaded' ? startLoad() : [];
    try {
      const devices = new Set();
      for (const { name, root } of inTurn(round)) {
        const figures = await firstAnswers(root);
        add(`${load}: listening after spawn, ms`, name, figures.listeningMs);
        add(`${load}: first answer after listening, ms`, name, figures.firstAnswerMs);
        add(`${load}: last answer after listening, ms`, name, figures.lastAnswerMs);
        for (const [label, ms] of Object.entries(figures.answered)) {
          add(`${load}: ${label} answered after listening, ms`, name, ms);
        }
        devices.add(figures.devices);
      }
      if (devices.size > 1) throw new Error(`the checkouts stored other devices:\n${[...devices]}`);
    } finally {
      for (const burner of burners) burner.kill();
    }
  }
  process.stdout.write(`round ${round + 1} of ${ROUNDS} done\n`);
}

const round1 = (value) => (value === undefined ? '' : value.toFixed(1));

/** Medians of the parts' figures over the rounds, printed under `title`. */
function printParts(title, runs) {
  const parts = Object.fromEntries(
    Object.keys(runs[0].parts).map((part) => {
      const ofPart = runs.map((run) => run.parts[part]);
      const figure = (key) =>
        ofPart[0][key] === undefined ? undefined : median(ofPart.map((f) => f[key]));
      const keys = ['patterns', 'buildMs', 'firstRunMs', 'secondRunMs', 'wallMs'];
      return [part, Object.fromEntries(keys.map((key) => [key, figure(key)]))];
    }),
  );
  console.log(`\n${title} (median of ${ROUNDS}):`);
  console.log('part'.padEnd(40), 'patterns', 'build ms', 'first run ms', 'second run ms');
  for (const [part, f] of Object.entries(parts)) {
    if (f.patterns === undefined) {
      console.log(part.padEnd(40), `${round1(f.wallMs)} ms in all`);
      continue;
    }
    console.log(
      part.padEnd(40),
      String(f.patterns).padStart(8),
      round1(f.buildMs).padStart(8),
      round1(f.firstRunMs).padStart(12),
      round1(f.secondRunMs).padStart(13),
    );
  }
  const total = {
    processorMs: median(runs.map((run) => run.total.cpuMs)),
    wallMs: median(runs.map((run) => run.total.wallMs)),
  };
  console.log(`all: ${round1(total.processorMs)} ms processor, ${round1(total.wallMs)} ms wall`);
  return { parts, total };
}

const twoRuns = printParts('Compiling the patterns as a0c796d did', partRuns);
const oneLongRun = printParts('The same with one run on a long text each', longRuns);

const medians = Object.fromEntries(
  Object.entries(samples).map(([key, byName]) => [
    key,
    Object.fromEntries(Object.entries(byName).map(([name, values]) => [name, median(values)])),
  ]),
);
console.log(`\nMedians of ${ROUNDS} alternating rounds:`);
console.log(''.padEnd(58), ...checkouts.map(({ name }) => name.padStart(10)));
for (const [key, byName] of Object.entries(medians)) {
  console.log(key.padEnd(58), ...checkouts.map(({ name }) => round1(byName[name]).padStart(10)));
}
mkdirSync(join(here, 'bench-results'), { recursive: true });
writeFileSync(
  join(here, 'bench-results', 'warm-up.json'),
  `${JSON.stringify({ rounds: ROUNDS, twoRuns, oneLongRun, medians, samples }, null, 2)}\n`,
);
rmSync(dir, { recursive: true, force: true });
