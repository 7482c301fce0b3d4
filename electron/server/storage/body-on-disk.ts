// Large request bodies are not kept in the in-memory window: a flood of big POSTs must not
// fill the heap, and the data file holds them anyway. A single request whose body is large
// stays on disk entirely (its hit reads its parameters from that body); a large bulk keeps
// its hits in the window (each has its own entry text) and leaves its body on disk, so the
// request is read from the data file when it is asked for.
import type { StoredRequest } from './stored-record';

/** Bodies longer than this (characters) stay on disk. */
export const LARGE_BODY_CHARS = 64 * 1024;

const withoutBody = new WeakSet<StoredRequest>();

/** True when the in-memory request lacks its body: read the request from the data file. */
export function bodyIsOnDisk(request: StoredRequest): boolean {
  return withoutBody.has(request);
}

/**
 * The request as the window keeps it: itself, the same without its body (marked), or null
 * when its hits are not kept in memory at all.
 */
export function windowRequest(request: StoredRequest, hitCount: number): StoredRequest | null {
  if (request.body.length <= LARGE_BODY_CHARS || hitCount === 0) return request;
  if (request.transport !== 'bulk') return null;
  // The query is named: a kept request reads it through a getter, which a spread leaves out.
  const light: StoredRequest = { ...request, query: request.query, body: '' };
  withoutBody.add(light);
  return light;
}

/** `request`, read back without its body (only its hits were wanted), marked as such. */
export function withBodyOnDisk(request: StoredRequest): StoredRequest {
  withoutBody.add(request);
  return request;
}
