// Whether a data file line may hold a hit a filter matches, told from its bytes before any of
// its hits is parsed (parsing costs some 20 µs a hit; a regular expression over the bytes
// reads hundreds of megabytes a second). A line passes when, for each group of needles the
// filter names (filter-needles.ts), it holds a spelling of one of them, or anything that
// could spell one:
// - a needle itself, in any case (the filters compare values ignoring case);
// - a percent-escape of any of its characters (`%56ideo` is `Video`), `+` for its spaces;
// - any `\u` (a JSON escape: `\u0056ideo`, in the line or in a bulk's JSON body within it),
//   and `\/` for its slashes;
// - for a needle with a letter a JSON escape is made of (`\n`, `\u0001`): the escapes of
//   control characters and surrogates, which a listed parameter's text (the JSON of its
//   items) writes that way;
// - the characters whose lower case is an ASCII letter of it: `K` (Kelvin sign) is `k`,
//   `İ` is `i` and a dot;
// - a body kept in base64 (its parameters are not the line's text), and for a needle a
//   number's text could hold, parameters kept as JSON (a hand-written `1e3` reads `1000`).
// A line that passes is parsed and its hits tested as before: the test only ever rules out.

/** The needles' characters that JSON escapes of control characters and surrogates spell. */
const ESCAPE_LETTERS = /[bfnrtu]/;

/** A needle a number's text could hold: such a text is not always spelled as the line has it. */
const NUMBER_TEXT = /^[0-9.e+-]+$/;

/**
 * In a line, the line is parsed whatever else it holds: a JSON escape of any character, a
 * body kept in base64 (its parameters are not the line's text).
 */
const ALWAYS = [Buffer.from('\\u'), Buffer.from('base64"')];

/** Parameters kept as JSON values, whose numbers a hand-written line may spell otherwise. */
const KEPT_PARAMS = Buffer.from('"params":');

/** Bytes scanned at once: the scan gives the event loop back between such chunks. */
const CHUNK_BYTES = 1024 * 1024;

/** Bytes a chunk reads of the one before (at least): a spelling cut in two is read whole. */
const OVERLAP_BYTES = 64;

/** A code point and the ASCII letter its lower case holds, as UTF-8 bytes. */
const FOLDS_TO_ASCII: readonly { letter: string; bytes: readonly number[] }[] = [
  { letter: 'k', bytes: [0xe2, 0x84, 0xaa] },
  { letter: 'i', bytes: [0xc4, 0xb0] },
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const hex = (byte: number): string => byte.toString(16).padStart(2, '0');

/** The alternatives that may spell one of `needles` in a line read as Latin-1 text. */
function spellings(needles: readonly string[]): string[] {
  const alternatives = needles.map(escapeRegExp);
  const chars = new Set(needles.join(''));
  const bytes = new Set<number>();
  for (const char of chars) {
    bytes.add(char.charCodeAt(0));
    bytes.add(char.toUpperCase().charCodeAt(0));
  }
  alternatives.push(`%(?:${[...bytes].map(hex).join('|')})`);
  if (chars.has(' ')) alternatives.push('\\+');
  if (chars.has('/')) alternatives.push('\\\\/');
  if (needles.some((needle) => ESCAPE_LETTERS.test(needle))) {
    alternatives.push('%[01][0-9a-f]', '%ed', '\\\\[bfnrt]');
  }
  for (const { letter, bytes: utf8 } of FOLDS_TO_ASCII) {
    if (!chars.has(letter)) continue;
    alternatives.push(utf8.map((byte) => `\\x${hex(byte)}`).join(''));
    alternatives.push(utf8.map((byte) => `%${hex(byte)}`).join(''));
  }
  return alternatives;
}

/** The byte test of a walk: whether `bytes` (one line) may hold a match. */
export type LinePreCheck = (bytes: Buffer, pause: () => Promise<void>) => Promise<boolean>;

/** The test for needle `groups` (filterNeedles), or null when there are none. */
export function linePreCheck(groups: readonly (readonly string[])[]): LinePreCheck | null {
  if (groups.length === 0) return null;
  // Longer needles first: they rule out more lines, and the first group not found ends it.
  const longest = (needles: readonly string[]) => Math.min(...needles.map((n) => n.length));
  const tests = [...groups]
    .sort((a, b) => longest(b) - longest(a))
    .map((needles) => new RegExp(spellings(needles).join('|'), 'i'));
  const always = groups.flat().some((needle) => NUMBER_TEXT.test(needle))
    ? [...ALWAYS, KEPT_PARAMS]
    : ALWAYS;
  const overlap = Math.max(OVERLAP_BYTES, ...groups.flat().map((needle) => needle.length));
  return async (bytes, pause) => {
    const chunk = (start: number) =>
      bytes.subarray(Math.max(0, start - overlap), start + CHUNK_BYTES);
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
      const part = chunk(start);
      if (always.some((text) => part.includes(text))) return true;
      await pause();
    }
    for (const test of tests) {
      let found = false;
      for (let start = 0; start < bytes.length && !found; start += CHUNK_BYTES) {
        const part = chunk(start);
        found = test.test(part.toString('latin1'));
        await pause();
      }
      if (!found) return false;
    }
    return true;
  };
}
