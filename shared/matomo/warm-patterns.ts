// Compiling the device detector's patterns ahead of use, and detections run ahead of that
// warm-up on what it has compiled so far.
// - The engine (V8) first compiles a pattern to bytecode and interprets it, and compiles it to
//   machine code on its second run: warmPattern runs it twice. (Run first on a text of 1,000
//   characters or more, it compiles machine code at once, for a third less processor time;
//   but a phone's first detection after such a warm-up took some 15 ms more processor time,
//   and later detections must not be slower: not kept.)
// - settleWithin runs a detection that compiles the patterns it meets, warm-up style, until
//   an allowance of time is spent, and abandons it there: run again a turn later, it finds
//   them compiled and goes on. A request whose device needs few patterns (a desktop browser:
//   a few dozen) is so answered in a few turns instead of after the whole warm-up.
// Runs in the browser bundle too: no Node imports.

const TEXT = 'Hitscope warm-up';

/** Patterns compiled to machine code by warmPattern. */
const warm = new WeakSet<RegExp>();

/** Thrown through a detection that settleWithin abandons; never seen outside it. */
const NOT_SETTLED = new Error('The detection needs patterns the warm-up has not compiled yet');

/**
 * While a detection runs in settleWithin: its allowance, when it ends (counted from its first
 * compilation: the patterns it runs again before are not what it is for), and the patterns
 * compiled so far.
 */
let allowance: { ms: number; until: number; compiled: number } | null = null;
/**
 * Patterns each try compiles at least, however long they take: on a machine whose cores are
 * busy with other work the clock runs on while the try waits for one, and a try that compiled
 * one pattern each time would need a try per pattern.
 */
const LEAST_PER_TRY = 4;

/** Compiles `pattern` to machine code now (its match results are not used). */
export function warmPattern(pattern: RegExp): void {
  // The first run is interpreted, the second compiles to machine code.
  for (let run = 0; run < 2; run++) pattern.exec(TEXT);
  warm.add(pattern);
}

/**
 * Called by detection code before it runs `pattern`: inside settleWithin, compiles it first
 * if needed, or abandons the detection when its allowance is spent (having compiled a few
 * patterns, so that each try gets further). Outside, does nothing.
 */
export function patternInUse(pattern: RegExp): void {
  if (allowance === null || warm.has(pattern)) return;
  if (allowance.compiled === 0) allowance.until = Date.now() + allowance.ms;
  else if (allowance.compiled >= LEAST_PER_TRY && Date.now() >= allowance.until) {
    throw NOT_SETTLED;
  }
  warmPattern(pattern);
  allowance.compiled++;
}

/**
 * Runs `detection`, compiling the patterns it meets for up to `ms` milliseconds: its result,
 * or null when it needs more (it was abandoned: a detection that records its result does so
 * only once it has it, so nothing of it is kept). Each try runs the patterns compiled by the
 * tries before again (microseconds each) before it compiles the next: a caller bounds the
 * tries of one detection.
 */
export function settleWithin<T>(ms: number, detection: () => T): { value: T } | null {
  allowance = { ms, until: 0, compiled: 0 };
  try {
    return { value: detection() };
  } catch (error) {
    if (error === NOT_SETTLED) return null;
    throw error;
  } finally {
    allowance = null;
  }
}

/** Passes the abandon of a settleWithin try through code that catches a detection's errors. */
export function rethrowIfNotSettled(error: unknown): void {
  if (error === NOT_SETTLED) throw error;
}
