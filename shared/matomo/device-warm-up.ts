// The device detector's patterns, compiled once and kept, and its warm-up cut into steps of
// a few milliseconds.
// - node-device-detector builds a new RegExp from each pattern's text on every detection
//   (parser/device-abstract-parser.js and friends call getBaseRegExp per entry). The engine
//   only keeps compiled patterns until its next full garbage collection: after one, a user
//   agent no entry matches took 1–3 s of CPU again (measured with node --expose-gc). Each
//   parser of the one detector instance gets a getBaseRegExp that keeps its RegExp per
//   pattern text: the library's patterns are a fixed set (~25 MB of compiled code once all
//   are used), and a kept RegExp stays compiled.
// - The first run of each pattern compiles it: the first detection took 1–2 s in one piece,
//   during which a server answered nothing. The steps below compile the same patterns a few
//   milliseconds at a time, so a server runs one per event-loop turn and never stalls.
// - A detection run in settleWithin (warm-patterns.ts) compiles the kept patterns it meets
//   itself, and is abandoned when its allowance is spent: keepCompiledPatterns tells it.
import { warmBotPatternSteps } from './bots/detect';
import { patternInUse, warmPattern } from './warm-patterns';

/** What the warm-up reads of the library's parsers (node-device-detector keeps them public). */
interface PatternParser {
  collection?: unknown;
  getBaseRegExp?: (source: string) => RegExp;
}

/** Parser lists of node-device-detector whose patterns `detect()` runs. */
const PARSER_LISTS = ['deviceParserList', 'osParserList', 'clientParserList', 'vendorParserList'];
/** Work per step, in milliseconds: a step ends after the pattern that passes this. */
const STEP_BUDGET_MS = 8;
const TEXT = 'Hitscope warm-up';

/**
 * The warm-up of the bot list and of `detector`, one step per call; `detectOnce` runs a full
 * detection of a text (the last steps, once every pattern is compiled, check the whole path).
 */
export function* deviceWarmUpSteps(
  detector: object,
  detectOnce: (userAgent: string) => void,
): Generator<() => void> {
  yield* warmBotPatternSteps();
  const sources = parsersOf(detector).flatMap((parser) =>
    patternSources(parser.collection).map((source) => ({ parser, source })),
  );
  let next = 0;
  // Each step compiles until its budget is spent, so the steps must run as they are taken.
  while (next < sources.length) {
    const at = next;
    yield () => {
      const started = Date.now();
      while (next < sources.length && Date.now() - started < STEP_BUDGET_MS) {
        const { parser, source } = sources[next++]!;
        warmPattern(parser.getBaseRegExp!(source));
      }
    };
    if (next === at) throw new Error('Each warm-up step must run before the next is taken');
  }
  for (let run = 0; run < 2; run++) yield () => detectOnce(TEXT);
}

/**
 * Makes every parser of `detector` keep the RegExp it builds from each pattern text. Bounded:
 * the texts are the library's own patterns, not user input.
 */
export function keepCompiledPatterns(detector: object): void {
  for (const parser of parsersOf(detector)) {
    const build = parser.getBaseRegExp!.bind(parser);
    const kept = new Map<string, RegExp>();
    parser.getBaseRegExp = (source: string) => {
      let pattern = kept.get(source);
      if (pattern === undefined) {
        pattern = build(source);
        kept.set(source, pattern);
      }
      patternInUse(pattern);
      return pattern;
    };
  }
}

/** Runs every step at once (tests, and callers that do not mind the stall). */
export function runWarmUp(steps: Iterable<() => void>): void {
  for (const step of steps) step();
}

function parsersOf(detector: object): PatternParser[] {
  const lists = detector as Record<string, unknown>;
  const parsers: PatternParser[] = [];
  for (const name of PARSER_LISTS) {
    const list = lists[name];
    if (list === null || typeof list !== 'object') continue;
    for (const parser of Object.values(list as Record<string, PatternParser>)) {
      if (typeof parser?.getBaseRegExp === 'function') parsers.push(parser);
    }
  }
  return parsers;
}

/** The `regex` of every entry of a parser's collection (an array or a map by brand). */
function patternSources(collection: unknown): string[] {
  if (collection === null || typeof collection !== 'object') return [];
  const sources: string[] = [];
  for (const entry of Object.values(collection as Record<string, { regex?: unknown }>)) {
    if (typeof entry?.regex === 'string') sources.push(entry.regex);
  }
  return sources;
}
