// One measurement of the device detector's warm-up in a fresh process (warm-up.mjs starts it:
// compiled patterns outlive a measurement, so each needs a process of its own). Given a bundle
// of a checkout's detection (warm-up.mjs bundles it) and a mode, it prints JSON:
//   parts          what compiling each part's patterns costs, and the share of each pattern's
//                  first run (the engine builds and interprets its bytecode) and second run
//                  (it compiles machine code), as the warm-up of a0c796d ran them, then its
//                  two closing full detections;
//   parts long     the same, each pattern run once on a text of over 1,000 characters (the
//                  engine then compiles machine code at once);
//   steps <agent>  the checkout's own warm-up, step by step, then the first detection of the
//                  user agent;
//   cold <agent>   the first detection of the user agent with no warm-up at all;
//   start <json>   a server's start without its HTTP and storage: the warm-up run in turns
//                  as the server runs it, and one page view of each user agent (a JSON map
//                  of names to user agents) analysed at once as the server analyses it;
//                  when each is answered (wall clock and this process's processor time
//                  since the start), and when the warm-up is over.
const [bundle, mode, variant] = process.argv.slice(2);
const userAgent = variant;
const engine = await import(bundle);

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};
/** Wall-clock and processor milliseconds of `work`. */
function timed(work) {
  const wall = performance.now();
  const cpu = cpuMs();
  work();
  return { wallMs: performance.now() - wall, cpuMs: cpuMs() - cpu };
}

/** The product's own path for one new device: bot check, then the library's detection. */
const detectOnce = (agent) => engine.detectDevice({ 'user-agent': agent }, {});

// The prefix node-device-detector and the bot list put before every pattern.
const PREFIX = '(?:^|[^A-Z0-9_-]|[^A-Z0-9-]_|sprd-|MZ-)';
const TEXT = 'Hitscope warm-up';
const LONG_TEXT = `${TEXT}${'\n'.repeat(1024)}`;
const PARSER_LISTS = ['deviceParserList', 'osParserList', 'clientParserList', 'vendorParserList'];

function parts() {
  const figures = {};
  const warm = (part, build) => {
    const entry = (figures[part] ??= { patterns: 0, buildMs: 0, firstRunMs: 0, secondRunMs: 0 });
    let started = performance.now();
    const pattern = build();
    entry.buildMs += performance.now() - started;
    started = performance.now();
    pattern.exec(variant === 'long' ? LONG_TEXT : TEXT);
    entry.firstRunMs += performance.now() - started;
    if (variant !== 'long') {
      started = performance.now();
      pattern.exec(TEXT);
      entry.secondRunMs += performance.now() - started;
    }
    entry.patterns++;
  };
  const total = timed(() => {
    // The bot list as bots/detect.ts compiles it: groups of 48 entries and each entry alone.
    const sources = engine.BOT_PATTERNS.map(([source]) => engine.toJsPattern(source));
    for (let start = 0; start < sources.length; start += 48) {
      const group = sources.slice(start, start + 48);
      warm('bots (combined)', () => new RegExp(`${PREFIX}(?:${group.join('|')})`, 'i'));
      for (const one of group) warm('bots (entries)', () => new RegExp(`${PREFIX}(?:${one})`, 'i'));
    }
    const detector = new engine.DeviceDetector({
      clientIndexes: true,
      deviceIndexes: true,
      osIndexes: true,
    });
    engine.keepCompiledPatterns(detector);
    for (const list of PARSER_LISTS) {
      for (const [name, parser] of Object.entries(detector[list] ?? {})) {
        if (typeof parser?.getBaseRegExp !== 'function') continue;
        for (const entry of Object.values(parser.collection ?? {})) {
          if (typeof entry?.regex !== 'string') continue;
          warm(`${list}.${name}`, () => parser.getBaseRegExp(entry.regex));
        }
      }
    }
    figures['final detections'] = timed(() => {
      for (let run = 0; run < 2; run++) detector.detect(TEXT);
    });
  });
  return { total, parts: figures };
}

function steps() {
  let count = 0;
  let longestMs = 0;
  const warmUp = timed(() => {
    for (const step of engine.deviceWarmUpInSteps()) {
      const started = performance.now();
      step();
      longestMs = Math.max(longestMs, performance.now() - started);
      count++;
    }
  });
  return { warmUp: { ...warmUp, steps: count, longestStepMs: longestMs }, first: first() };
}

function first() {
  let device;
  const figures = timed(() => (device = detectOnce(userAgent)));
  return { ...figures, browser: device.browser, os: device.os, model: device.model };
}

/** The server's wiring of a0c796d, where the checkout has none of its own. */
const waitForTheEnd = (warmUp) => () => (warmUp.finished() ? null : warmUp.done);
const SLICE_MS = 8;

async function start() {
  const agents = JSON.parse(variant);
  const wall = performance.now();
  const cpu = cpuMs();
  const since = () => ({ wallMs: performance.now() - wall, cpuMs: cpuMs() - cpu });
  const warmUp = engine.runInTurns(engine.deviceWarmUpInSteps());
  const slicing = {
    pause: () => new Promise((resolve) => setImmediate(resolve)),
    sliceMs: SLICE_MS,
    beforeDetection: engine.detectionAheadOf?.(warmUp, SLICE_MS) ?? waitForTheEnd(warmUp),
  };
  const answered = {};
  await Promise.all(
    Object.entries(agents).map(async ([label, agent], n) => {
      const hit = {
        method: 'GET',
        path: '/matomo.php',
        query: `idsite=1&rec=1&action_name=Start${n}`,
        headers: { 'user-agent': agent },
        body: new Uint8Array(0),
      };
      await engine.analyzeRequestInSlices(hit, { now: 0, sites: [] }, slicing);
      answered[label] = since();
    }),
  );
  await warmUp.done;
  return { answered, warmedUp: since() };
}

const result =
  mode === 'parts'
    ? parts()
    : mode === 'steps'
      ? steps()
      : mode === 'start'
        ? await start()
        : { first: first() };
process.stdout.write(`${JSON.stringify(result)}\n`);
