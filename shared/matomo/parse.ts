// From an HTTP request as received to the tracking requests Matomo would build from it
// (docs/tracking-protocol.md#parameter-sources, #bulk-request). Never throws: whatever arrives — bytes that are not UTF-8, half a JSON
// document, nulls where strings belong — becomes entries and issues.
//
// Where parameters come from, as PHP fills them for Matomo:
// - a body containing `"requests"` (not at position 0) is a bulk request, whatever the method
//   or Content-Type; the URL query then carries no tracking request (its parameter names are
//   kept and reported as unused, docs/tracking-protocol.md#bulk-request);
// - otherwise one request from `$_GET + $_POST`: the query string, plus a form body on POST
//   (`application/x-www-form-urlencoded` or `multipart/form-data`); the query wins on a clash.
import { buildQuery } from './build';
import { bulkUrlQueryIssue, isBulkBody, parseBulkBodySteps, parseBulkBytesSteps } from './bulk';
import { drain, type Step } from '../steps';
import { effectiveParams } from './effective-params';
import { hasNoOwnKeys } from './record-shapes';
import { capIssueSteps, ISSUES_LISTED_PER_CODE, withinIssueCap } from './issue-cap';
import { makeIssue } from './issue-codes';
import { headerText } from './header-text';
import { parseMultipart } from './multipart';
import { decodeQuery, inputVarsIssue, MAX_INPUT_VARS } from './query-string';
import { decodeQuerySteps, QUERY_STEP_CHARS } from './query-string-steps';
import type {
  Issue,
  ParamOccurrence,
  ParamValue,
  ParsedEntry,
  ParsedRequest,
  RawRequest,
  Transport,
} from './types';
import { decodeUtf8Steps, isUtf8Steps } from './utf8';
import { isBulkBytesSteps } from './bulk-bytes';
import { PIECEWISE_JSON_CHARS } from './bulk-json';

export function parseRequest(raw: RawRequest): ParsedRequest {
  return drain(parseRequestSteps(raw));
}

/** parseRequest in steps: a bulk body pauses after each of its items (parseBulkBodySteps). */
export function* parseRequestSteps(raw: RawRequest): Generator<Step, ParsedRequest> {
  const method = typeof raw?.method === 'string' ? raw.method.toUpperCase() : 'GET';
  const path = typeof raw?.path === 'string' ? raw.path : '';
  const query = normalizeQuery(raw?.query);
  const headers = raw?.headers !== null && typeof raw?.headers === 'object' ? raw.headers : {};
  const bodyBytes = raw?.body instanceof Uint8Array ? raw.body : new Uint8Array(0);
  // A bulk body of megabytes is read from its bytes: it never becomes one string.
  const fromBytes =
    bodyBytes.length >= PIECEWISE_JSON_CHARS && (yield* isBulkBytesSteps(bodyBytes))
      ? (yield* isUtf8Steps(bodyBytes))
        ? yield* parseBulkBytesSteps(bodyBytes)
        : null
      : null;
  const body =
    fromBytes !== null || bodyBytes.length === 0
      ? { text: '', valid: true }
      : yield* decodeUtf8Steps(bodyBytes);

  if (fromBytes !== null || isBulkBody(body.text)) {
    const parsedBulk = fromBytes ?? (yield* parseBulkBodySteps(body.text, body.valid));
    const urlOccurrences = (yield* decodeQuerySteps(query, 'query')).occurrences;
    const queryParams = effectiveParams(urlOccurrences, []);
    if (urlOccurrences.length > 0) {
      const names = [...new Set(urlOccurrences.map((occurrence) => occurrence.name))];
      parsedBulk.bulk.urlParams = names;
      const unused = bulkUrlQueryIssue(names);
      if (unused !== null) parsedBulk.issues.push(unused);
    }
    return {
      transport: 'bulk',
      method,
      path,
      bulk: parsedBulk.bulk,
      entries: parsedBulk.entries,
      // One per item Matomo drops: a body of megabytes may hold 100,000 of them.
      issues: yield* capIssueSteps(parsedBulk.issues, ISSUES_LISTED_PER_CODE, 'request'),
      empty: false,
      debugRequested: isDebug(queryParams),
    };
  }

  // The query's lists are extended in place: a form body of megabytes can add more
  // parameters than a spread (push(...list)) may pass as arguments.
  // A query short enough to decode in one step is decoded without a generator of its own.
  const { occurrences, issues } =
    query.length <= QUERY_STEP_CHARS
      ? decodeQuery(query, 'query')
      : yield* decodeQuerySteps(query, 'query');
  const bodyQuery = readFormBody(method, headerText(headers, 'content-type'), body, issues);
  const formQuery =
    bodyQuery !== null && !body.valid && bodyQuery === body.text
      ? escapeHighBytes(bodyBytes)
      : bodyQuery;
  if (formQuery !== null) {
    const fromBody = yield* decodeQuerySteps(formQuery, 'body');
    for (const occurrence of fromBody.occurrences) occurrences.push(occurrence);
    for (const issue of fromBody.issues) issues.push(issue);
  }
  const params = effectiveParams(occurrences, issues);
  const empty = hasNoOwnKeys(params);
  const rawQuery = joinedQuery(query, formQuery ?? '');
  const entry: ParsedEntry = { index: 0, params, occurrences, rawQuery, issues };
  const requestIssues: Issue[] = [];
  if (empty) {
    requestIssues.push(
      makeIssue('request.empty', {
        message: `The ${method} request carries no tracking parameter, so there is nothing to track.`,
      }),
    );
    // No hit will carry them: say on the request why nothing arrived (ignored body, …).
    for (const issue of issues) requestIssues.push(issue);
  }
  return {
    transport: singleTransport(method, bodyBytes.length, bodyQuery !== null, query !== ''),
    method,
    path,
    bulk: null,
    entries: [entry],
    issues: withinIssueCap(requestIssues)
      ? requestIssues
      : yield* capIssueSteps(requestIssues, ISSUES_LISTED_PER_CODE, 'request'),
    empty,
    debugRequested: isDebug(params),
  };
}

/** The URL query and the form body's query as one text, `&` between them when both exist. */
const joinedQuery = (query: string, formQuery: string): string =>
  query === '' ? formQuery : formQuery === '' ? query : `${query}&${formQuery}`;

function normalizeQuery(query: unknown): string {
  if (typeof query !== 'string') return '';
  return query.startsWith('?') ? query.slice(1) : query;
}

/**
 * The form body PHP would put in $_POST, as `name=value&…` text, or null when it reads none:
 * only POST requests with a form Content-Type fill $_POST. Any other non-empty body is
 * reported as ignored. Multipart fields are re-encoded as a query string so that they go
 * through the same name rules and duplicate detection.
 */
function readFormBody(
  method: string,
  contentType: string,
  body: { text: string; valid: boolean },
  issues: Issue[],
): string | null {
  if (body.text === '') return null;
  const mime = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  const isForm = mime === 'application/x-www-form-urlencoded' || mime === 'multipart/form-data';
  if (method !== 'POST' || !isForm) {
    issues.push(ignoredBodyIssue(method, mime));
    return null;
  }
  if (!body.valid) {
    issues.push(
      makeIssue('encoding.invalid', {
        message:
          'The form body contains bytes that are not UTF-8; Matomo reads each value holding them as Latin-1.',
        hint: 'Percent-encode the UTF-8 bytes of every value (e.g. é → %C3%A9).',
      }),
    );
  }
  if (mime === 'multipart/form-data') {
    // PHP registers the first 1000 text fields of a multipart body (max_input_vars), one
    // fewer than of a urlencoded one, and ignores the rest with a warning.
    const fields = parseMultipart(body.text, contentType);
    const ignored = inputVarsIssue(
      { left: 0, ignored: Math.max(0, fields.length - MAX_INPUT_VARS) },
      'body',
      MAX_INPUT_VARS,
    );
    if (ignored !== null) issues.push(ignored);
    return buildQuery(
      fields
        .slice(0, MAX_INPUT_VARS)
        .map(([name, value]): ParamOccurrence => ({ name, value, source: 'body' })),
    );
  }
  return body.text;
}

/**
 * A form body that is not UTF-8, with every byte above 0x7F written as %XX: decoding the
 * values then sees the bytes as sent, as PHP does, instead of replacement characters.
 */
function escapeHighBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text +=
      byte < 0x80
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}

function ignoredBodyIssue(method: string, mime: string): Issue {
  if (method !== 'POST') {
    return makeIssue('body.ignored', {
      message: `A ${method} request body is never read as tracking parameters (only POST form bodies and bulk JSON are).`,
    });
  }
  const type = mime === '' ? 'no Content-Type' : `Content-Type ${mime}`;
  return makeIssue('body.ignored', {
    message: `The POST body has ${type} and is not a bulk request, so Matomo ignores it.`,
  });
}

/**
 * sendBeacon (the JavaScript tracker's default) posts an empty body with every parameter in
 * the URL; an XHR POST puts them in a form body (docs/tracking-protocol.md#real-clients).
 */
function singleTransport(
  method: string,
  bodyLength: number,
  formBody: boolean,
  hasQuery: boolean,
): Transport {
  if (method !== 'POST') return 'get';
  if (formBody) return 'post';
  return bodyLength === 0 && hasQuery ? 'beacon' : 'post';
}

/** `debug` as PHP reads it as a boolean: set, not empty and not "0" (docs/tracking-protocol.md#debug). */
function isDebug(params: Record<string, ParamValue>): boolean {
  if (!Object.hasOwn(params, 'debug')) return false;
  const value = params['debug'];
  return typeof value === 'string' && value !== '' && value !== '0';
}
