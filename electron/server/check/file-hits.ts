// The hits of a capture file, read offline: the same readers as `POST /api/import` (NDJSON
// exports and capture files, HAR), every request analysed again exactly as an import would
// analyse it (default limits, the given site profiles), without a server or a data directory.
import type { HitDto } from '../../../shared/api/types';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import type { SiteProfile } from '../../../shared/matomo/types';
import { itemsOf, readImportFile } from '../import/read-import-file';
import { importedDtos } from '../import/store-imported';
import { DEFAULT_LIMITS } from '../settings-validation';
import { recordedOrderKey } from '../storage/compact';
import { isTrackingPath } from '../tracking/tracking-paths';

export interface FileHits {
  format: 'ndjson' | 'har';
  /** Oldest first, as they arrived. */
  hits: HitDto[];
  requests: number;
  /** Requests refused before analysis (over a limit, never answered in a HAR, …). */
  failedRequests: number;
  /** Lines or entries that are not tracking requests or could not be read. */
  skipped: number;
}

/** Throws ImportFileError when the file is none of the formats Hitscope reads. */
export function hitsOfCaptureFile(
  content: string,
  name: string,
  sites: SiteProfile[] = [],
): FileHits {
  const file = readImportFile(content, { isTrackingPath: (path) => isTrackingPath(path, []) });
  const importedAt = new Date().toISOString();
  // Orders recorded earlier in the file make a later order with the same id a duplicate, as
  // the capture server's store remembers them.
  const orders = new Set<string>();
  // Hits are named after their place in the file (`line4.1`: the second hit of the request
  // on line 4), so a report reads the same on every run and points into the file.
  let place = '';
  const ctx = {
    nextId: () => place,
    analyze: (raw: Parameters<typeof analyzeRequest>[0], now = Date.now()) =>
      analyzeRequest(raw, { now, sites, seenOrders: orders }),
  };
  const hits: HitDto[] = [];
  let failedRequests = 0;
  for (const item of itemsOf(file)) {
    place =
      item.place.entry !== undefined
        ? `entry${item.place.entry}`
        : `line${item.place.lines?.[0] ?? 0}`;
    const from = { file: name, source: item.source, importedAt };
    const dtos = importedDtos(ctx, item, from, DEFAULT_LIMITS);
    if (dtos.request.error) failedRequests++;
    for (const hit of dtos.hits) {
      const order = recordedOrderKey(hit);
      if (order !== undefined) orders.add(order);
      hits.push(hit);
    }
  }
  return {
    format: file.format,
    hits,
    requests: file.count,
    failedRequests,
    skipped: file.skips.count,
  };
}
