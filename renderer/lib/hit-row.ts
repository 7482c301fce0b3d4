// The table's view of a hit: the fields the list, filters and search need, without the
// heavy decoded parameters and occurrences (the inspector fetches those on selection).
// With up to 100,000 hits in memory this keeps the renderer's footprint small, and the
// lower-cased search text is computed once per hit so filtering is a plain scan.
import { paramValueText } from '../../shared/matomo/param-text';
// Search text, visitor and issue counts as the server computes them for `query=`, so a
// query selects the same hits in the table and through the API.
import {
  buildSearchText,
  issueCounts,
  visitorOf,
  type QueryRow,
} from '../../shared/query/query-row';
import type { HitSummaryDto } from '../../shared/api/types';

/** What the query language reads (QueryRow), plus what the table shows and sorts by. */
export interface HitRow extends QueryRow {
  id: string;
  receivedAt: string;
  /** receivedAt in ms, for sorting and formatting. */
  time: number;
  index: number;
  batchSize: number;
  path: string;
  summary: string;
  userAgent: string;
  bot: boolean;
  /** Path and query of the tracked page URL (`url`), '' when there is none. */
  urlPath: string;
}

/** Path, query and fragment of an absolute URL; the text itself when it is not one. */
export function urlPathOf(url: string): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return url;
  }
}

export function toHitRow(hit: HitSummaryDto): HitRow {
  const { errors, warnings } = issueCounts(hit.issues);
  const time = Date.parse(hit.receivedAt);
  return {
    id: hit.id,
    receivedAt: hit.receivedAt,
    time: Number.isNaN(time) ? 0 : time,
    requestId: hit.requestId,
    index: hit.index,
    batchSize: hit.batchSize ?? 1,
    transport: hit.transport,
    method: hit.method,
    path: hit.path,
    type: hit.type,
    outcome: hit.outcome,
    idsite: hit.idsite ?? null,
    summary: hit.summary ?? '',
    params: hit.params,
    issues: hit.issues,
    errors,
    warnings,
    userAgent: hit.userAgent ?? '',
    bot: hit.device?.bot ?? false,
    visitor: visitorOf(hit.params),
    visitId: hit.visitId ?? '',
    visitorId: hit.visitorId ?? '',
    status: hit.status ?? null,
    imported: hit.imported === true,
    urlPath: urlPathOf(paramValueText(hit.params.url)),
    text: buildSearchText({ ...hit, userAgent: hit.userAgent ?? '' }),
  };
}
