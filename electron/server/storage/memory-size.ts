// What a request or hit costs in the in-memory window, estimated from its strings (two bytes
// a character: the worst case of a JavaScript string) plus a fixed overhead for the objects
// around them. The window evicts by this, so many large bodies cannot exhaust the heap.
import { packedQueryOf } from './kept-request';
import { packedLength } from './packed-query';
import type { CompactHit, StoredRequest } from './stored-record';

const REQUEST_OVERHEAD = 1024;
const HIT_OVERHEAD = 512;

function valueChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 8;
  let chars = 0;
  // Without Object.entries: kept parameters may be 100,000 (a bulk entry sent as an object),
  // and a pair array for each was most of the time spent here.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (Object.hasOwn(record, key)) chars += key.length + valueChars(record[key]);
  }
  return chars;
}

export function requestBytes(request: StoredRequest): number {
  let chars =
    request.body.length + packedLength(packedQueryOf(request)) + request.response.body.length;
  // Without Object.entries: this runs for every stored request, and its pair arrays were
  // most of what counting the headers allocated.
  const headers = request.headers;
  for (const name in headers) {
    if (Object.hasOwn(headers, name)) chars += name.length + (headers[name] as string).length;
  }
  return REQUEST_OVERHEAD + 2 * chars;
}

/** What the hit holds beyond its request: its own raw query and kept parameters. */
export function hitBytes(hit: CompactHit): number {
  const request = hit.request;
  let chars = hit.summary.length + hit.userAgent.length;
  // Compared as kept, not as text: a kept query is joined again when read as text.
  const raw = hit.packedRawQuery;
  if (raw !== packedQueryOf(request) && raw !== request.body) chars += packedLength(raw);
  const kept = hit.keptParams;
  // An object entry's raw query is written from its kept parameters, every name and value:
  // its length stands for theirs (a walk over 100,000 of them took some 40 ms).
  if (kept) chars += hit.objectEntry === true ? packedLength(raw) : valueChars(kept);
  return HIT_OVERHEAD + 2 * chars;
}
