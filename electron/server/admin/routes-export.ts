// GET /api/export?format=ndjson|har|csv: every stored hit matching the /api/hits filters
// (memory and data file), as a download; HAR lists the HTTP requests, each once, with their
// answers (without a filter every request, hitless ones too). Oldest first: an export is a
// log to read, attach to a ticket or import again, and /api/import stores requests in file
// order where their times are equal, so a chronological file keeps its order through a
// round trip. Streamed in chunks with backpressure, in slices that give the event loop back,
// so a million hits neither become one giant string nor hold other requests up. A HEAD gets
// the headers a GET would get, and nothing is read or written.
import { API_ROUTES, EXPORT_FORMATS, exportFileName } from '../../../shared/api/routes';
import type { ExportFormat } from '../../../shared/api/routes';
import type { HitFilterDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { csvHeader, csvRow } from './export-csv';
import { HAR_LOG_CLOSING, harEntry, harLogOpening } from './export-har';
import { jsonInSlices } from '../storage/json-in-slices';
import { yieldToLoop } from '../storage/journal-scan';
import { maskHit, maskRequest, revealRequest } from './mask-tokens';
import { filterFromUrl, flagParam } from './query';
import { ApiError, setBaseHeaders } from './reply';
import type { Route } from './router';
import { writeParts, type WritePart } from './write-parts';
import { writeHitLine } from './export-ndjson';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  har: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/**
 * A hit holding a text this long (characters) is written in pieces, each long text on its
 * own (json-in-slices.ts): it appears several times in the hit's JSON (parameters, query,
 * occurrences, decoded values), and one JSON.stringify of it all held the loop for long.
 */
const LONG_CHARS = 64 * 1024;

/** True when a parameter holds a text of LONG_CHARS or more (JSON entries: a level down too). */
function holdsLongText(value: unknown, depth = 3): boolean {
  if (typeof value === 'string') return value.length >= LONG_CHARS;
  if (typeof value !== 'object' || value === null || depth === 0) return false;
  for (const name in value) {
    if (holdsLongText((value as Record<string, unknown>)[name], depth - 1)) return true;
  }
  return false;
}

async function* exportLines(
  ctx: AdminContext,
  format: ExportFormat,
  filter: HitFilterDto,
  reveal: boolean,
): AsyncGenerator<string | Buffer | WritePart> {
  // CSV writes no derived view (csvRow's columns): its hits are not analysed again. Only HAR
  // writes the requests: the others leave each bulk's body of megabytes unread.
  const stored = ctx.store.storedOldestFirst(filter, {
    views: format === 'ndjson',
    bodies: format === 'har',
  });
  if (format === 'ndjson') {
    for await (const { hits } of stored) {
      for await (const hit of hits) {
        const dto = reveal ? hit : maskHit(hit);
        if (hit.rawQuery.length > LONG_CHARS || holdsLongText(hit.params)) {
          yield* await jsonInSlices(dto, yieldToLoop, LONG_CHARS);
          yield '\n';
        } else yield (out) => writeHitLine(out, dto);
      }
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
      await writeParts(res, exportLines(ctx, format, filter, reveal));
    },
  },
];
