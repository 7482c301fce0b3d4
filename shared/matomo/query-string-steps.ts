// decodeQuery in steps, for a query string or form body of megabytes (a single request may
// carry one): the text is cut at `&` into pieces of about QUERY_STEP_CHARS, each decoded
// alone, with a pause after each. Parameters never span an `&`, and decodeQuery reads each
// one by itself, so the pieces give exactly what the whole text gives, in the same order.
// A value of megabytes (one parameter of a form body) is percent-decoded beforehand, a piece
// per step (decodeCleanSteps): decodeURIComponent over 8 MB took 50 to 130 ms.
import {
  decodeClean,
  decodeQuery,
  decodeQueryInto,
  inputVarsIssue,
  inputVarsOf,
  UNSAFE_IN_VALUE,
  type DecodedQuery,
  type LongValues,
} from './query-string';
import type { ParamSource } from './types';
import { OWN_TURN_NEXT, type Step } from '../steps';

/** Characters decoded between two pauses: a few milliseconds of work. */
export const QUERY_STEP_CHARS = 64 * 1024;

export function* decodeQuerySteps(
  query: string,
  source: ParamSource,
  stepChars = QUERY_STEP_CHARS,
): Generator<Step, DecodedQuery> {
  if (query.length <= stepChars) return decodeQuery(query, source);
  const decoded: DecodedQuery = { occurrences: [], issues: [] };
  // PHP's count of variables runs over the whole text, across the pieces.
  const vars = inputVarsOf(source);
  let start = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start + stepChars);
    if (end === -1) end = query.length;
    const piece = query.slice(start, end);
    const longValues = yield* longValuesOf(piece, stepChars);
    decodeQueryInto(piece, source, vars, decoded, end < query.length, longValues);
    start = end + 1;
    yield;
  }
  const ignored = inputVarsIssue(vars, source);
  if (ignored !== null) decoded.issues.push(ignored);
  return decoded;
}

/**
 * The raw values longer than `stepChars` among the pairs of `piece`, each decoded and checked
 * for unescaped characters in steps: the check of a value of megabytes in one regexp test
 * held a turn for about 10 ms.
 */
function* longValuesOf(piece: string, stepChars: number): Generator<Step, LongValues | undefined> {
  let longValues: LongValues | undefined;
  for (let start = 0; start < piece.length;) {
    let amp = piece.indexOf('&', start);
    if (amp === -1) amp = piece.length;
    if (amp - start > stepChars) {
      const eq = piece.indexOf('=', start);
      if (eq !== -1 && amp - eq - 1 > stepChars) {
        const raw = piece.slice(eq + 1, amp);
        const text = yield* decodeCleanSteps(raw, stepChars);
        const unsafe = yield* hasUnsafeSteps(raw, stepChars);
        longValues ??= new Map();
        longValues.set(raw, { text, unsafe });
      }
    }
    start = amp + 1;
  }
  return longValues;
}

/** UNSAFE_IN_VALUE.test(raw), a piece of `stepChars` per step (it tests one character at a time). */
export function* hasUnsafeSteps(raw: string, stepChars: number): Generator<void, boolean> {
  for (let start = 0; start < raw.length; start += stepChars) {
    if (UNSAFE_IN_VALUE.test(raw.slice(start, start + stepChars))) return true;
    yield;
  }
  return false;
}

/**
 * decodeClean of `raw`, a piece of about `stepChars` per step. A piece never ends inside an
 * escape (one or two places after its `%`) nor before the escape of a UTF-8 continuation
 * byte (%80 to %BF): the escapes of one sequence stay together, so each piece decodes (or
 * fails) as its part of the whole does, and the pieces joined are the whole text decoded,
 * in a turn of its own (a new string of megabytes is made in one call).
 */
export function* decodeCleanSteps(raw: string, stepChars: number): Generator<Step, string | null> {
  if (raw.length <= stepChars) return decodeClean(raw);
  // Nothing to decode: the value is its raw text (decodeClean's answer, without its own look
  // for `%` and `+` over the megabytes again), with no copy of it joined from pieces (a new
  // string of megabytes takes a turn of 20 ms and more).
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  const parts: string[] = [];
  for (let start = 0; start < raw.length;) {
    let end = Math.min(start + stepChars, raw.length);
    while (end < raw.length && !canCut(raw, end)) end++;
    const part = decodeClean(raw.slice(start, end));
    if (part === null) return null;
    parts.push(part);
    start = end;
    yield;
  }
  yield OWN_TURN_NEXT;
  const text = parts.join('');
  yield;
  return text;
}

const CONTINUATION_ESCAPE = /^%[89ab][0-9a-f]/i;

/** Whether a piece of a raw value may end before the character at `at`. */
function canCut(raw: string, at: number): boolean {
  if (raw[at - 1] === '%' || raw[at - 2] === '%') return false;
  return raw[at] !== '%' || !CONTINUATION_ESCAPE.test(raw.slice(at, at + 3));
}
