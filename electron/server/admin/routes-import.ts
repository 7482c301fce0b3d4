// POST /api/import: a file Hitscope exported (NDJSON hits, HAR) or a capture file, as JSON
// `{"content": "<the file's text>", "name": "…"}`. The file travels as JSON text, like every
// admin body, so the content-type guard against cross-site form posts stays the same for
// every route (security.ts); the UI reads the file as text anyway (file input or the
// desktop's open dialog). Its cap (MAX_IMPORT_BODY_BYTES) is this route's alone: the other
// admin bodies are small commands and keep their 1 MiB.
import { API_ROUTES, MAX_IMPORT_BODY_BYTES } from '../../../shared/api/routes';
import type { ImportChangeDto, ImportedFromDto, ImportResultDto } from '../../../shared/api/types';
import { importedDtosInSlices, type StoreTotals } from '../import/store-imported';
import { ImportFileError, itemsInSlices, readImportFileInSlices } from '../import/read-import-file';
import { isTrackingPath } from '../tracking/tracking-paths';
import { decodeJsonBody, readJsonBody } from './body';
import { importRequestSchema } from '../../../shared/api/bodies';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';
import { TextPieces } from './text-pieces';

/** Outcome changes listed in the answer; all are counted. */
const MAX_CHANGES_LISTED = 200;

/** The file's content is handed on in pieces: it is never made one string of megabytes. */
const PIECED = new Set(['content']);

async function readImportBody(req: Parameters<typeof readJsonBody>[0]) {
  try {
    return await readJsonBody(req, MAX_IMPORT_BODY_BYTES, PIECED);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'body.too_large') {
      throw new ApiError(
        413,
        'import.too_large',
        `The file is larger than ${MAX_IMPORT_BODY_BYTES / (1024 * 1024)} MiB once sent as JSON; split it into smaller files (NDJSON files split at any line).`,
        error.headers,
      );
    }
    throw error;
  }
}

function contentPieces(body: unknown): TextPieces | undefined {
  const content = (body as { content?: unknown } | null)?.content;
  return content instanceof TextPieces ? content : undefined;
}

export const importRoutes: Route[] = [
  {
    method: 'POST',
    path: API_ROUTES.import,
    handle: async ({ req, res, ctx }) => {
      const read = await readImportBody(req);
      // A long content arrives as pieces: the schema checks the rest, as for a string.
      const pieces = contentPieces(read);
      const body = decodeJsonBody(
        pieces ? { ...(read as object), content: '' } : read,
        importRequestSchema,
        'body.invalid',
      );
      const name = (body.name ?? '').slice(0, 300);
      const { extraTrackingPaths, limits } = ctx.settings.get();
      let file;
      try {
        file = await readImportFileInSlices(pieces ?? body.content, {
          isTrackingPath: (path) => isTrackingPath(path, extraTrackingPaths),
        });
      } catch (error) {
        if (error instanceof ImportFileError)
          throw new ApiError(400, 'import.format', error.message);
        throw error;
      }
      const importedAt = new Date().toISOString();
      const totals: StoreTotals = { requests: 0, hits: 0, failedRequests: 0 };
      const changed: ImportChangeDto[] = [];
      let changedCount = 0;
      let maskedTokens = 0;
      // Each request is built again from the file as its turn comes, and let go once stored;
      // other requests are answered between slices of its reading and of its analysis.
      for await (const item of itemsInSlices(file)) {
        const from: ImportedFromDto = { file: name, source: item.source, importedAt };
        const {
          request,
          hits,
          changes,
          maskedTokens: masked,
        } = await importedDtosInSlices(ctx, item, from, limits);
        changedCount += changes.length;
        changed.push(...changes.slice(0, MAX_CHANGES_LISTED - changed.length));
        maskedTokens += masked;
        try {
          await ctx.store.add(request, hits);
        } catch (error) {
          throw new ApiError(
            503,
            'storage.failed',
            `${totals.requests} requests were imported, then the data file failed: ${(error as Error).message}`,
          );
        }
        totals.requests++;
        totals.hits += hits.length;
        if (request.error) totals.failedRequests++;
      }
      const result: ImportResultDto = {
        format: file.format,
        ...totals,
        skipped: file.skips.listed(),
        skippedCount: file.skips.count,
        changed,
        changedCount,
        maskedTokens,
      };
      ctx.logger.log('info', 'Requests imported', {
        file: name,
        format: file.format,
        requests: totals.requests,
        hits: totals.hits,
        failedRequests: totals.failedRequests,
        skipped: file.skips.count,
      });
      sendJson(res, 200, result);
    },
  },
];
