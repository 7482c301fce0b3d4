import type { ApiClient } from '../api/client';
import type { HitDetailDto, HitDto, RequestRecordDto } from '../../shared/api/types';
import { bulkTokenOfRequest } from './replay';

/** A hit to replay, with the top-level token_auth of the bulk it came in (docs/tracking-protocol.md#bulk-request). */
export type FetchedHit = HitDto & {
  bulkTokenAuth: string | null;
  /** The headers of the carrying request (null when it is no longer stored). */
  requestHeaders: Record<string, string> | null;
};

/** The bulk token of the carrying request, read from its whole body when the record's is cut. */
async function requestToken(client: ApiClient, request: RequestRecordDto): Promise<string | null> {
  if (request.transport !== 'bulk' || request.cut?.body === undefined) {
    return bulkTokenOfRequest(request);
  }
  const body = await client.rawText({ requestId: request.id });
  return bulkTokenOfRequest({ ...request, body, cut: undefined });
}

/**
 * The full hits (raw query included) of the given ids, in that order; missing ones are named.
 * A hit whose raw query the inspection answer cut is completed from the raw route, so what is
 * resent is what was captured. The bulk token is read once per request, however many of its
 * hits are asked for.
 */
export async function fetchHits(
  client: ApiClient,
  ids: readonly string[],
): Promise<{ hits: FetchedHit[]; missing: string[] }> {
  const tokens = new Map<string, Promise<string | null>>();
  const one = async (id: string): Promise<FetchedHit | null> => {
    let detail: HitDetailDto;
    try {
      detail = await client.hit(id);
    } catch {
      return null;
    }
    const { hit, request } = detail;
    let token: string | null = null;
    if (request) {
      if (!tokens.has(request.id)) tokens.set(request.id, requestToken(client, request));
      token = (await tokens.get(request.id)) ?? null;
    }
    const rawQuery = hit.cut?.rawQuery ? await client.rawText({ hitId: hit.id }) : hit.rawQuery;
    return { ...hit, rawQuery, bulkTokenAuth: token, requestHeaders: request?.headers ?? null };
  };
  const results = await Promise.all(ids.map(one));
  const hits: FetchedHit[] = [];
  const missing: string[] = [];
  results.forEach((hit, i) => {
    if (hit) hits.push(hit);
    else missing.push(ids[i]!);
  });
  return { hits, missing };
}
