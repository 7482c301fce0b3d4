// Reading and clearing captured data: summary, hit pages, one hit, one request, the failed
// requests, reset.
import { API_ROUTES } from '../../../shared/api/routes';
import type { HitDto, HitSummariesPageDto, RequestsPageDto } from '../../../shared/api/types';
import { hitFieldsParam, toHitSummary } from './hit-fields';
import { Slicer } from '../storage/journal-scan';
import { boundHit, boundHitInTurns, boundRequest } from './text-cut';
import { filterFromUrl, flagParam, intParam } from './query';
import { ApiError, sendJson, sendJsonInPieces } from './reply';
import type { SearchedPage } from '../contracts';
import type { Route } from './router';
import { hitNotFound } from './hit-not-found';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/**
 * A page of full hits ends before the hit that would take its JSON past this many bytes
 * (`next` then points at the rest; a page holds at least one hit, however long): a hit of
 * one 8 MB parameter is some 60 MB of JSON, and a page of such hits, hundreds of megabytes
 * held in memory at once, is more than a client can be asked to take.
 */
export const PAGE_BYTES = 64 * 1024 * 1024;

/** boundHit of each hit, the event loop given back between slices of the work. */
async function boundHitsInTurns<T extends HitDto>(hits: readonly T[]): Promise<T[]> {
  const slicer = new Slicer();
  const out: T[] = [];
  for (const hit of hits) out.push(await boundHitInTurns(hit, () => slicer.tick()));
  return out;
}

export const hitRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.summary,
    handle: ({ res, ctx }) => sendJson(res, 200, ctx.store.summary()),
  },
  {
    method: 'GET',
    path: API_ROUTES.hits,
    handle: async ({ res, ctx, url }) => {
      const filter = filterFromUrl(url);
      const limit = intParam(url, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const before = url.searchParams.get('before') || null;
      const fields = hitFieldsParam(url);
      const { cursorAfter, ...page }: SearchedPage = await ctx.store.search(filter, {
        limit,
        before,
        views: 'reading',
        whileLoading: true,
      });
      if (fields === 'compact') {
        const compact: HitSummariesPageDto = {
          ...page,
          hits: page.hits.map((hit) => toHitSummary(boundHit(hit))),
        };
        sendJson(res, 200, compact);
        return;
      }
      await sendJsonInPieces(
        res,
        { ...page, hits: await boundHitsInTurns(page.hits) },
        {
          field: 'hits',
          maxBytes: PAGE_BYTES,
          cut: (kept) => ({ next: cursorAfter?.(kept - 1) ?? page.hits[kept - 1]?.id ?? null }),
        },
      );
    },
  },
  {
    method: 'GET',
    path: API_ROUTES.hit,
    handle: async ({ res, ctx, params }) => {
      const id = params.id ?? '';
      const detail = await ctx.store.detail(id, 'reading');
      if (!detail) throw hitNotFound(ctx.store, id);
      await sendJsonInPieces(res, {
        hit: (await boundHitsInTurns([detail.hit]))[0],
        request: detail.request && boundRequest(detail.request),
      });
    },
  },
  {
    method: 'GET',
    path: API_ROUTES.requests,
    handle: async ({ res, ctx, params }) => {
      const id = params.id ?? '';
      const request = ctx.store.getRequest(id);
      if (!request) throw new ApiError(404, 'request.not_found', `No request with id "${id}".`);
      sendJson(res, 200, boundRequest(request));
    },
  },
  {
    // Requests refused before analysis have no hit, so /api/hits never lists them: this is
    // how the UI gets them back after a reload. Only the failed list exists for now; the
    // flag keeps room for other request lists without changing what this one answers.
    method: 'GET',
    path: API_ROUTES.requestList,
    handle: ({ res, ctx, url }) => {
      if (!flagParam(url, 'failed')) {
        throw new ApiError(
          400,
          'query.invalid',
          'Add failed=1: this route lists the requests that failed before analysis (the request of a hit is at /api/requests/:id).',
        );
      }
      const limit = intParam(url, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const page: RequestsPageDto = {
        requests: ctx.store.failedRequests(limit).map(boundRequest),
        total: ctx.store.summary().failedRequests,
      };
      sendJson(res, 200, page);
    },
  },
  {
    method: 'POST',
    path: API_ROUTES.reset,
    handle: async ({ res, ctx, readJson }) => {
      await readJson();
      await ctx.store.reset();
      ctx.logger.log('info', 'Captured data cleared');
      sendJson(res, 200, ctx.store.summary());
    },
  },
];
