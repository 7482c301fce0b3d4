// Bulk tracking bodies (docs/tracking-protocol.md#bulk-request): detection from the raw body, JSON decoding as Matomo does
// it, and the three entry shapes real clients send — "?query" strings, full URLs (the PHP
// tracker escapes their slashes as `\/`, which JSON decoding undoes), and parameter objects
// whose values may be numbers or JSON. Entries without a query part are dropped without an
// index, exactly as Matomo drops them, and reported at the request level.
import { queryPart, queryPartPiecesInSteps } from './build';
import { effectiveParams, setParam } from './effective-params';
import { makeIssue, NO_ISSUES } from './issue-codes';
import { listNames, namesOf, noteShape, shapedRecord } from './record-shapes';
import { exceedsJsonDepth, PHP_JSON_DEPTH } from './json-depth';
import { phpTrim } from './php-text';
import { phpUrlQuery } from './php-parse-url';
import { decodeQuery } from './query-string';
import type { BulkInfo, Issue, ParamOccurrence, ParamValue, ParsedEntry } from './types';
import { parsePhpJson } from './php-json';
import { cleanedBytes } from './bulk-bytes';
import { parseJsonBytesInPieces, parseJsonObjectInPieces, PIECEWISE_JSON_CHARS } from './bulk-json';
import { drain } from '../steps';
import { builtOnRead } from './built-on-read';

/**
 * Matomo switches to bulk mode when the raw body contains `"requests"` or `'requests'` at a
 * position greater than 0 — a substring test, whatever the method or Content-Type (docs/tracking-protocol.md#parameter-sources, #acceptance-cases
 * cases 37–38). A body that starts with the word is therefore not a bulk request.
 */
export function isBulkBody(body: string): boolean {
  return body.indexOf('"requests"') > 0 || body.indexOf("'requests'") > 0;
}

export interface ParsedBulk {
  bulk: BulkInfo;
  entries: ParsedEntry[];
  issues: Issue[];
}

const LINE_BREAKS = /[\r\n]/g;

/**
 * Decodes a bulk body. `validUtf8` is false when the body bytes were not UTF-8: PHP's
 * json_decode refuses such input, so nothing is tracked.
 */
export function parseBulkBody(body: string, validUtf8: boolean): ParsedBulk {
  return drain(parseBulkBodySteps(body, validUtf8));
}

/**
 * parseBulkBody in steps: it pauses after each item, so that a caller can spread the
 * entries of a large bulk over several turns of its event loop.
 */
export function* parseBulkBodySteps(body: string, validUtf8: boolean): Generator<void, ParsedBulk> {
  const issues: Issue[] = [];
  const json = yield* decodeBulkJsonSteps(body, validUtf8, issues);
  return yield* bulkOfJson(json, issues);
}

/**
 * parseBulkBodySteps from the bytes of a bulk body of megabytes that are UTF-8 (bulk-bytes.ts),
 * with the same result; null when the body is not in the shape read in pieces (bulk-json.ts):
 * the caller then parses its text.
 */
export function* parseBulkBytesSteps(bytes: Uint8Array): Generator<void, ParsedBulk | null> {
  const cleaned = yield* cleanedBytes(bytes);
  const pieces = yield* parseJsonBytesInPieces(cleaned);
  if (pieces === null) return null;
  const issues: Issue[] = [];
  return yield* bulkOfJson(checkedBulkJson(pieces.json, pieces.tooDeep, issues), issues);
}

/** The bulk's entries from its decoded JSON (undefined: not decodable, nothing tracked). */
function* bulkOfJson(
  json: Record<string, unknown> | undefined,
  issues: Issue[],
): Generator<void, ParsedBulk> {
  const bulk: BulkInfo = { itemCount: 0, dropped: [] };
  const entries: ParsedEntry[] = [];
  if (json === undefined) return { bulk, entries, issues };

  const token = topLevelToken(json);
  if (token !== undefined) bulk.tokenAuth = token;
  if (Object.hasOwn(json, 'send_image')) bulk.sendImage = json['send_image'] as ParamValue;

  const list = json['requests'];
  const items: unknown[] = Array.isArray(list)
    ? list
    : list !== null && typeof list === 'object'
      ? Object.values(list)
      : [];
  if (!Array.isArray(list) && (list === null || typeof list !== 'object')) {
    issues.push(
      makeIssue('bulk.json_invalid', {
        param: 'requests',
        message: `"requests" is ${describeJson(list)}, not a list of requests: nothing is tracked.`,
      }),
    );
  }
  bulk.itemCount = items.length;
  const occurrencesOnRead = items.length >= OCCURRENCES_ON_READ_ITEMS;
  for (let position = 0; position < items.length; position++) {
    const item = items[position];
    if (typeof item === 'string') {
      const query = queryOfUrl(item);
      if (query === null) {
        bulk.dropped.push({ position, value: item });
        issues.push(droppedIssue(position, item));
        continue;
      }
      entries.push(entryFromQuery(entries.length, query, occurrencesOnRead));
    } else {
      entries.push(yield* entryFromValue(entries.length, item));
    }
    yield;
  }
  return { bulk, entries, issues };
}

/** The top-level `token_auth` Matomo attaches to every entry (docs/tracking-protocol.md#bulk-request): text or a number. */
function topLevelToken(json: Record<string, unknown>): string | undefined {
  const token = json['token_auth'];
  if (typeof token === 'string' && token !== '') return token;
  if (typeof token === 'number') return String(token);
  return undefined;
}

/**
 * The top-level `token_auth` of a bulk body, decoded exactly as for parsing (so a token a
 * hit was tracked with can go along when the hit is resent alone), without reading the
 * entries. undefined when the body is no decodable bulk or has no token.
 */
export function bulkTokenAuth(body: string): string | undefined {
  if (!isBulkBody(body)) return undefined;
  const json = drain(decodeBulkJsonSteps(body, true, []));
  return json === undefined ? undefined : topLevelToken(json);
}

/**
 * The bulk request's URL carries parameters: in bulk mode Matomo tracks the JSON entries
 * only, so they are silently unused — except `token_auth`, which only decides whether the
 * answer lists `invalid_indices`, and `debug` (docs/tracking-protocol.md#bulk-request, #debug). Reported so that nobody
 * expects `?idsite=…` or a token in the URL to apply to the entries.
 */
export function bulkUrlQueryIssue(names: readonly string[]): Issue | null {
  const ignored = names.filter((name) => name !== 'token_auth' && name !== 'debug');
  const token = names.includes('token_auth');
  if (ignored.length === 0 && !token) return null;
  const parts: string[] = [];
  if (ignored.length > 0) {
    const shown = ignored.length > 12 ? [...ignored.slice(0, 12), '…'] : ignored;
    parts.push(
      `The bulk request's URL query carries ${shown.join(', ')}, which Matomo does not use: in bulk mode only the entries of the JSON body are tracked.`,
    );
  }
  if (token) {
    parts.push(
      "The token_auth in the URL does not authenticate the entries (the JSON token_auth or each entry's own does); it only decides whether the answer lists invalid_indices.",
    );
  }
  return makeIssue('bulk.url_query_ignored', { message: parts.join(' ') });
}

/** Characters of a body freed of line breaks per step. */
const CLEAN_STEP_CHARS = 1024 * 1024;

/**
 * The body as Matomo decodes it: trimmed, every CR and LF deleted (even inside strings), then
 * parsed; a large body in steps (bulk-json.ts).
 */
function* decodeBulkJsonSteps(
  body: string,
  validUtf8: boolean,
  issues: Issue[],
): Generator<void, Record<string, unknown> | undefined> {
  if (!validUtf8) {
    issues.push(
      makeIssue('bulk.json_invalid', {
        message:
          'The bulk body contains bytes that are not UTF-8, which JSON decoding refuses: nothing is tracked.',
        hint: 'Send the bulk body as UTF-8 JSON.',
      }),
    );
    return undefined;
  }
  const cleaned = yield* withoutLineBreaks(phpTrim(body));
  let json: unknown;
  let tooDeep: boolean | undefined;
  try {
    const pieces =
      cleaned.length >= PIECEWISE_JSON_CHARS ? yield* parseJsonObjectInPieces(cleaned) : null;
    if (pieces !== null) ({ json, tooDeep } = pieces);
    else json = parsePhpJson(cleaned);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    issues.push(
      makeIssue('bulk.json_invalid', {
        message: `The body mentions "requests", so Matomo reads it as a bulk request, but it is not valid JSON (${reason}): nothing is tracked.`,
      }),
    );
    return undefined;
  }
  return checkedBulkJson(json, tooDeep, issues);
}

/** The decoded body when it is an object with "requests" within PHP's depth, else why not. */
function checkedBulkJson(
  json: unknown,
  tooDeep: boolean | undefined,
  issues: Issue[],
): Record<string, unknown> | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    issues.push(
      makeIssue('bulk.json_invalid', {
        message: `The bulk body is ${describeJson(json)}, not a JSON object with a "requests" list: nothing is tracked.`,
      }),
    );
    return undefined;
  }
  if (tooDeep ?? exceedsJsonDepth(json)) {
    issues.push(
      makeIssue('bulk.json_invalid', {
        message: `The bulk JSON is nested more than ${PHP_JSON_DEPTH} levels deep, the limit of PHP's JSON decoder: nothing is tracked.`,
      }),
    );
    return undefined;
  }
  const object = json as Record<string, unknown>;
  if (!Object.hasOwn(object, 'requests')) {
    issues.push(
      makeIssue('bulk.json_invalid', {
        message: 'The bulk JSON object has no "requests" key: nothing is tracked.',
      }),
    );
    return undefined;
  }
  return object;
}

/** `text` without CR and LF, a megabyte at a time. */
function* withoutLineBreaks(text: string): Generator<void, string> {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) return text;
  if (text.length <= CLEAN_STEP_CHARS) return text.replace(LINE_BREAKS, '');
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += CLEAN_STEP_CHARS) {
    pieces.push(text.slice(at, at + CLEAN_STEP_CHARS).replace(LINE_BREAKS, ''));
    yield;
  }
  return pieces.join('');
}

/**
 * The query part of a bulk string as PHP's parse_url gives it: after the first `?`, up to a
 * `#`. null when parse_url cannot read the URL (see php-parse-url.ts), when there is no
 * query, or when it is empty or "0" (both `empty()` in PHP).
 */
export function queryOfUrl(text: string): string | null {
  const read = phpUrlQuery(text);
  if (!read.ok || read.query === undefined) return null;
  return read.query === '' || read.query === '0' ? null : read.query;
}

/**
 * From this many items, a bulk's query entries have their occurrences made again when read
 * (built-on-read.ts): a smaller bulk's views are too few to burden the collector, and a hit
 * read back is a bulk of one, whose views are read at once.
 */
const OCCURRENCES_ON_READ_ITEMS = 1000;
/**
 * Entries of at most this many characters have their occurrences made again when read: one
 * that long takes well under a millisecond to split again, in whatever turn reads it.
 */
const OCCURRENCES_ON_READ_CHARS = 16 * 1024;

const occurrencesOf = (query: string, source: 'bulk'): ParamOccurrence[] =>
  decodeQuery(query, source).occurrences;

/**
 * A bulk's string item as the entry a bulk of that one item gives (null where the bulk drops
 * it): a stored bulk hit read again, without writing and parsing a bulk's JSON around it.
 */
export function entryOfBulkItem(item: string): ParsedEntry | null {
  const query = queryOfUrl(item);
  return query === null ? null : entryFromQuery(0, query, false);
}

function entryFromQuery(index: number, query: string, onRead: boolean): ParsedEntry {
  const decoded = decodeQuery(query, 'bulk');
  const params = effectiveParams(decoded.occurrences, decoded.issues);
  // Not kept from the parse to the bulk's announcement (built-on-read.ts). An entry with
  // findings keeps them: its checks read them (a JSON value's bytes, json-bytes.ts).
  const occurrences =
    onRead && decoded.issues.length === 0 && query.length <= OCCURRENCES_ON_READ_CHARS
      ? builtOnRead([], occurrencesOf, query, 'bulk')
      : decoded.occurrences;
  const issues = decoded.issues.length === 0 ? NO_ISSUES : decoded.issues;
  return { index, params, occurrences, rawQuery: query, issues };
}

/**
 * An object entry is used as the parameter array directly (JSON keys are not PHP variable
 * names, so no name cleaning applies). A JSON list is a PHP array too (keys 0, 1, …). Any
 * other value (number, boolean, null) gives Matomo an empty request, still counted as tracked.
 */
function* entryFromValue(index: number, item: unknown): Generator<void, ParsedEntry> {
  const object =
    item !== null && typeof item === 'object' ? (item as Record<string, ParamValue>) : {};
  // Listed by the piecewise reader when it could (bulk-json.ts): listing 100,000 names anew
  // takes tens of ms in one go.
  const names = namesOf(object);
  if (names.length > KEYS_PER_STEP) yield;
  const shaped = shapedRecord<ParamValue>(names);
  const params: Record<string, ParamValue> = shaped ?? {};
  const occurrences: ParamOccurrence[] = [];
  // The raw query as buildQuery(params) writes it: params holds the names in this order. Its
  // pairs are joined a step's worth at a time (joining 100,000 at once held the loop too), and
  // a value of megabytes is kept in its pieces: the one last join copies it once.
  const text: string[] = [];
  let parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    if (text.length > 0) text.push('&');
    text.push(parts.join('&'));
    parts = [];
  };
  for (let n = 0; n < names.length; n++) {
    const name = names[n] as string;
    const value = object[name] as ParamValue;
    setParam(params, name, value);
    occurrences.push({ name, value, source: 'bulk' });
    if (value !== null && typeof value === 'object') {
      const pieces = yield* queryPartPiecesInSteps(name, value);
      if (pieces.length === 1) parts.push(pieces[0] as string);
      else {
        flush();
        if (text.length > 0) text.push('&');
        text.push(...pieces);
      }
    } else parts.push(queryPart(name, value));
    // An object of thousands of keys (PHP does not limit them) is read over several steps.
    if (n % KEYS_PER_STEP === KEYS_PER_STEP - 1) {
      flush();
      yield;
    }
  }
  flush();
  if (shaped === null) noteShape(names);
  listNames(params, names);
  return { index, params, occurrences, rawQuery: text.join(''), issues: NO_ISSUES };
}

/** Keys of an object entry read between two pauses. */
export const KEYS_PER_STEP = 1024;

function droppedIssue(position: number, value: string): Issue {
  const shown = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  const read = phpUrlQuery(value);
  const why = read.ok
    ? 'has no query part after "?"'
    : `is a URL PHP's parse_url cannot read (${read.reason})`;
  return makeIssue('bulk.entry_dropped', {
    param: 'requests',
    message: `Bulk item ${position} (${JSON.stringify(shown)}) ${why}, so Matomo drops it without giving it an index.`,
  });
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON list';
  if (typeof value === 'object') return 'a JSON object';
  if (typeof value === 'string') return 'a JSON string';
  return `the JSON ${typeof value} ${String(value)}`;
}
