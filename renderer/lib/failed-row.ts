// The table's view of a request that failed before analysis (too large, URL too long,
// stalled or aborted upload, unreadable HTTP): no hit, but a row of its own so what a tracker
// sent in vain is seen where it happened. The full record (body, headers, answer) is fetched
// when the row is selected.
import type { RequestRecordDto } from '../../shared/api/types';

export interface FailedRow {
  /** The request id. */
  id: string;
  receivedAt: string;
  /** receivedAt in ms, for sorting and formatting. */
  time: number;
  method: string;
  /** Path and query as received, cut for display. */
  url: string;
  status: number;
  code: string;
  message: string;
  bodySize: number;
  imported: boolean;
}

const MAX_URL = 300;

export function isFailedRequest(request: RequestRecordDto): boolean {
  return request.error !== undefined;
}

export function toFailedRow(request: RequestRecordDto): FailedRow {
  const time = Date.parse(request.receivedAt);
  const url = request.url || request.path;
  return {
    id: request.id,
    receivedAt: request.receivedAt,
    time: Number.isNaN(time) ? 0 : time,
    method: request.method,
    url: url.length > MAX_URL ? `${url.slice(0, MAX_URL)}…` : url,
    status: request.response.status,
    code: request.error?.code ?? '',
    message: request.error?.message ?? '',
    bodySize: request.bodySize,
    imported: request.imported !== undefined,
  };
}

/** Display id of a failed row (distinct from hit ids and bulk group ids). */
export function failedRowId(requestId: string): string {
  return `failed:${requestId}`;
}
