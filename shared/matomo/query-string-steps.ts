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
  type DecodedQuery,
  type LongValues,
  UNSAFE_IN_VALUE,
} from './query-string';
import type { ParamSource } from './types';

/** Characters decoded between two pauses: a few milliseconds of work. */
export const QUERY_STEP_CHARS = 64 * 1024;

export function* decodeQuerySteps(
  query: string,
  source: ParamSource,
  stepChars = QUERY_STEP_CHARS,
): Generator<void, DecodedQuery> {
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

/** The raw values longer than `stepChars` among the pairs of `piece`, each decoded in steps. */
function* longValuesOf(piece: string, stepChars: number): Generator<void, LongValues | undefined> {
  let longValues: LongValues | undefined;
  for (let start = 0; start < piece.length;) {
    let amp = piece.indexOf('&', start);
    if (amp === -1) amp = piece.length;
    if (amp - start > stepChars) {
      const eq = piece.indexOf('=', start);
      if (eq !== -1 && amp - eq - 1 > stepChars) {
        const raw = piece.slice(eq + 1, amp);
        longValues ??= new Map();
        const text = yield* decodeCleanSteps(raw, stepChars);
        longValues.set(raw, { text, unsafe: yield* foundInSteps(raw, UNSAFE_IN_VALUE, stepChars) });
      }
    }
    start = amp + 1;
  }
  return longValues;
}

/**
 * decodeClean of `raw`, a piece of about `stepChars` per step. A piece never ends inside an
 * escape (one or two places after its `%`) nor before the escape of a UTF-8 continuation
 * byte (%80 to %BF): the escapes of one sequence stay together, so each piece decodes (or
 * fails) as its part of the whole does, and the pieces joined are the whole text decoded.
 */
export function* decodeCleanSteps(raw: string, stepChars: number): Generator<void, string | null> {
  if (raw.length <= stepChars) return decodeClean(raw);
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
  const text = parts.join('');
  yield;
  return text;
}

/** Whether `pattern` (one character, no flags) is found in `text`, a piece per step. */
function* foundInSteps(text: string, pattern: RegExp, stepChars: number): Generator<void, boolean> {
  for (let start = 0; start < text.length; start += stepChars) {
    if (pattern.test(text.slice(start, start + stepChars))) return true;
    yield;
  }
  return false;
}

const CONTINUATION_ESCAPE = /^%[89ab][0-9a-f]/i;

/** Whether a piece of a raw value may end before the character at `at`. */
function canCut(raw: string, at: number): boolean {
  if (raw[at - 1] === '%' || raw[at - 2] === '%') return false;
  return raw[at] !== '%' || !CONTINUATION_ESCAPE.test(raw.slice(at, at + 3));
}
