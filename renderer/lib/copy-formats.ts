// What "Copy as URL / curl / bulk entry" puts on the clipboard for one hit, pointed at the
// tracker URL the hit can be replayed to. Tokens are masked unless revealed. The curl command
// carries the request headers Matomo's outcome depends on (the User-Agent decides the device
// and the bot check, Accept-Language the language and country), so running it gives the
// same verdict as the hit.
import type { RequestRecordDto } from '../../shared/api/types';
import { buildCurl } from '../../shared/matomo/curl';
import {
  buildFetchCall,
  hitAsPhpTracker,
  type FetchCallInput,
  type TrackerCallInput,
} from '../../shared/matomo/tracker-calls';
import { maskedRequest, maybeMaskQuery } from './mask-token';

/** The request headers a copy keeps, in the order curl prints them. */
const OUTCOME_HEADERS = ['user-agent', 'referer', 'accept-language', 'origin', 'content-type'];

const HEADER_LABELS: Record<string, string> = {
  'user-agent': 'User-Agent',
  referer: 'Referer',
  'accept-language': 'Accept-Language',
  origin: 'Origin',
  'content-type': 'Content-Type',
};

/**
 * The headers of the request as received that decide or explain the outcome (masked like the
 * raw view unless revealed); the hit's user agent when the request is no longer stored.
 */
export function receivedHeaders(
  hit: { userAgent?: string },
  request: RequestRecordDto | null,
  reveal: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const received = request ? maskedRequest(request, reveal).shown.headers : {};
  for (const name of OUTCOME_HEADERS) {
    const value = received[name];
    if (value !== undefined && value !== '') headers[HEADER_LABELS[name]!] = value;
  }
  if (!request && hit.userAgent) headers['User-Agent'] = hit.userAgent;
  return headers;
}

/** What a copied URL leaves out that the request carried ("User-Agent, Referer"), or ''. */
export function headersLeftOut(headers: Record<string, string>): string {
  return Object.keys(headers)
    .filter((name) => name !== 'Content-Type')
    .join(', ');
}

export interface CopySource {
  rawQuery: string;
  method: string;
  transport: string;
  path: string;
}

/** The tracker endpoint for a hit: the origin of the tracker URL plus the hit's path. */
export function endpointFor(hit: CopySource, trackerUrl: string): string {
  try {
    const base = new URL(trackerUrl);
    return `${base.origin}${hit.path || base.pathname}`;
  } catch {
    return trackerUrl;
  }
}

export function hitAsUrl(hit: CopySource, trackerUrl: string, reveal: boolean): string {
  const query = maybeMaskQuery(hit.rawQuery, reveal);
  return query ? `${endpointFor(hit, trackerUrl)}?${query}` : endpointFor(hit, trackerUrl);
}

/** Hits that came as a form POST or a beacon are copied as a form POST. */
function sendsAsForm(hit: CopySource): boolean {
  return hit.transport === 'post' || hit.transport === 'beacon';
}

/**
 * The request a copy sends: a GET for GET hits; a form POST for POST and beacon hits; bulk
 * entries as GET. `headers` (see receivedHeaders) go along; a GET sends no Content-Type.
 */
function copiedRequest(
  hit: CopySource,
  trackerUrl: string,
  reveal: boolean,
  headers: Record<string, string>,
): FetchCallInput {
  const { 'Content-Type': type, ...others } = headers;
  if (!sendsAsForm(hit)) {
    return { method: 'GET', url: hitAsUrl(hit, trackerUrl, reveal), headers: others };
  }
  return {
    method: 'POST',
    url: endpointFor(hit, trackerUrl),
    headers: {
      ...others,
      'Content-Type':
        type && type.includes('form') ? type : 'application/x-www-form-urlencoded; charset=UTF-8',
    },
    body: maybeMaskQuery(hit.rawQuery, reveal),
  };
}

export function hitAsCurl(
  hit: CopySource,
  trackerUrl: string,
  reveal: boolean,
  headers: Record<string, string> = {},
): string {
  return buildCurl(copiedRequest(hit, trackerUrl, reveal, headers));
}

/** A `fetch(...)` call sending what the curl command sends. */
export function hitAsFetch(
  hit: CopySource,
  trackerUrl: string,
  reveal: boolean,
  headers: Record<string, string> = {},
): string {
  return buildFetchCall(copiedRequest(hit, trackerUrl, reveal, headers));
}

/** One item of a bulk `requests` array: `"?idsite=1&rec=1…"`. */
export function hitAsBulkEntry(hit: CopySource, reveal: boolean): string {
  return JSON.stringify(`?${maybeMaskQuery(hit.rawQuery, reveal)}`);
}

/** The hit as a PHP MatomoTracker call, with the user agent and language it was sent with. */
export function hitAsPhp(
  hit: TrackerCallInput & CopySource,
  trackerUrl: string,
  headers: Record<string, string> = {},
): string {
  return hitAsPhpTracker(hit, {
    trackerUrl: endpointFor(hit, trackerUrl),
    ...(headers['User-Agent'] ? { userAgent: headers['User-Agent'] } : {}),
    ...(headers['Accept-Language'] ? { acceptLanguage: headers['Accept-Language'] } : {}),
  });
}
