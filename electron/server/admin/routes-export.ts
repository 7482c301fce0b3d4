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
import { jsonInSlices } from '../storage/json-in-slices';
import { Slicer, yieldToLoop } from '../storage/journal-scan';
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
): AsyncGenerator<string | Buffer> {
  // CSV writes no derived view (csvRow's columns): its hits are not analysed again.
  const stored = ctx.store.storedOldestFirst(filter, format === 'ndjson');
  if (format === 'ndjson') {
    for await (const { hits } of stored) {
      for await (const hit of hits) {
        const dto = reveal ? hit : maskHit(hit);
        if (hit.rawQuery.length > LONG_CHARS || holdsLongText(hit.params)) {
          yield* await jsonInSlices(dto, yieldToLoop, LONG_CHARS);
          yield '\n';
        } else yield JSON.stringify(dto) + '\n';
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

/**
 * Writes the parts through one chunk of bytes at a time: each text is encoded straight into
 * the chunk, with no string of 64 KiB joined first and measured again by the response (a
 * string written to a chunked response is measured for its chunk size, then encoded).
 */
async function writeAll(res: ServerResponse, parts: AsyncIterable<string | Buffer>): Promise<void> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0 || res.destroyed) return;
    // The response keeps the chunk until it is sent: the next parts go into a new one.
    const ok = res.write(chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    if (!ok) await drained(res);
  };
  const slicer = new Slicer();
  for await (const part of parts) {
    await slicer.tick();
    if (res.destroyed) return;
    // A UTF-16 unit takes at most 3 bytes in UTF-8: a part that may not fit starts a chunk.
    const most = typeof part === 'string' ? part.length * 3 : part.length;
    if (used + most > CHUNK_BYTES) await flush();
    if (most > CHUNK_BYTES) {
      if (res.destroyed) return;
      if (!res.write(typeof part === 'string' ? Buffer.from(part, 'utf8') : part)) {
        await drained(res);
      }
    } else if (typeof part === 'string') used += chunk.write(part, used, 'utf8');
    else used += part.copy(chunk, used);
  }
  if (res.destroyed) return;
  // Written even when empty, not passed to end(): every export is chunked, never with a
  // Content-Length, so the headers of a GET are known before its body and a HEAD repeats them.
  res.write(chunk.subarray(0, used));
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
