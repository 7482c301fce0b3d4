// Visits as Matomo would form them from the stored hits: a page of visits (filters like
// /api/hits, plus `visitor`) and one visit with its timeline.
import { isEmptyHitFilter } from '../../../shared/api/hit-filter';
import { API_ROUTES } from '../../../shared/api/routes';
import type { HitFilterDto } from '../../../shared/api/types';
import { paramValueText } from '../../../shared/matomo/param-text';
import {
  toVisitDetail,
  toVisitSummary,
  type DescribeHit,
  type VisitIndex,
  type VisitState,
  type VisitsPageDto,
} from '../../../shared/visits';
import type { AdminContext } from '../contracts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './routes-hits';
import { filterFromUrl, intParam } from './query';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

/** Actions of one visit whose URL and title are read back from the stored hits. */
const MAX_DESCRIBED_ACTIONS = 2_000;

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Visits with a hit matching the hit criteria of the filter, newest first. */
function candidates(ctx: AdminContext, visits: VisitIndex, filter: HitFilterDto): VisitState[] {
  const { idsite: _idsite, ...hitCriteria } = filter;
  if (isEmptyHitFilter(hitCriteria)) return [...visits.newestFirst()];
  const seen = new Set<VisitState>();
  for (const hit of ctx.store.iterate(filter)) {
    const visit = visits.visitOfHit(hit.id);
    if (visit) seen.add(visit);
  }
  return [...seen];
}

/** URL and title of a stored hit, for a visit's entry and exit pages and its timeline. */
function describer(ctx: AdminContext, max = Number.POSITIVE_INFINITY): DescribeHit {
  let described = 0;
  return (hitId) => {
    if (++described > max) return undefined;
    const hit = ctx.store.get(hitId);
    if (!hit) return undefined;
    const url = paramValueText(hit.params.url);
    return { ...(url ? { url } : {}), ...(hit.summary ? { title: hit.summary } : {}) };
  };
}

function matchesVisitor(visit: VisitState, visitor: string): boolean {
  const lower = visitor.toLowerCase();
  return visit.visitorId.includes(lower) || visit.userId === visitor;
}

export const visitRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.visits,
    handle: ({ res, ctx, url }) => {
      const filter = filterFromUrl(url);
      const limit = intParam(url, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const before = url.searchParams.get('before') || null;
      const visitor = url.searchParams.get('visitor')?.trim() ?? '';
      const visits = ctx.visits;
      const page: VisitsPageDto = { visits: [], next: null, total: 0 };
      if (!visits) return sendJson(res, 200, page);
      const sites = asList(filter.idsite);
      const matching = candidates(ctx, visits, filter).filter(
        (visit) =>
          (sites.length === 0 || sites.includes(visit.idsite)) &&
          (visitor === '' || matchesVisitor(visit, visitor)),
      );
      page.total = matching.length;
      let start = 0;
      if (before) {
        const at = matching.findIndex((visit) => visit.id === before);
        start = at === -1 ? matching.length : at + 1;
      }
      const slice = matching.slice(start, start + limit);
      const describe = describer(ctx);
      page.visits = slice.map((visit) => toVisitSummary(visit, describe));
      page.next = start + limit < matching.length ? (slice[slice.length - 1]?.id ?? null) : null;
      sendJson(res, 200, page);
    },
  },
  {
    method: 'GET',
    path: API_ROUTES.visit,
    handle: ({ res, ctx, params }) => {
      const id = params.id ?? '';
      const visit = ctx.visits?.visit(id);
      if (!visit || !ctx.visits) {
        throw new ApiError(
          404,
          'visit.not_found',
          `No visit with id "${id}" (its hits may have been cleared or be on disk only).`,
        );
      }
      const visits = ctx.visits;
      const detail = toVisitDetail(visit, describer(ctx, MAX_DESCRIBED_ACTIONS), (hitId) =>
        visits.findingsOf(hitId),
      );
      sendJson(res, 200, detail);
    },
  },
];
