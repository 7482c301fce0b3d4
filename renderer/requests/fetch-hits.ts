import type { ApiClient } from '../api/client';
import type { HitDto } from '../../shared/api/types';
import { bulkTokenOfRequest } from './replay';

/** A hit to replay, with the top-level token_auth of the bulk it came in (docs/tracking-protocol.md#bulk-request). */
export type FetchedHit = HitDto & {
  bulkTokenAuth: string | null;
  /** The headers of the carrying request (null when it is no longer stored). */
  requestHeaders: Record<string, string> | null;
};

/**
 * The full hits (raw query included) of the given ids, in that order; missing ones are named.
 * The bulk token is read once per request, however many of its hits are asked for.
 */
export async function fetchHits(
  client: ApiClient,
  ids: readonly string[],
): Promise<{ hits: FetchedHit[]; missing: string[] }> {
  const tokens = new Map<string, string | null>();
  const results = await Promise.all(
    ids.map((id) =>
      client.hit(id).then(
        (detail): FetchedHit => {
          const request = detail.request;
          let token: string | null = null;
          if (request) {
            if (!tokens.has(request.id)) tokens.set(request.id, bulkTokenOfRequest(request));
            token = tokens.get(request.id) ?? null;
          }
          return { ...detail.hit, bulkTokenAuth: token, requestHeaders: request?.headers ?? null };
        },
        () => null,
      ),
    ),
  );
  const hits: FetchedHit[] = [];
  const missing: string[] = [];
  results.forEach((hit, i) => {
    if (hit) hits.push(hit);
    else missing.push(ids[i]!);
  });
  return { hits, missing };
}
