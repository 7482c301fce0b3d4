// What Matomo 5 answers for a whole HTTP request (docs/tracking-protocol.md#outcomes, #responses, #bulk-response, #byte-level), so that clients
// of the capture server see the same status codes, headers and body shapes. The texts are
// our own: Matomo's branded wording is never copied (docs/tracking-protocol.md#byte-level).
import { bulkAbortPosition, countedAsTracked } from './bulk-abort';
import { TRACKING_GIF_CONTENT_TYPE } from './gif';
import type {
  Issue,
  Outcome,
  ParamValue,
  ParsedRequest,
  PredictedResponse,
  RawRequest,
} from './types';

/** What the response needs to know about each analysed hit. */
export interface ResponseHit {
  index: number;
  outcome: Outcome;
  issues?: readonly Issue[];
}

export interface ResponseOptions {
  /** Answer with the processing summary instead (debug mode, docs/tracking-protocol.md#debug). */
  debug?: boolean;
  /** The request's Origin header, echoed in the CORS headers of non-GET answers. */
  origin?: string;
}

/** Answer to a parameterless request (200 on GET, 400 otherwise): what this endpoint is. */
export const EMPTY_REQUEST_TEXT =
  'Hitscope tracking endpoint\n' +
  '\n' +
  'This address accepts Matomo tracking requests and shows them, decoded and checked, in\n' +
  'Hitscope. This request carried no tracking parameter. Send them\n' +
  '- in the query string:  GET ?idsite=1&rec=1&url=https%3A%2F%2Fexample.org%2F&action_name=Home\n' +
  '- in a form body:       POST with Content-Type application/x-www-form-urlencoded\n' +
  '- as a bulk request:    POST {"requests":["?idsite=1&rec=1&url=…","?…"]}\n';

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': '*',
  'access-control-allow-origin': '*',
} as const;

/**
 * A CORS preflight: OPTIONS with a non-empty Access-Control-Request-Method or -Headers (spec
 * docs/tracking-protocol.md#cors). Matomo answers it before parsing and tracks nothing.
 */
export function isPreflight(raw: RawRequest): boolean {
  if (typeof raw?.method !== 'string' || raw.method.toUpperCase() !== 'OPTIONS') return false;
  const headers = raw.headers ?? {};
  return (
    nonEmpty(headers['access-control-request-method']) ||
    nonEmpty(headers['access-control-request-headers'])
  );
}

/** 204 with the three preflight headers, no body (docs/tracking-protocol.md#cors, #byte-level). */
export function preflightResponse(): PredictedResponse {
  return { status: 204, contentType: null, bodyKind: 'empty', headers: { ...PREFLIGHT_HEADERS } };
}

/**
 * The answer for a parsed request and its analysed hits. For a rejected single request the
 * body is the GIF followed by a short text (bodyKind 'gif' with `body` = the text that comes
 * after the image), or the text alone with send_image=0 (docs/tracking-protocol.md#outcomes, #open-questions).
 */
export function predictResponse(
  parsed: ParsedRequest,
  hits: readonly ResponseHit[],
  options: ResponseOptions = {},
): PredictedResponse {
  const headers = corsHeaders(parsed.method, options.origin);
  if (parsed.bulk !== null) return bulkResponse(parsed, hits, headers, options.debug === true);
  if (parsed.empty) {
    return {
      status: parsed.method === 'GET' ? 200 : 400,
      contentType: 'text/plain; charset=utf-8',
      bodyKind: 'text',
      body: EMPTY_REQUEST_TEXT,
      headers,
    };
  }
  const rejected = hits.filter((hit) => hit.outcome === 'rejected');
  const status = rejected.length > 0 ? 400 : 200;
  if (options.debug) {
    return {
      status,
      contentType: 'text/plain; charset=utf-8',
      bodyKind: 'debug',
      body: debugText(hits),
      headers,
    };
  }
  // Matomo sets Cache-Control: no-store on the GIF and 204 answers of GET requests
  // (docs/tracking-protocol.md#response-headers), whose CORS headers are none. One literal:
  // a header added afterwards cost more than the rest of a page view's answer.
  const imageHeaders = parsed.method === 'GET' ? { 'cache-control': 'no-store' } : headers;
  const sendImage = parsed.entries[0]?.params['send_image'];
  const noImage = sendImage === '0';
  if (rejected.length > 0) {
    const body = rejectionText(rejected);
    if (noImage) {
      return { status, contentType: 'text/plain; charset=utf-8', bodyKind: 'text', body, headers };
    }
    return {
      status,
      contentType: TRACKING_GIF_CONTENT_TYPE,
      bodyKind: 'gif',
      body,
      headers: imageHeaders,
    };
  }
  if (noImage) return { status: 204, contentType: null, bodyKind: 'empty', headers: imageHeaders };
  return {
    status: 200,
    contentType: TRACKING_GIF_CONTENT_TYPE,
    bodyKind: 'gif',
    headers: imageHeaders,
  };
}

/**
 * Bulk answers (docs/tracking-protocol.md#bulk-response): always JSON, `tracked` counts every entry that was not rejected
 * (excluded and empty ones included), `invalid_indices` lists the rejected positions (Matomo
 * shows them to Super Users only; a debugger always shows them). send_image 0 → 204. An entry
 * that aborts the bulk turns the answer into an error (bulkErrorResponse).
 */
function bulkResponse(
  parsed: ParsedRequest,
  hits: readonly ResponseHit[],
  headers: Record<string, string>,
  debug: boolean,
): PredictedResponse {
  const abortAt = bulkAbortPosition(hits);
  if (abortAt >= 0) return bulkErrorResponse(hits, abortAt, headers, debug);
  const invalid = hits.filter((hit) => hit.outcome === 'rejected').map((hit) => hit.index);
  if (isZero(parsed.bulk?.sendImage)) {
    return { status: 204, contentType: 'application/json', bodyKind: 'empty', headers };
  }
  const body = JSON.stringify({
    status: 'success',
    tracked: hits.length - invalid.length,
    invalid: invalid.length,
    invalid_indices: invalid,
  });
  return { status: 200, contentType: 'application/json', bodyKind: 'bulk-json', body, headers };
}

/**
 * The answer to a bulk stopped by a generic exception at `abortAt` (docs/tracking-protocol.md#bulk-isolation, #bulk-response):
 * - HTTP 500: Matomo's handler answers 400 only for the two per-request exception classes and
 *   500 for any other (docs/tracking-protocol.md#outcomes "Status for exceptions", #bulk-response "400/500 per the exception
 *   class"; derived: the bulk response does not re-send 400 afterwards as single mode does);
 * - `tracked`: the entries processed without error before the failure, although they were
 *   rolled back (docs/tracking-protocol.md#bulk-response, #open-questions);
 * - `invalid` 0 and `invalid_indices` []: the bulk handler hands its list of invalid entries
 *   to the response only after its loop, which the exception skips, so the error answer
 *   never counts the invalid entries met before the failure (derived from
 *   `plugins/BulkTracking/Tracker/Handler.php` `process`; Matomo leaves it open);
 * - still JSON with send_image=0: the 204 belongs to the success path, which returns early
 *   once the error JSON has been written (derived from
 *   `plugins/BulkTracking/Tracker/Response.php` `outputResponse`; docs/tracking-protocol.md#bulk-response only shows the 204
 *   for success);
 * - `message` in debug mode only (docs/tracking-protocol.md#bulk-response), in our own words and with codes only, like the
 *   rejection text: never a value of the request.
 */
function bulkErrorResponse(
  hits: readonly ResponseHit[],
  abortAt: number,
  headers: Record<string, string>,
  debug: boolean,
): PredictedResponse {
  const culprit = hits[abortAt];
  const answer: Record<string, unknown> = {
    status: 'error',
    tracked: hits.slice(0, abortAt).filter((hit) => countedAsTracked(hit)).length,
    invalid: 0,
    invalid_indices: [],
  };
  if (debug && culprit) answer.message = abortText(culprit);
  return {
    status: 500,
    contentType: 'application/json',
    bodyKind: 'bulk-json',
    body: JSON.stringify(answer),
    headers,
  };
}

function abortText(culprit: ResponseHit): string {
  const codes = (culprit.issues ?? [])
    .filter((issue) => issue.severity === 'error' && issue.code !== 'bulk.aborted')
    .map((issue) => issue.code);
  return `Hitscope: entry #${culprit.index} stops the bulk (${codes.join(', ')}); Matomo rolls the whole bulk back.`;
}

/**
 * Longest Origin echoed back. A browser's Origin is a scheme, a host name (at most 253
 * characters in DNS) and a port; anything longer was not written by a browser.
 */
export const MAX_ECHOED_ORIGIN_LENGTH = 512;

/** `null` or `scheme://host[:port]` in visible ASCII: the serialised origins browsers send. */
const SERIALISED_ORIGIN = /^(?:null|[a-z][a-z0-9+.-]*:\/\/[\x21-\x2e\x30-\x7e]+)$/i;

/**
 * The Origin to echo, or `*`. Matomo echoes HTTP_ORIGIN verbatim (core/Tracker/Response.php,
 * outputAccessControlHeaders, lines 104–111), so a 1 MiB Origin comes back as a 1 MiB answer
 * header. Browsers only ever send a short serialised origin, which is echoed as Matomo does;
 * anything else (too long, a path, spaces, non-ASCII) gets `*`, which grants a page no more
 * than the echo would and keeps every answer header small.
 */
export function echoedOrigin(origin: string | undefined): string {
  if (origin === undefined || origin.length > MAX_ECHOED_ORIGIN_LENGTH) return '*';
  return SERIALISED_ORIGIN.test(origin) ? origin : '*';
}

/**
 * Non-GET answers carry the Origin (or `*`) and allow credentials
 * (docs/tracking-protocol.md#response-headers). The server adds the same to its own refusals.
 */
export function corsHeaders(method: string, origin: string | undefined): Record<string, string> {
  if (method === 'GET') return {};
  return {
    'access-control-allow-origin': echoedOrigin(origin),
    'access-control-allow-credentials': 'true',
  };
}

/** Codes only: the answer never echoes request values back to the sender. */
function rejectionText(rejected: readonly ResponseHit[]): string {
  const codes = new Set<string>();
  for (const hit of rejected) {
    for (const issue of hit.issues ?? []) if (issue.severity === 'error') codes.add(issue.code);
  }
  const reason = codes.size > 0 ? ` Reason: ${[...codes].join(', ')}.` : '';
  return `\nHitscope: Matomo would reject this tracking request (HTTP 400).${reason} Open Hitscope for details.\n`;
}

function debugText(hits: readonly ResponseHit[]): string {
  const lines = ['Hitscope debug output'];
  for (const hit of hits) {
    lines.push(`hit ${hit.index}: ${hit.outcome}`);
    for (const issue of hit.issues ?? []) {
      lines.push(
        `  ${issue.severity} ${issue.code}${issue.param ? ` (${issue.param})` : ''}: ${issue.message}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `send_image` 0 or "0" at the top of a bulk body (docs/tracking-protocol.md#bulk-request). */
function isZero(value: ParamValue | undefined): boolean {
  return value === 0 || value === '0';
}

function nonEmpty(value: string | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
