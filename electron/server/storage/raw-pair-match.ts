// Whether a raw query pair reads, once decoded, as the typed value the analysis already
// decoded from it: told by walking both texts side by side, without decoding the pair again
// or even cutting it out of the query. The search entries (search-text.ts) keep a raw pair
// only when it reads otherwise, and nearly every pair of a tracker's query reads as its value:
// slicing, decoding and hashing each of them was most of the time of building a hit's entries.

const PERCENT = 0x25;
const PLUS = 0x2b;
const EQUALS = 0x3d;
const SPACE = 0x20;

/** The value of hex digit `code`, or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** The byte of the escape `%XY` at `at` in `raw` (before `end`), or -1. */
function escapedByte(raw: string, at: number, end: number): number {
  if (at + 3 > end || raw.charCodeAt(at) !== PERCENT) return -1;
  const high = hexDigit(raw.charCodeAt(at + 1));
  const low = hexDigit(raw.charCodeAt(at + 2));
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

/** Byte `index` of the UTF-8 form of code point `point` (`length` bytes in all). */
function utf8Byte(point: number, length: number, index: number): number {
  if (length === 1) return point;
  const shift = 6 * (length - 1 - index);
  if (index > 0) return 0x80 | ((point >> shift) & 0x3f);
  const lead = length === 2 ? 0xc0 : length === 3 ? 0xe0 : 0xf0;
  return lead | (point >> shift);
}

/**
 * True when `raw[from, end)`, with `+` read as a space and percent-decoded as
 * decodeURIComponent does, is exactly `value`. False whenever it reads otherwise or would not
 * decode (the caller then decodes it the slow way, which tells which).
 */
export function decodesTo(raw: string, from: number, end: number, value: string): boolean {
  let at = from;
  let next = 0;
  while (at < end) {
    if (next >= value.length) return false;
    const code = raw.charCodeAt(at);
    if (code === PLUS) {
      if (value.charCodeAt(next) !== SPACE) return false;
      at++;
      next++;
    } else if (code !== PERCENT) {
      if (value.charCodeAt(next) !== code) return false;
      at++;
      next++;
    } else {
      // An escape: the bytes must be those of the value's next code point, in its shortest
      // form; a lone surrogate has none (decodeURIComponent refuses to write one).
      const point = value.codePointAt(next) as number;
      if (point >= 0xd800 && point <= 0xdfff) return false;
      const length = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
      for (let i = 0; i < length; i++) {
        if (escapedByte(raw, at, end) !== utf8Byte(point, length, i)) return false;
        at += 3;
      }
      next += point >= 0x10000 ? 2 : 1;
    }
  }
  return next === value.length;
}

/**
 * True when `name` reads as itself inside a raw pair: nothing in it a decoding would change,
 * and no `=` (the decoded pair's name ends at its first one).
 */
export function plainName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code === PERCENT || code === PLUS || code === EQUALS) return false;
  }
  return name !== '';
}

/** Pairs shorter than this are walked each time: remembering them costs about as much. */
const REMEMBERED_PAIR_CHARS = 24;
/** Names remembered at most; past it, all are forgotten (a hit may bring thousands). */
const REMEMBERED_NAMES = 256;

/**
 * Whether a raw pair `name=…` reads as the parameter's typed value, remembering per name the
 * last pair that did. A tracker sends most pairs again unchanged from hit to hit (client
 * hints, referrer, screen, page title), and the parse hands their values over as the same
 * text: such a pair is then told by comparing it with the one remembered, at native speed,
 * instead of walking its escapes again (the walk was near a tenth of a read-back of bulk hits).
 */
export class TypedPairs {
  private known = new Map<string, { pair: string; value: string }>();

  constructor(private readonly walk: typeof decodesTo = decodesTo) {}

  /**
   * True when `raw[from, to)` is `name=` and a value that decodes to `value`; `name` is
   * plain (plainName), as the caller checked.
   */
  readsAs(raw: string, from: number, to: number, name: string, value: string): boolean {
    const valueFrom = from + name.length + 1;
    if (valueFrom > to || raw.charCodeAt(valueFrom - 1) !== EQUALS || !raw.startsWith(name, from)) {
      return false;
    }
    const known = this.known.get(name);
    // The same pair read as this same value before: it reads so again.
    if (
      known !== undefined &&
      known.pair.length === to - from &&
      known.value === value &&
      // A slice of this length is a view, and comparing strings is native: startsWith walked
      // them character by character, no faster than the decoding walk.
      raw.slice(from, to) === known.pair
    ) {
      return true;
    }
    if (!this.walk(raw, valueFrom, to, value)) return false;
    if (to - from >= REMEMBERED_PAIR_CHARS) {
      if (known === undefined && this.known.size >= REMEMBERED_NAMES) this.known.clear();
      this.known.set(name, { pair: raw.slice(from, to), value });
    }
    return true;
  }

  clear(): void {
    this.known.clear();
  }
}
