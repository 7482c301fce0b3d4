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

/** Bodies from this many characters are read in pieces. */
export const PIECEWISE_JSON_CHARS = 1024 * 1024;
/** Characters of outline or of parsed pieces between two pauses. */
const STEP_CHARS = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

export interface PiecewiseJson {
  json: Record<string, unknown>;
  /** Nested deeper than PHP's JSON decoder accepts (as exceedsJsonDepth on the whole). */
  tooDeep: boolean;
}

/** The JSON whitespace characters: space, tab, line feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** End (after the closing quote) of the string opening at `at`, or -1. */
function stringEnd(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let slashes = 0;
    for (let k = quote - 1; k > at && text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * End of the value starting at `at`, or -1: only its extent (brackets counted outside
 * strings); whether it is valid JSON is JSON.parse's to say.
 */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first === OPEN_OBJECT || first === OPEN_LIST) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (code === OPEN_OBJECT || code === OPEN_LIST) depth++;
      else if ((code === CLOSE_OBJECT || code === CLOSE_LIST) && --depth === 0) return i + 1;
    }
    return -1;
  }
  let end = at;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === COMMA || code === CLOSE_OBJECT || code === CLOSE_LIST || isSpace(code)) break;
    end++;
  }
  return end > at ? end : -1;
}

/** Thrown inside the walk when the body leaves the simple shape; caught in one place. */
class NotSimple extends Error {}

/** The value between `from` and `to`, parsed as the whole body would parse it. */
function pieceAt(text: string, from: number, to: number): unknown {
  if (from < 0 || to < 0) throw new NotSimple();
  return parsePhpJson(text.slice(from, to));
}

/**
 * The items of the list opening at `at`, each parsed alone, a pause after each STEP_CHARS;
 * `depthLeft` is how deep an item may nest. Returns the list and where it ends.
 */
function* listInPieces(
  text: string,
  at: number,
  depthLeft: number,
  deep: { found: boolean },
): Generator<void, { list: unknown[]; end: number }> {
  const list: unknown[] = [];
  let i = skipSpace(text, at + 1);
  if (text.charCodeAt(i) === CLOSE_LIST) return { list, end: i + 1 };
  let sinceStep = 0;
  for (;;) {
    const end = valueEnd(text, i);
    const item = pieceAt(text, i, end);
    if (!deep.found && exceedsJsonDepth(item, depthLeft)) deep.found = true;
    list.push(item);
    sinceStep += end - i;
    if (sinceStep >= STEP_CHARS) {
      sinceStep = 0;
      yield;
    }
    i = skipSpace(text, end);
    const next = text.charCodeAt(i);
    if (next === CLOSE_LIST) return { list, end: i + 1 };
    if (next !== COMMA) throw new NotSimple();
    i = skipSpace(text, i + 1);
  }
}

/**
 * The object `text` holds, parsed in pieces with pauses between them, exactly as
 * parsePhpJson(text) would return it; null when `text` is not such an object in the simple
 * shape (the caller then parses it whole).
 */
export function* parseJsonObjectInPieces(text: string): Generator<void, PiecewiseJson | null> {
  try {
    const json: Record<string, unknown> = {};
    const deep = { found: false };
    let i = skipSpace(text, 0);
    if (text.charCodeAt(i) !== OPEN_OBJECT) return null;
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === CLOSE_OBJECT) return null;
    for (;;) {
      if (text.charCodeAt(i) !== QUOTE) return null;
      const keyEnd = stringEnd(text, i);
      const key = pieceAt(text, i, keyEnd) as string;
      // A repeated key keeps its first place and its last value; __proto__ is set as an own
      // key by JSON.parse only: both are left to it.
      if (Object.hasOwn(json, key) || key === '__proto__') return null;
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) return null;
      i = skipSpace(text, i + 1);
      // The outermost object is level 1, its values level 2, the items of a list level 3.
      if (key === 'requests' && text.charCodeAt(i) === OPEN_LIST) {
        const read = yield* listInPieces(text, i, PHP_JSON_DEPTH - 2, deep);
        json[key] = read.list;
        i = read.end;
      } else {
        const end = valueEnd(text, i);
        const value = pieceAt(text, i, end);
        if (!deep.found && exceedsJsonDepth(value, PHP_JSON_DEPTH - 1)) deep.found = true;
        json[key] = value;
        i = end;
        yield;
      }
      i = skipSpace(text, i);
      const next = text.charCodeAt(i);
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) return null;
      i = skipSpace(text, i + 1);
    }
    return skipSpace(text, i + 1) === text.length ? { json, tooDeep: deep.found } : null;
  } catch {
    // A piece JSON.parse refuses, or a lone surrogate escape: the whole parse says which.
    return null;
  }
}
