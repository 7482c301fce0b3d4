// A value's JSON text a piece at a time, for callers that must not write a value of megabytes
// whole (written at once, a bulk entry field of 13,000 rows held the loop for hundreds of
// milliseconds): the raw query encodes each piece and pauses between them, a message keeps the
// first pieces only, the check for invisible characters scans each piece. Values are plain
// JSON data (what a JSON body decodes to): no toJSON, no undefined, no functions.
import type { ParamValue } from './types';

/** Scalars of a list (or keys of an object) at most written by one JSON.stringify. */
const AT_ONCE = 1024;

interface Pieces {
  /** What is written and not yet handed out. */
  text: string;
  readonly pieceChars: number;
}

/**
 * JSON.stringify(value) in pieces, in order: joined, they are its text. Each piece but the
 * last holds `pieceChars` characters or more, and not much more than twice that but for
 * escapes (a string is cut into slices of `pieceChars`, runs of scalars end once they reach
 * it). A caller that stops early has had little more than what it took written.
 */
export function* jsonPieces(value: ParamValue, pieceChars: number): Generator<string, void> {
  const out: Pieces = { text: '', pieceChars: Math.max(1, pieceChars) };
  if (isShort(value, out)) out.text = JSON.stringify(value);
  else yield* write(value, out);
  if (out.text !== '') yield out.text;
}

const isScalar = (value: ParamValue): boolean => value === null || typeof value !== 'object';

/** A scalar written at once: not a string longer than a piece. */
const isShort = (value: ParamValue, out: Pieces): boolean =>
  typeof value === 'string' ? value.length <= out.pieceChars : isScalar(value);

/** About how many characters a short scalar writes. */
const charsOf = (value: ParamValue): number => (typeof value === 'string' ? value.length : 8);

const isFull = (out: Pieces): boolean => out.text.length >= out.pieceChars;

function take(out: Pieces): string {
  const piece = out.text;
  out.text = '';
  return piece;
}

/** A long string, a list or an object (a short scalar is written by its caller). */
function* write(value: ParamValue, out: Pieces): Generator<string, void> {
  if (typeof value === 'string') yield* writeLongString(value, out);
  else if (Array.isArray(value)) yield* writeList(value, out);
  else yield* writeObject(value as { [key: string]: ParamValue }, out);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * `end`, or one further when it falls inside a surrogate pair: apart, its two halves would
 * each be written as an escape.
 */
export function codePointEnd(text: string, end: number): number {
  return end > 0 &&
    end < text.length &&
    isHighSurrogate(text.charCodeAt(end - 1)) &&
    isLowSurrogate(text.charCodeAt(end))
    ? end + 1
    : end;
}

/** A string's JSON text, `pieceChars` of its characters at a time. */
function* writeLongString(text: string, out: Pieces): Generator<string, void> {
  out.text += '"';
  for (let start = 0; start < text.length;) {
    const end = codePointEnd(text, Math.min(start + out.pieceChars, text.length));
    out.text += JSON.stringify(text.slice(start, end)).slice(1, -1);
    start = end;
    if (isFull(out)) yield take(out);
  }
  out.text += '"';
}

/** Where a run of short scalars from `start` ends: at most AT_ONCE, about a piece long. */
function runEnd(list: readonly ParamValue[], start: number, out: Pieces): number {
  let end = start;
  for (let chars = 0; end < list.length && end - start < AT_ONCE && chars < out.pieceChars; end++) {
    const item = list[end] as ParamValue;
    if (!isShort(item, out)) break;
    chars += charsOf(item);
  }
  return end;
}

function* writeList(list: readonly ParamValue[], out: Pieces): Generator<string, void> {
  if (list.length === 0) {
    out.text += '[]';
    return;
  }
  for (let n = 0; n < list.length;) {
    out.text += n === 0 ? '[' : ',';
    const end = runEnd(list, n, out);
    if (end > n) {
      out.text += JSON.stringify(list.slice(n, end)).slice(1, -1);
      n = end;
    } else yield* write(list[n++] as ParamValue, out);
    if (isFull(out)) yield take(out);
  }
  out.text += ']';
}

/** Whether JSON.stringify writes the object at once: few keys, short scalar values. */
function isSmallObject(
  object: { [key: string]: ParamValue },
  keys: readonly string[],
  out: Pieces,
): boolean {
  if (keys.length > AT_ONCE) return false;
  let chars = 0;
  for (const key of keys) {
    const value = object[key] as ParamValue;
    if (!isShort(value, out)) return false;
    chars += key.length + charsOf(value);
    if (chars > out.pieceChars) return false;
  }
  return true;
}

function* writeObject(object: { [key: string]: ParamValue }, out: Pieces): Generator<string, void> {
  const keys = Object.keys(object);
  if (isSmallObject(object, keys, out)) {
    out.text += JSON.stringify(object);
    return;
  }
  for (let n = 0; n < keys.length; n++) {
    const key = keys[n] as string;
    out.text += n === 0 ? '{' : ',';
    if (key.length <= out.pieceChars) out.text += JSON.stringify(key);
    else yield* writeLongString(key, out);
    out.text += ':';
    const value = object[key] as ParamValue;
    if (isShort(value, out)) out.text += JSON.stringify(value);
    else yield* write(value, out);
    if (isFull(out)) yield take(out);
  }
  out.text += '}';
}
