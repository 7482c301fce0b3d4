// Replaying captured hits: the same request again (to this server or another target),
// optionally with fresh volatile values, or opened in the composer for editing. The hit's
// raw query is resent byte for byte unless values are regenerated, so what was captured is
// what is replayed; the user agent goes along, since Matomo reads the device and the bot
// check from it.
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

function replayHeaders(hit: ReplayHit): Record<string, string> {
  return hit.userAgent ? { 'user-agent': hit.userAgent } : {};
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

/** True when the hit sets its own non-empty `ua` parameter. */
function hasOwnAgent(rawQuery: string): boolean {
  return decodeTrackingQuery(rawQuery, 'bulk').occurrences.some(
    (occurrence) => occurrence.name === 'ua' && occurrence.value !== '',
  );
}

/**
 * Captured hits as the `requests` items of one bulk, in the order given. A bulk has one
 * User-Agent header for all its entries, and Matomo reads an entry's `ua` parameter before
 * that header (core/Tracker/Request.php lines 634–643): each hit whose user agent is not
 * `headerAgent` takes it along as `ua`, so its device and bot check stay as captured. Without
 * a header agent (the bulk builder sends none of its own), every hit takes its agent along.
 */
export function replayBulkItems(
  hits: readonly ReplayHit[],
  regenerator?: VolatileRegenerator,
  headerAgent: string | null = null,
): string[] {
  return hits.map((hit) => {
    const query = regenerator ? regenerator.regenerateQuery(hit.rawQuery) : hit.rawQuery;
    const agent = hit.userAgent ?? '';
    const carry = agent !== '' && agent !== headerAgent && !hasOwnAgent(hit.rawQuery);
    const ua = carry ? `${query === '' ? '' : '&'}ua=${encodeURIComponent(agent)}` : '';
    return `?${query}${ua}`;
  });
}

/**
 * Captured hits as one bulk: the items, and the User-Agent header they go with. Hits that
 * share one user agent are sent with it as the header, byte for byte; mixed ones carry theirs
 * as `ua`, and a hit without any makes the header empty (an empty `ua` would not hide it).
 */
export function replayBulk(
  hits: readonly ReplayHit[],
  regenerator?: VolatileRegenerator,
): { items: string[]; headers: Record<string, string> } {
  const agents = new Set(hits.map((hit) => hit.userAgent ?? ''));
  const header =
    agents.size === 1 ? [...agents][0]! : agents.has('') ? '' : (hits[0]?.userAgent ?? '');
  return {
    items: replayBulkItems(hits, regenerator, header),
    headers: { 'user-agent': header },
  };
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
