// The compact forms of requests and hits, shared by the data file (one JSON line per HTTP
// request) and memory. A hit keeps what tables, filters and counts need; the bulky
// per-parameter views (occurrences, decoded values, device) are derived again from the
// raw request when a hit is read, so 100,000 hits fit in a few hundred megabytes.
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';

/** Format version of a data file line. */
export const LINE_VERSION = 1;

/** A request record without what can be derived (`url`, `hitIds`). */
export type StoredRequest = Omit<RequestRecordDto, 'url' | 'hitIds'> & {
  /** Number of hits the request produced. */
  hitCount: number;
};

/** The hit fields kept in memory and on disk. */
export type CompactHit = Omit<HitDto, 'occurrences' | 'decoded' | 'device'> & {
  /** The bulk entry was a JSON value, not a query string: `params` is that object as sent. */
  objectEntry?: true;
  /** `idsite:ec_id` of a recorded ecommerce order (duplicate-order check). */
  order?: string;
  /** Position in arrival order (cursor for paging). */
  seq: number;
};

/** Fields of a hit that come from its request, not repeated per hit in the file. */
type HitFromRequest =
  | 'receivedAt'
  | 'requestId'
  | 'batchSize'
  | 'transport'
  | 'method'
  | 'path'
  | 'remoteAddress'
  | 'seq';

export type StoredHitLine = Omit<CompactHit, HitFromRequest>;

export interface StoredLine {
  v: number;
  request: StoredRequest;
  hits: StoredHitLine[];
}

/** Hit id: the request id and the position in its bulk, so a request lists its hits without storing ids. */
export function hitIdOf(requestId: string, index: number): string {
  return `${requestId}.${index}`;
}

export function toStoredRequest(request: RequestRecordDto): StoredRequest {
  const { url: _url, hitIds, ...rest } = request;
  return { ...rest, hitCount: hitIds.length };
}

export function toRequestDto(request: StoredRequest): RequestRecordDto {
  const { hitCount, ...rest } = request;
  const hitIds: string[] = new Array<string>(hitCount);
  for (let i = 0; i < hitCount; i++) hitIds[i] = hitIdOf(request.id, i);
  return {
    ...rest,
    url: request.query ? `${request.path}?${request.query}` : request.path,
    hitIds,
  };
}

/** The line for the data file: one request with its hits. */
export function encodeLine(request: StoredRequest, hits: readonly CompactHit[]): string {
  const line: StoredLine = {
    v: LINE_VERSION,
    request,
    hits: hits.map(
      ({
        receivedAt: _r,
        requestId: _q,
        batchSize: _b,
        transport: _t,
        method: _m,
        path: _p,
        remoteAddress: _a,
        seq: _s,
        ...rest
      }) => rest,
    ),
  };
  return `${JSON.stringify(line)}\n`;
}

/** Parses a data file line; throws on anything that is not a line this version wrote. */
export function decodeLine(text: string): StoredLine {
  const line = JSON.parse(text) as StoredLine;
  if (
    typeof line !== 'object' ||
    line === null ||
    line.v !== LINE_VERSION ||
    typeof line.request?.id !== 'string' ||
    !Array.isArray(line.hits)
  ) {
    throw new Error('not a Hitscope data line');
  }
  return line;
}

/** Rebuilds the compact hit from its line and request (sharing the request's strings). */
export function hydrateHit(stored: StoredHitLine, request: StoredRequest, seq: number): CompactHit {
  return {
    ...stored,
    receivedAt: request.receivedAt,
    requestId: request.id,
    batchSize: request.hitCount,
    transport: request.transport,
    method: request.method,
    path: request.path,
    remoteAddress: request.remoteAddress,
    seq,
  };
}
