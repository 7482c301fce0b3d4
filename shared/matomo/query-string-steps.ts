// decodeQuery in steps, for a query string or form body of megabytes (a single request may
// carry one): the text is cut at `&` into pieces of about QUERY_STEP_CHARS, each decoded
// alone, with a pause after each. Parameters never span an `&`, and decodeQuery reads each
// one by itself, so the pieces give exactly what the whole text gives, in the same order.
import {
  decodeQuery,
  decodeQueryInto,
  inputVarsIssue,
  inputVarsOf,
  type DecodedQuery,
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
    decodeQueryInto(query.slice(start, end), source, vars, decoded, end < query.length);
    start = end + 1;
    yield;
  }
  const ignored = inputVarsIssue(vars, source);
  if (ignored !== null) decoded.issues.push(ignored);
  return decoded;
}
