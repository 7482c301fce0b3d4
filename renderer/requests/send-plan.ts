// From the composer's draft to the exact request `/api/send` will make: the send-time values
// are filled in (`r`, `h`/`m`/`s`), the parameters go to the query (GET) or to a form body
// (POST, as the JS tracker posts them), and the target and path are resolved.
import type { SendRequestDto } from '../../shared/api/types';
import { buildCurl } from '../../shared/matomo/curl';
import { freshCacheBuster, localTimeParams, type Random } from '../../shared/matomo/volatile';
import { enabledPairs, type ComposerDraft, type ComposerPrefs } from './draft';
import { encodeQuery, type ParamPair } from './query-codec';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8';

/** Replaces the value of `name` (every occurrence) or appends it. */
function setPair(pairs: ParamPair[], name: string, value: string): ParamPair[] {
  if (!pairs.some((p) => p.name === name)) return [...pairs, { name, value }];
  return pairs.map((p) => (p.name === name ? { name, value } : p));
}

/** The parameters as they will be sent, send-time values included. */
export function sendPairs(
  draft: ComposerDraft,
  prefs: Pick<ComposerPrefs, 'cacheBuster' | 'localTime'>,
  now: Date,
  random: Random = Math.random,
): ParamPair[] {
  let pairs = enabledPairs(draft);
  if (prefs.cacheBuster) pairs = setPair(pairs, 'r', freshCacheBuster(random));
  if (prefs.localTime) {
    const time = localTimeParams(now);
    pairs = setPair(setPair(setPair(pairs, 'h', time.h), 'm', time.m), 's', time.s);
  }
  return pairs;
}

/**
 * The path to send to: a target URL that names the script itself (`…/matomo.php`) needs no
 * path, otherwise the draft's path is appended to it.
 */
export function targetPath(target: string, path: string): string {
  if (target !== 'self' && /\.php$/i.test(target.replace(/[?#].*$/, ''))) return '';
  return path;
}

/** The `/api/send` body for these parameters. */
export function sendRequestFor(
  pairs: readonly ParamPair[],
  fields: { method: 'GET' | 'POST'; target: string; path: string; headers: Record<string, string> },
): SendRequestDto {
  const encoded = encodeQuery(pairs);
  const request: SendRequestDto = {
    target: fields.target,
    method: fields.method,
    path: targetPath(fields.target, fields.path),
    headers: { ...fields.headers },
  };
  if (fields.method === 'GET') request.query = encoded;
  else {
    request.body = encoded;
    request.headers = { ...request.headers, 'content-type': FORM_CONTENT_TYPE };
  }
  return request;
}

/** The full URL a send request goes to (`self` resolved against this server's origin). */
export function sendUrl(request: SendRequestDto, selfOrigin: string): string {
  const base = (request.target === 'self' ? selfOrigin : request.target).replace(/[?#].*$/, '');
  let url = base.replace(/\/+$/, '') + (request.path ?? '');
  if (!/\.php$/i.test(url) && !request.path) url += '/matomo.php';
  return request.query ? `${url}?${request.query}` : url;
}

/** A curl command reproducing a send request. */
export function curlFor(request: SendRequestDto, selfOrigin: string): string {
  return buildCurl({
    method: request.method,
    url: sendUrl(request, selfOrigin),
    headers: request.headers ?? {},
    body: request.body ?? null,
  });
}

/** The request as one bulk entry (`"?query"`), the form the JS tracker's queue uses. */
export function bulkEntryFor(pairs: readonly ParamPair[]): string {
  return `?${encodeQuery(pairs)}`;
}

/** What Send does with the draft: exactly what the raw editor shows, or why it cannot. */
export type ComposerSendPlan =
  | { kind: 'single'; request: SendRequestDto; pairs: ParamPair[] }
  | { kind: 'bulk'; request: SendRequestDto; entries: number }
  | { kind: 'unreadable'; error: string };

/**
 * The request the composer sends and checks. The form and the raw editor agree, except when
 * the raw text is a bulk (sent as that bulk, body as given) or cannot be read (nothing is
 * sent: the stale form would not be what the editor shows).
 */
export function composerSendPlan(
  draft: ComposerDraft,
  prefs: Pick<ComposerPrefs, 'cacheBuster' | 'localTime'>,
  target: string,
  now: Date,
  random: Random = Math.random,
): ComposerSendPlan {
  if (draft.rawError !== null) return { kind: 'unreadable', error: draft.rawError };
  const bulk = draft.rawBulk;
  if (bulk) {
    const request: SendRequestDto = {
      target,
      method: 'POST',
      path: targetPath(target, bulk.path ?? draft.path),
      body: bulk.body,
      headers: { 'content-type': 'application/json', ...bulk.headers },
    };
    if (bulk.query !== '') request.query = bulk.query;
    return { kind: 'bulk', request, entries: bulk.items.length };
  }
  const pairs = sendPairs(draft, prefs, now, random);
  const request = sendRequestFor(pairs, {
    method: draft.method,
    target,
    path: draft.path,
    headers: draft.headers,
  });
  return { kind: 'single', request, pairs };
}
