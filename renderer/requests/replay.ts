// Replaying captured hits: the same request again (to this server or another target),
// optionally with fresh volatile values, or opened in the composer for editing. The hit's
// raw query is resent byte for byte unless values are regenerated, so what was captured is
// what is replayed; the request headers that decide the outcome go along: the user agent
// (device, bot check), Accept-Language (the visitor's language and country, part of the
// visit's config id) and the client hints (device detection), see outcomeHeaders.
//
// A hit that came in a bulk was tracked with the bulk's top-level token_auth, which Matomo
// attaches to every entry (docs/tracking-protocol.md#bulk-request): cip, cdt older than 24 h and the geo overrides need
// it (docs/tracking-protocol.md#authenticated-overrides, #custom-time); an entry's own token_auth counts only when the bulk has none. Resent
// alone, the hit carries the bulk's token as its token_auth (in place of any of its own) and
// then travels as a form POST, so the token stays out of URLs and logs.
import type { HitDto, RequestRecordDto, SendRequestDto } from '../../shared/api/types';
import { bulkTokenAuth } from '../../shared/matomo/bulk';
import { decodeQuery as decodeTrackingQuery } from '../../shared/matomo/query-string';
import { decodedNameIsToken, rawNameIsToken } from '../../shared/matomo/token-mask-text';
import { templateForHitType } from '../../shared/matomo/templates';
import type { VolatileRegenerator } from '../../shared/matomo/volatile';
import { draftFromPairs, type ComposerDraft } from './draft';
import { FORM_CONTENT_TYPE } from './send-plan';
import { decodeQuery } from './query-codec';

export type ReplayHit = Pick<HitDto, 'rawQuery' | 'transport' | 'path' | 'userAgent' | 'type'> & {
  /** The top-level token_auth of the bulk the hit came in, when it had one. */
  bulkTokenAuth?: string | null;
  /** The headers of the request that carried the hit, when it is still stored. */
  requestHeaders?: Readonly<Record<string, string>> | null;
};

/** The bulk token_auth in the stored body of the request that carried a hit, if any. */
export function bulkTokenOfRequest(request: RequestRecordDto | null | undefined): string | null {
  if (!request || request.transport !== 'bulk' || request.bodyEncoding !== 'utf8') return null;
  return bulkTokenAuth(request.body) ?? null;
}

/** The hit's own token_auth as Matomo reads it (the last one), or '' when none. */
function ownToken(rawQuery: string): string {
  const tokens = decodeTrackingQuery(rawQuery, 'bulk').occurrences.filter(
    (occurrence) => occurrence.name === 'token_auth',
  );
  const value = tokens[tokens.length - 1]?.value;
  return typeof value === 'string' ? value : '';
}

/**
 * The bulk's token_auth the hit needs when sent alone, or null: no bulk token, or the hit
 * already sends that very token.
 */
export function carriedBulkToken(hit: ReplayHit): string | null {
  const token = hit.bulkTokenAuth;
  if (token === undefined || token === null || token === '') return null;
  return ownToken(hit.rawQuery) === token ? null : token;
}

/** The raw query without its own token_auth parameters (under any name PHP reads as it). */
function withoutOwnToken(query: string): string {
  return query
    .split('&')
    .filter((segment) => !rawNameIsToken(segment.split('=', 1)[0] ?? ''))
    .join('&');
}

/**
 * Request headers besides the User-Agent that Matomo reads for a hit's outcome:
 * Accept-Language (core/Common.php getBrowserLanguage, lines 823–840; the config id takes it,
 * core/Tracker/Settings.php line 72) and the client hints `Sec-CH-UA*` (core/Http.php
 * getClientHintsFromServerVariables, lines 1017–1033, read by the device detector).
 */
function decidesOutcome(name: string): boolean {
  return name === 'accept-language' || name.startsWith('sec-ch-ua');
}

/** The headers a replay of the hit sends so that Matomo sees the same visitor and device. */
export function outcomeHeaders(hit: ReplayHit): Record<string, string> {
  const headers: Record<string, string> = {};
  if (hit.userAgent) headers['user-agent'] = hit.userAgent;
  for (const [name, value] of Object.entries(hit.requestHeaders ?? {})) {
    const lower = name.toLowerCase();
    if (decidesOutcome(lower) && value !== '') headers[lower] = value;
  }
  return headers;
}

function replayHeaders(hit: ReplayHit): Record<string, string> {
  return outcomeHeaders(hit);
}

/** The path to replay to: the hit's own tracking path on the target. */
function replayPath(hit: ReplayHit): string {
  return /^\/[^\s?#]*$/.test(hit.path) ? hit.path : '/matomo.php';
}

/** How the hit goes alone: its own transport; a bulk entry as GET, or POST with a token. */
function replayTransport(hit: ReplayHit, carried: boolean): 'get' | 'post' | 'beacon' {
  if (hit.transport === 'bulk') return carried ? 'post' : 'get';
  return hit.transport;
}

/** One captured hit as a single request, in the transport it came with. */
export function replayRequest(
  hit: ReplayHit,
  target: string,
  regenerator?: VolatileRegenerator,
): SendRequestDto {
  const token = carriedBulkToken(hit);
  let query = regenerator ? regenerator.regenerateQuery(hit.rawQuery) : hit.rawQuery;
  if (token !== null) {
    query = withoutOwnToken(query);
    query = `${query}${query === '' ? '' : '&'}token_auth=${encodeURIComponent(token)}`;
  }
  const base = { target, path: replayPath(hit), headers: replayHeaders(hit) };
  // A form POST is replayed as a form POST; a beacon (POST, parameters in the URL) as one;
  // GET hits and entries of a bulk as GET.
  const transport = replayTransport(hit, token !== null);
  if (transport === 'post') {
    return {
      ...base,
      method: 'POST',
      body: query,
      headers: { ...base.headers, 'content-type': FORM_CONTENT_TYPE },
    };
  }
  if (transport === 'beacon') return { ...base, method: 'POST', query };
  return { ...base, method: 'GET', query };
}

/** True when the hit sets its own non-empty parameter `name` (which wins over the header). */
function hasOwn(rawQuery: string, name: string): boolean {
  return decodeTrackingQuery(rawQuery, 'bulk').occurrences.some(
    (occurrence) => occurrence.name === name && occurrence.value !== '',
  );
}

/** The client hints among headers, as the JSON object `uadata` takes (header names work). */
function clientHints(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('sec-ch-ua')),
  );
}

function sameHints(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/**
 * The parameters that stand in for the bulk's headers where the hit's own differ: Matomo
 * reads `ua` before the User-Agent (core/Tracker/Request.php lines 634–643), `lang` before
 * Accept-Language (lines 319–323) and `uadata` before the client hints (lines 645–652).
 */
function carriedParams(hit: ReplayHit, bulkHeaders: Record<string, string> | null): string[] {
  const own = outcomeHeaders(hit);
  const shared = bulkHeaders ?? {};
  const params: string[] = [];
  const agent = own['user-agent'] ?? '';
  if (agent !== '' && agent !== shared['user-agent'] && !hasOwn(hit.rawQuery, 'ua')) {
    params.push(`ua=${encodeURIComponent(agent)}`);
  }
  const lang = own['accept-language'] ?? '';
  if (lang !== '' && lang !== shared['accept-language'] && !hasOwn(hit.rawQuery, 'lang')) {
    params.push(`lang=${encodeURIComponent(lang)}`);
  }
  const hints = clientHints(own);
  if (
    Object.keys(hints).length > 0 &&
    !sameHints(hints, clientHints(shared)) &&
    !hasOwn(hit.rawQuery, 'uadata')
  ) {
    params.push(`uadata=${encodeURIComponent(JSON.stringify(hints))}`);
  }
  return params;
}

/**
 * Captured hits as the `requests` items of one bulk, in the order given. A bulk has one set
 * of headers for all its entries: each hit whose user agent, language or client hints differ
 * from `bulkHeaders` takes them along as parameters (see carriedParams), so its device, bot
 * check and visitor stay as captured. Without bulk headers (the bulk builder sends none of
 * its own), every hit takes its own along.
 */
export function replayBulkItems(
  hits: readonly ReplayHit[],
  regenerator?: VolatileRegenerator,
  bulkHeaders: Record<string, string> | null = null,
): string[] {
  return hits.map((hit) => {
    const query = regenerator ? regenerator.regenerateQuery(hit.rawQuery) : hit.rawQuery;
    const extra = carriedParams(hit, bulkHeaders);
    return `?${[query, ...extra].filter((part) => part !== '').join('&')}`;
  });
}

/**
 * The value of one header for the whole bulk: the one all hits share; where they differ, ''
 * when a hit has none (its parameter could not hide a header value), else the first hit's.
 */
function sharedValue(values: readonly string[]): string {
  const distinct = new Set(values);
  if (distinct.has('') && distinct.size > 1) return '';
  return values[0] ?? '';
}

/**
 * Captured hits as one bulk: the items, and the headers they go with. Headers all hits share
 * are sent as they were, byte for byte; hits that differ carry theirs as parameters. The
 * client hints go as one set (a hit mixing two sets would be another device).
 */
export function replayBulk(
  hits: readonly ReplayHit[],
  regenerator?: VolatileRegenerator,
): { items: string[]; headers: Record<string, string> } {
  const own = hits.map(outcomeHeaders);
  const headers: Record<string, string> = {
    'user-agent': sharedValue(own.map((h) => h['user-agent'] ?? '')),
  };
  const lang = sharedValue(own.map((h) => h['accept-language'] ?? ''));
  if (lang !== '') headers['accept-language'] = lang;
  const hintSets = own.map(clientHints);
  const first = hintSets[0] ?? {};
  const hintsShared = hintSets.every((set) => sameHints(set, first));
  if (hintsShared) Object.assign(headers, first);
  return { items: replayBulkItems(hits, regenerator, headers), headers };
}

/**
 * A captured hit opened in the composer: its parameters, kind, method, path and user agent;
 * with the bulk's token_auth when it needs it alone (`carriedToken` says so to the composer).
 */
export function draftFromHit(hit: ReplayHit): ComposerDraft {
  const token = carriedBulkToken(hit);
  let pairs = decodeQuery(hit.rawQuery).pairs;
  if (token !== null) {
    pairs = pairs.filter((pair) => !decodedNameIsToken(pair.name));
    pairs.push({ name: 'token_auth', value: token });
  }
  const draft = draftFromPairs(pairs, {
    template: templateForHitType(hit.type),
    method: replayTransport(hit, token !== null) === 'post' ? 'POST' : 'GET',
    path: replayPath(hit),
    headers: replayHeaders(hit),
  });
  return token === null ? draft : { ...draft, carriedToken: token };
}
