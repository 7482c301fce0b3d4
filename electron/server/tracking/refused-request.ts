// What captured requests (tracking-handler.ts) and imported ones (import/store-imported.ts)
// share about refusals: the limits checked once the engine has read a request (bulk entries,
// parameter values), and the failed request record a refused request is stored as.
import type { LimitsDto, RequestRecordDto } from '../../../shared/api/types';
import type { Issue, RawRequest, RequestAnalysis } from '../../../shared/matomo/types';
import { requestRecord } from '../dto';
import { looksLikeBulk, oversizedParam } from './raw-request';
import { refusalBody, refusalIssue, refusals, type Refusal } from './refusals';

/** The refusal of an analysed request over the bulk-entry or parameter-value limits, if any. */
export function refusalAfterAnalysis(analysis: RequestAnalysis, limits: LimitsDto): Refusal | null {
  const bulk = analysis.parsed.bulk;
  if (bulk && bulk.itemCount > limits.maxBulkEntries) {
    return refusals.bulkEntries(bulk.itemCount, limits.maxBulkEntries);
  }
  const oversized = oversizedParam(analysis, limits.maxParamValueLength);
  return oversized
    ? refusals.paramValue(oversized.name, oversized.length, limits.maxParamValueLength)
    : null;
}

export interface RefusedRequest {
  record: RequestRecordDto;
  /** The answer: its headers and body, as recorded. */
  headers: Record<string, string>;
  body: string;
}

/** The failed request record of a refusal, answered in the bulk format for bulk bodies. */
export function refusedRequest(
  raw: RawRequest,
  refusal: Refusal,
  meta: {
    id: string;
    receivedAt: Date;
    /** Body bytes received when the body could not be read in full. */
    received?: number;
    /** Answer headers beside the content type (a live answer's CORS headers). */
    headers?: Record<string, string>;
    /** Issues after the refusal's own. */
    issues?: Issue[];
    durationMs: number;
  },
): RefusedRequest {
  const bulk = looksLikeBulk(raw.body);
  const { contentType, body } = refusalBody(refusal, bulk);
  const headers = { ...meta.headers, 'content-type': contentType };
  const record = requestRecord(
    raw,
    {
      id: meta.id,
      receivedAt: meta.receivedAt,
      ...(meta.received !== undefined ? { received: meta.received } : {}),
      issues: [refusalIssue(refusal), ...(meta.issues ?? [])],
      error: { code: refusal.code, message: refusal.message },
      ...(bulk ? { transport: 'bulk' as const } : {}),
      response: {
        status: refusal.status,
        headers,
        contentType,
        body,
        bodyKind: 'text',
        durationMs: meta.durationMs,
      },
    },
    [],
  );
  return { record, headers, body };
}
