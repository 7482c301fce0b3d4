// GET /api/export?format=ndjson|har|csv: every stored hit matching the /api/hits filters
// (memory and data file), as a download; HAR lists the HTTP requests, each once, with their
// answers (without a filter every request, hitless ones too). Oldest first: an export is a
// log to read, attach to a ticket or import again, and /api/import stores requests in file
// order where their times are equal, so a chronological file keeps its order through a
// round trip. Streamed in chunks with backpressure, in slices that give the event loop back,
// so a million hits neither become one giant string nor hold other requests up. A HEAD gets
// the headers a GET would get, and nothing is read or written.
import type { ServerResponse } from 'node:http';
import { API_ROUTES, EXPORT_FORMATS, exportFileName } from '../../../shared/api/routes';
import type { ExportFormat } from '../../../shared/api/routes';
import type { HitFilterDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { csvHeader, csvRow } from './export-csv';
import { HAR_LOG_CLOSING, harEntry, harLogOpening } from './export-har';
import { Slicer } from '../storage/journal-scan';
import { maskHit, maskRequest, revealRequest } from './mask-tokens';
import { filterFromUrl, flagParam } from './query';
import { ApiError, drained, setBaseHeaders } from './reply';
import type { Route } from './router';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  har: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

const CHUNK_BYTES = 64 * 1024;

async function* exportLines(
  ctx: AdminContext,
  format: ExportFormat,
  filter: HitFilterDto,
  reveal: boolean,
): AsyncGenerator<string> {
  const stored = ctx.store.storedOldestFirst(filter);
  if (format === 'ndjson') {
    for await (const { hits } of stored) {
      for await (const hit of hits) yield JSON.stringify(reveal ? hit : maskHit(hit)) + '\n';
    }
  } else if (format === 'csv') {
    yield csvHeader();
    for await (const { hits } of stored) {
      for await (const hit of hits) yield csvRow(reveal ? hit : maskHit(hit));
    }
  } else {
    yield harLogOpening(ctx.version);
    const origin = new URL(ctx.selfUrl()).origin;
    let first = true;
    for await (const { request } of stored) {
      const entry = harEntry(reveal ? revealRequest(request) : maskRequest(request), origin);
      yield (first ? '' : ',') + JSON.stringify(entry);
      first = false;
    }
    yield HAR_LOG_CLOSING;
  }
}

async function writeAll(res: ServerResponse, parts: AsyncIterable<string>): Promise<void> {
  let buffer = '';
  const slicer = new Slicer();
  for await (const part of parts) {
    await slicer.tick();
    buffer += part;
    if (buffer.length < CHUNK_BYTES) continue;
    if (res.destroyed) return;
    const ok = res.write(buffer);
    buffer = '';
    if (!ok) await drained(res);
  }
  if (res.destroyed) return;
  // Written, not passed to end(): every export is chunked, never with a Content-Length, so
  // the headers of a GET are known before its body and a HEAD repeats them.
  res.write(buffer);
  res.end();
}

export const exportRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.export,
    handle: async ({ res, ctx, url, head }) => {
      const format = (url.searchParams.get('format') ?? 'ndjson') as ExportFormat;
      if (!EXPORT_FORMATS.includes(format)) {
        throw new ApiError(
          400,
          'export.format',
          `format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format}".`,
        );
      }
      const filter = filterFromUrl(url);
      const reveal = flagParam(url, 'revealTokens');
      setBaseHeaders(res);
      res.statusCode = 200;
      res.setHeader('Content-Type', CONTENT_TYPES[format]);
      res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(format)}"`);
      res.setHeader('Cache-Control', 'no-store');
      if (head) {
        res.end();
        return;
      }
      await writeAll(res, exportLines(ctx, format, filter, reveal));
    },
  },
];
