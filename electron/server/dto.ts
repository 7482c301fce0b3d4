// From an analysed HTTP request to the DTOs the store keeps and the API serves. Values are
// kept as received (token_auth included: masking is for display and export, never for the
// record), so a stored request can be replayed and re-analysed exactly.
import { isUtf8 } from 'node:buffer';
import type { HitDto, RequestRecordDto, ResponseRecordDto } from '../../shared/api/types';
import type {
  AnalyzedHit,
  Issue,
  ParamValue,
  PredictedResponse,
  RawRequest,
  RequestAnalysis,
  Transport,
} from '../../shared/matomo/types';
import { withoutOwnCookie } from '../../shared/api/credential-mask';
import { TOKEN_MASK } from './admin/mask-tokens';
import { readInt } from '../../shared/matomo/coerce';
import { hitIdOf } from './storage/stored-record';
import { isoTime } from './iso-time';

/** Bodies are stored up to this size; hits keep their own parameters whatever the size. */
export const STORED_BODY_CAP = 1024 * 1024;

/** Request ids: unique across restarts (start time) and increasing within a run. */
export function createIdSource(now = Date.now()): () => string {
  const prefix = now.toString(36);
  let counter = 0;
  return () => `${prefix}-${(counter++).toString(36)}`;
}

const utf8Lenient = new TextDecoder('utf-8');

type RecordBody = Pick<RequestRecordDto, 'body' | 'bodyEncoding' | 'bodySize' | 'bodyTruncated'>;

/** Every GET's: its fields are copied into the record, the object itself is never kept. */
const NO_RECORD_BODY: Readonly<RecordBody> = Object.freeze({
  body: '',
  bodyEncoding: 'utf8',
  bodySize: 0,
  bodyTruncated: false,
});

/** The body as text when it is UTF-8, else base64; cut to `cap` bytes. */
export function bodyForRecord(
  body: Uint8Array,
  cap = STORED_BODY_CAP,
  received = body.length,
): Readonly<RecordBody> {
  if (body.length === 0 && received === 0) return NO_RECORD_BODY;
  const truncated = body.length > cap || received > body.length;
  const kept = body.length > cap ? body.subarray(0, cap) : body;
  // Checked without decoding (a fatal decoder turns a 10 MB bulk body into text only to
  // throw it away); only the part kept is decoded.
  const text = isUtf8(body) ? utf8Lenient.decode(kept) : null;
  return {
    body: text ?? Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('base64'),
    bodyEncoding: text === null ? 'base64' : 'utf8',
    bodySize: received,
    bodyTruncated: truncated,
  };
}

/**
 * `idsite` as Matomo reads it (PHP's integer check, the same readInt validation uses), for
 * tables and filters: `1.0` and ` 1` are site 1 there as they are for the verdict; null when
 * absent or not an integer.
 */
export function idsiteOf(params: Record<string, ParamValue>): number | null {
  const read = readInt(params.idsite);
  return read.ok ? read.value : null;
}

export interface RequestMeta {
  id: string;
  receivedAt: Date;
  response: ResponseRecordDto;
  /** Bytes received, when more than the body passed (a refused upload). */
  received?: number;
  /** Request-level findings of the server itself (limits, aborted upload, …). */
  issues?: Issue[];
  error?: { code: string; message: string };
  transport?: Transport;
}

export function responseRecord(
  predicted: PredictedResponse,
  durationMs: number,
  body = predicted.body ?? '',
): ResponseRecordDto {
  return {
    status: predicted.status,
    headers: predicted.headers,
    contentType: predicted.contentType,
    body,
    bodyKind: predicted.bodyKind,
    durationMs,
  };
}

export function headerValue(raw: RawRequest, name: string): string {
  return raw.headers[name] ?? '';
}

export function requestRecord(
  raw: RawRequest,
  meta: RequestMeta,
  hitIds: string[],
  receivedAt = isoTime(meta.receivedAt),
): RequestRecordDto {
  // Built field by field (no spreads): this runs for every tracking request.
  const body = bodyForRecord(raw.body, STORED_BODY_CAP, meta.received ?? raw.body.length);
  const record: RequestRecordDto = {
    id: meta.id,
    receivedAt,
    method: raw.method,
    url: raw.query ? `${raw.path}?${raw.query}` : raw.path,
    path: raw.path,
    query: raw.query,
    // Browsers send Hitscope's sign-in cookie along with tracking requests from pages on the
    // same host: it is a credential of this server, never part of what was captured.
    headers: withoutOwnCookie(raw.headers, TOKEN_MASK),
    remoteAddress: raw.remoteAddress ?? '',
    body: body.body,
    bodyEncoding: body.bodyEncoding,
    bodySize: body.bodySize,
    bodyTruncated: body.bodyTruncated,
    transport: meta.transport ?? (raw.method === 'GET' ? 'get' : 'post'),
    hitIds,
    issues: meta.issues ?? [],
    response: meta.response,
  };
  if (meta.error) record.error = meta.error;
  return record;
}

export function hitDto(
  raw: RawRequest,
  hit: AnalyzedHit,
  base: {
    requestId: string;
    receivedAt: string;
    batchSize: number;
    transport: Transport;
    status: number;
  },
): HitDto {
  return {
    id: hitIdOf(base.requestId, hit.index),
    receivedAt: base.receivedAt,
    requestId: base.requestId,
    index: hit.index,
    batchSize: base.batchSize,
    transport: base.transport,
    method: raw.method,
    path: raw.path,
    remoteAddress: raw.remoteAddress ?? '',
    userAgent: hit.device.userAgent || headerValue(raw, 'user-agent'),
    params: hit.params,
    occurrences: hit.occurrences,
    rawQuery: hit.rawQuery,
    decoded: hit.decoded,
    type: hit.type,
    outcome: hit.outcome,
    issues: hit.issues,
    device: hit.device,
    summary: hit.summary,
    idsite: idsiteOf(hit.params),
    status: base.status,
    imported: false,
  };
}

/** The request record and hit DTOs of an analysed request. */
export function toDtos(
  raw: RawRequest,
  analysis: RequestAnalysis,
  meta: RequestMeta,
): { request: RequestRecordDto; hits: HitDto[] } {
  const build = dtoBuilder(raw, analysis, meta);
  build.hits(0, analysis.hits.length);
  return { request: build.request(), hits: build.built };
}

/** Hit DTOs built between two pauses of toDtosInSlices. */
const DTO_SLICE = 500;

/**
 * toDtos for a bulk of thousands of hits, `pause` awaited after each few hundred hits and
 * before the request record (whose body check reads every byte of a body of megabytes): built
 * in one go they held the server for tens of milliseconds. The DTOs are toDtos'.
 */
export async function toDtosInSlices(
  raw: RawRequest,
  analysis: RequestAnalysis,
  meta: RequestMeta,
  pause: () => Promise<void>,
): Promise<{ request: RequestRecordDto; hits: HitDto[] }> {
  const build = dtoBuilder(raw, analysis, meta);
  for (let from = 0; from < analysis.hits.length; from += DTO_SLICE) {
    build.hits(from, Math.min(from + DTO_SLICE, analysis.hits.length));
    await pause();
  }
  return { request: build.request(), hits: build.built };
}

function dtoBuilder(raw: RawRequest, analysis: RequestAnalysis, meta: RequestMeta) {
  const transport = analysis.parsed.transport;
  const receivedAt = isoTime(meta.receivedAt);
  const base = {
    requestId: meta.id,
    receivedAt,
    batchSize: analysis.hits.length,
    transport,
    status: meta.response.status,
  };
  const built: HitDto[] = new Array<HitDto>(analysis.hits.length);
  const hitIds: string[] = new Array<string>(analysis.hits.length);
  return {
    built,
    /** Builds the DTOs of hits `from` to `to` (excluded). */
    hits(from: number, to: number): void {
      for (let i = from; i < to; i++) {
        const hit = hitDto(raw, analysis.hits[i] as AnalyzedHit, base);
        built[i] = hit;
        hitIds[i] = hit.id;
      }
    },
    request(): RequestRecordDto {
      const parsedIssues = analysis.parsed.issues;
      const issues = meta.issues?.length ? parsedIssues.concat(meta.issues) : parsedIssues;
      return requestRecord(
        raw,
        {
          id: meta.id,
          receivedAt: meta.receivedAt,
          response: meta.response,
          transport,
          issues,
          ...(meta.error ? { error: meta.error } : {}),
        },
        hitIds,
        receivedAt,
      );
    },
  };
}
