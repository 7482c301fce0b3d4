// A large bulk body read in pieces instead of one JSON.parse: parsing a 12 MB body in one go
// held a server for tens of milliseconds, more on a busy machine. The body's outline (the
// top-level object, its keys, and the items of its "requests" list) is walked here, and each
// piece is parsed on its own with parsePhpJson, a step at a time. The pieces are accepted only
// when together they are exactly the document JSON.parse would read: the outline is checked
// character by character, and every piece is parsed by JSON.parse itself, so the result is the
// same object. Anything outside that simple shape (a duplicate key, a piece that does not
// parse, a body not an object) returns null, and the caller parses the body whole as before,
// errors and their messages included.
import { exceedsJsonDepth, PHP_JSON_DEPTH } from './json-depth';
import { parsePhpJson } from './php-json';
import { listNames } from './record-shapes';
import { decodeUtf8 } from './utf8';

/** Bodies from this many characters are read in pieces. */
export const PIECEWISE_JSON_CHARS = 1024 * 1024;
/** Characters of outline or of parsed pieces between two pauses. */
const STEP_CHARS = 64 * 1024;

/** The characters of a JSON text's outline (also read by the admin API's sliced reader). */
export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_LIST = 0x5b;
export const CLOSE_LIST = 0x5d;

export interface PiecewiseJson {
  json: Record<string, unknown>;
  /** Nested deeper than PHP's JSON decoder accepts (as exceedsJsonDepth on the whole). */
  tooDeep: boolean;
}

/**
 * What the walk reads of a body: its text, or its UTF-8 bytes (a body of megabytes need not
 * become one string then). The characters of the outline are ASCII, one byte each in UTF-8
 * and never part of another character, so positions found in the bytes cut the same pieces.
 */
interface Source {
  readonly length: number;
  /** The character (or byte) at `at`; NaN or undefined past the end. */
  code(at: number): number | undefined;
  /** Position of the next `"` from `from`, or -1. */
  quoteFrom(from: number): number;
  /** The text between two positions. */
  text(from: number, to: number): string;
  /** True when nothing between two positions is a backslash or a control character. */
  plain(from: number, to: number): boolean;
}

function textSource(text: string): Source {
  return {
    length: text.length,
    code: (at) => text.charCodeAt(at),
    quoteFrom: (from) => text.indexOf('"', from),
    text: (from, to) => text.slice(from, to),
    plain: (from, to) => !NOT_PLAIN_STRING.test(text.slice(from, to)),
  };
}

function bytesSource(bytes: Uint8Array): Source {
  return {
    length: bytes.length,
    code: (at) => bytes[at],
    quoteFrom: (from) => bytes.indexOf(QUOTE, from),
    text: (from, to) => decodeUtf8(bytes.subarray(from, to)).text,
    // On the bytes, before decoding: the regular expression over the decoded text took 5 % of
    // a bulk's processor time. Both are ASCII, one byte each, never inside another character.
    plain: (from, to) => {
      for (let at = from; at < to; at++) {
        const code = bytes[at] as number;
        if (code < 0x20 || code === BACKSLASH) return false;
      }
      return true;
    },
  };
}

/** The JSON whitespace characters: space, tab, line feed, carriage return. */
function isSpace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipSpace(src: Source, at: number): number {
  while (at < src.length && isSpace(src.code(at))) at++;
  return at;
}

/** End (after the closing quote) of the string opening at `at`, or -1. */
function stringEnd(src: Source, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = src.quoteFrom(from);
    if (quote < 0) return -1;
    let slashes = 0;
    for (let k = quote - 1; k > at && src.code(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * End of the value starting at `at`, or -1: only its extent (brackets counted outside
 * strings); whether it is valid JSON is JSON.parse's to say. Infinity for an object or a list
 * longer than `within`, found without walking past it.
 */
function valueEnd(src: Source, at: number, within = Infinity): number {
  const first = src.code(at);
  if (first === QUOTE) return stringEnd(src, at);
  if (first === OPEN_OBJECT || first === OPEN_LIST) {
    let depth = 0;
    for (let i = at; i < src.length; i++) {
      if (i - at >= within) return Infinity;
      const code = src.code(i);
      if (code === QUOTE) {
        const end = stringEnd(src, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (code === OPEN_OBJECT || code === OPEN_LIST) depth++;
      else if ((code === CLOSE_OBJECT || code === CLOSE_LIST) && --depth === 0) return i + 1;
    }
    return -1;
  }
  let end = at;
  while (end < src.length) {
    const code = src.code(end);
    if (code === COMMA || code === CLOSE_OBJECT || code === CLOSE_LIST || isSpace(code)) break;
    end++;
  }
  return end > at ? end : -1;
}

/**
 * valueEnd(src, at), or Infinity for an object or a list of more than STEP_CHARS, without
 * looking past them: it is read key by key or item by item, which finds its end (walked whole
 * first, an entry of 100,000 keys held the loop for over 100 ms; parsed whole, a field of
 * 13,000 rows of 100 numbers, for over 500 ms).
 */
function itemEnd(src: Source, at: number): number {
  const first = src.code(at);
  return valueEnd(src, at, first === OPEN_OBJECT || first === OPEN_LIST ? STEP_CHARS : Infinity);
}

/**
 * The object or list of more than STEP_CHARS opening at `at`, read in pieces; `depthLeft` is
 * how deep it may nest, itself included. A pause first: finding that it is that long took a
 * step's worth of reading, and a value nested many levels deep finds it once per level.
 */
function* largeItemInPieces(
  src: Source,
  at: number,
  depthLeft: number,
  deep: Deep,
): Generator<void, { value: unknown; end: number }> {
  yield;
  if (src.code(at) === OPEN_OBJECT) return yield* objectItemInPieces(src, at, depthLeft, deep);
  if (depthLeft < 1) foundDeep(deep);
  const { list, end } = yield* listInPieces(src, at, depthLeft - 1, deep);
  return { value: list, end };
}

/** Thrown inside the walk when the body leaves the simple shape; caught in one place. */
class NotSimple extends Error {}

/** What JSON reads otherwise inside a string (an escape), or refuses there (a control character). */
// Control characters are exactly what this class looks for.
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_STRING = /[\u0000-\u001f\\]/;

/**
 * The value between `from` and `to`, parsed as the whole body would parse it. A string
 * without escapes (a bulk entry's query, nearly always) is its text between the quotes:
 * JSON.parse would only have copied it once more.
 */
function pieceAt(src: Source, from: number, to: number): unknown {
  if (from < 0 || to < 0) throw new NotSimple();
  if (src.code(from) === QUOTE && src.plain(from + 1, to - 1)) return src.text(from + 1, to - 1);
  return parsePhpJson(src.text(from, to));
}

/**
 * The items of the list opening at `at`, each parsed alone, a pause after each STEP_CHARS;
 * `depthLeft` is how deep an item may nest. Returns the list and where it ends.
 */
function* listInPieces(
  src: Source,
  at: number,
  depthLeft: number,
  deep: Deep,
): Generator<void, { list: unknown[]; end: number }> {
  const list: unknown[] = [];
  let i = skipSpace(src, at + 1);
  if (src.code(i) === CLOSE_LIST) return { list, end: i + 1 };
  let sinceStep = 0;
  for (;;) {
    const to = itemEnd(src, i);
    const { value: item, end } =
      to === Infinity
        ? yield* largeItemInPieces(src, i, depthLeft, deep)
        : valueAt(src, i, to, depthLeft, deep);
    list.push(item);
    sinceStep += end - i;
    if (sinceStep >= STEP_CHARS) {
      sinceStep = 0;
      yield;
    }
    const after = afterItem(src, end, CLOSE_LIST);
    if ('end' in after) return { list, end: after.end };
    i = after.next;
  }
}

/**
 * The value starting at `at`, ending at `end`, parsed alone, and where it ends; an object or
 * a list of more than STEP_CHARS (an entry sent as an object of thousands of keys, a field
 * holding a long list) is read a key or an item at a time instead (itemEnd,
 * largeItemInPieces): a bulk of short entries makes no generator per entry.
 */
function valueAt(
  src: Source,
  at: number,
  end: number,
  depthLeft: number,
  deep: Deep,
): { value: unknown; end: number } {
  const value = pieceAt(src, at, end);
  if (!deep.found && exceedsJsonDepth(value, depthLeft)) foundDeep(deep);
  return { value, end };
}

/** What the walk found too deep; `stop` ends it there (the caller then needs no value). */
interface Deep {
  found: boolean;
  stop?: boolean;
}

function foundDeep(deep: Deep): void {
  deep.found = true;
  // Each level of a long list nested many levels deep costs a step of reading: past PHP's
  // depth, a reader that refuses the whole anyway stops.
  if (deep.stop === true) throw new NotSimple();
}

/** After an item ending at `end`: where the next one starts, or where the container ends. */
function afterItem(src: Source, end: number, close: number): { next: number } | { end: number } {
  const at = skipSpace(src, end);
  const code = src.code(at);
  if (code === close) return { end: at + 1 };
  if (code !== COMMA) throw new NotSimple();
  return { next: skipSpace(src, at + 1) };
}

/** Whether JavaScript orders `key` as an array index: a canonical integer below 2³² − 1. */
function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (!(first >= 0x30 && first <= 0x39) || key.length > 10) return false;
  return String(Number(key)) === key && Number(key) < 4294967295;
}

/**
 * The object opening at `at`, each value parsed alone, a pause after each STEP_CHARS; as
 * JSON.parse builds it: a repeated key keeps its first place and takes its last value, and
 * `__proto__` is an own key. `depthLeft` is how deep the object may nest, itself included.
 */
function* objectItemInPieces(
  src: Source,
  at: number,
  depthLeft: number,
  deep: Deep,
): Generator<void, { value: Record<string, unknown>; end: number }> {
  const value: Record<string, unknown> = {};
  if (depthLeft < 1) foundDeep(deep);
  let i = skipSpace(src, at + 1);
  if (src.code(i) === CLOSE_OBJECT) return { value, end: i + 1 };
  let sinceStep = 0;
  // The keys in the order the object holds them (listNames), while that is the order read:
  // a repeated key or an array index (listed first by JavaScript) ends the list.
  let names: string[] | null = [];
  for (;;) {
    if (src.code(i) !== QUOTE) throw new NotSimple();
    const keyEnd = stringEnd(src, i);
    const key = pieceAt(src, i, keyEnd);
    i = skipSpace(src, keyEnd);
    if (src.code(i) !== COLON) throw new NotSimple();
    i = skipSpace(src, i + 1);
    const to = itemEnd(src, i);
    const { value: item, end } =
      to === Infinity
        ? yield* largeItemInPieces(src, i, depthLeft - 1, deep)
        : valueAt(src, i, to, depthLeft - 1, deep);
    if (names !== null) {
      if (isArrayIndex(key as string) || Object.hasOwn(value, key as string)) names = null;
      else names.push(key as string);
    }
    if (key === '__proto__') {
      Object.defineProperty(value, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else value[key as string] = item;
    sinceStep += end - i;
    if (sinceStep >= STEP_CHARS) {
      sinceStep = 0;
      yield;
    }
    const after = afterItem(src, end, CLOSE_OBJECT);
    if ('end' in after) {
      if (names !== null) listNames(value, names);
      return { value, end: after.end };
    }
    i = after.next;
  }
}

/**
 * The object `text` holds, as JSON.parse reads it, its values of more than STEP_CHARS that are
 * objects read key by key (a stored hit of 100,000 parameters); null when a piece does not
 * parse alone as PHP's decoder would (a lone surrogate escape) or the text is no object: the
 * caller then parses it whole. Given as UTF-8 bytes, only the pieces become text.
 */
export function* parseLargeJsonObject(
  text: string | Uint8Array,
): Generator<void, Record<string, unknown> | null> {
  const src = typeof text === 'string' ? textSource(text) : bytesSource(text);
  try {
    const at = skipSpace(src, 0);
    if (src.code(at) !== OPEN_OBJECT) return null;
    const read = yield* objectItemInPieces(src, at, Infinity, { found: false });
    return skipSpace(src, read.end) === src.length ? read.value : null;
  } catch {
    return null;
  }
}

/**
 * The JSON value `text` holds, as parsePhpJson reads it with PHP's depth limit, a list or an
 * object of more than STEP_CHARS item by item with pauses between them (a JSON parameter of
 * megabytes: `ec_items` of 100,000 products parsed in one go held a server for hundreds of
 * milliseconds); null where PHP's json_decode returns null: not JSON, a lone surrogate escape,
 * or nested deeper than PHP_JSON_DEPTH. The walk accepts only what JSON.parse accepts (every
 * piece is parsed by it, the outline between them checked character by character), and
 * refuses nothing JSON.parse reads: no fallback to a parse in one go is needed.
 */
export function* parseJsonValueInPieces(text: string): Generator<void, { value: unknown } | null> {
  const src = textSource(text);
  try {
    const at = skipSpace(src, 0);
    const to = itemEnd(src, at);
    const deep: Deep = { found: false, stop: true };
    const read =
      to === Infinity
        ? yield* largeItemInPieces(src, at, PHP_JSON_DEPTH, deep)
        : valueAt(src, at, to, PHP_JSON_DEPTH, deep);
    return skipSpace(src, read.end) === src.length ? { value: read.value } : null;
  } catch {
    return null;
  }
}

/**
 * The object `text` holds, parsed in pieces with pauses between them, exactly as
 * parsePhpJson(text) would return it; null when `text` is not such an object in the simple
 * shape (the caller then parses it whole).
 */
export function parseJsonObjectInPieces(text: string): Generator<void, PiecewiseJson | null> {
  return objectInPieces(textSource(text));
}

/** The same from the UTF-8 bytes of a text (valid UTF-8: the caller checked). */
export function parseJsonBytesInPieces(bytes: Uint8Array): Generator<void, PiecewiseJson | null> {
  return objectInPieces(bytesSource(bytes));
}

function* objectInPieces(src: Source): Generator<void, PiecewiseJson | null> {
  try {
    const json: Record<string, unknown> = {};
    const deep = { found: false };
    let i = skipSpace(src, 0);
    if (src.code(i) !== OPEN_OBJECT) return null;
    i = skipSpace(src, i + 1);
    if (src.code(i) === CLOSE_OBJECT) return null;
    for (;;) {
      if (src.code(i) !== QUOTE) return null;
      const keyEnd = stringEnd(src, i);
      const key = pieceAt(src, i, keyEnd) as string;
      // A repeated key keeps its first place and its last value; __proto__ is set as an own
      // key by JSON.parse only: both are left to it.
      if (Object.hasOwn(json, key) || key === '__proto__') return null;
      i = skipSpace(src, keyEnd);
      if (src.code(i) !== COLON) return null;
      i = skipSpace(src, i + 1);
      // The outermost object is level 1, its values level 2, the items of a list level 3.
      if (key === 'requests' && src.code(i) === OPEN_LIST) {
        const read = yield* listInPieces(src, i, PHP_JSON_DEPTH - 2, deep);
        json[key] = read.list;
        i = read.end;
      } else {
        // Another key's value (token_auth, or a long list sent beside the requests) is read
        // as an entry's field is.
        const to = itemEnd(src, i);
        const read =
          to === Infinity
            ? yield* largeItemInPieces(src, i, PHP_JSON_DEPTH - 1, deep)
            : valueAt(src, i, to, PHP_JSON_DEPTH - 1, deep);
        json[key] = read.value;
        i = read.end;
        yield;
      }
      i = skipSpace(src, i);
      const next = src.code(i);
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) return null;
      i = skipSpace(src, i + 1);
    }
    return skipSpace(src, i + 1) === src.length ? { json, tooDeep: deep.found } : null;
  } catch {
    // A piece JSON.parse refuses, or a lone surrogate escape: the whole parse says which.
    return null;
  }
}
