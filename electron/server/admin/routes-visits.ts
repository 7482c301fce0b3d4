// Visits as Matomo would form them from the stored hits: a page of visits (filters like
// /api/hits, plus `visitor`) and one visit with its timeline.
import { isEmptyHitFilter } from '../../../shared/api/hit-filter';
import { API_ROUTES } from '../../../shared/api/routes';
import type { HitFilterDto } from '../../../shared/api/types';
import {
  toVisitDetail,
  toVisitSummary,
  visitActions,
  visitRulesOf,
  type DescribeHit,
  type VisitActionDto,
  type VisitDetailDto,
  type VisitIndex,
  type VisitState,
  type VisitsPageDto,
} from '../../../shared/visits';
import type { AdminContext } from '../contracts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './routes-hits';
import { filterFromUrl, intParam } from './query';
import { cursorHitId } from '../storage/hit-places';
import { Slicer } from '../storage/journal-scan';
import { ApiError, sendJson, sendJsonInPieces } from './reply';
import { sendJsonStreamed } from './reply-streamed';
import type { Route } from './router';

/** Actions of one visit whose URL and title are read back from the stored hits. */
const MAX_DESCRIBED_ACTIONS = 2_000;

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Where a page of visits starts: after the visit `visitId`, and in a list filtered by hit
 * criteria after `hitId`, the hit through which that visit was found. A filtered list is in
 * the order of each visit's newest matching hit, and the oldest opened visit is the first
 * evicted: the cursor's visit may be gone while the visits after it are held. Its hit still
 * marks the place (when it has left memory too, so have the older hits after it). The hit's
 * arrival position (`place`, hit-places.ts) marks it even when the hit is gone with a deleted
 * run; an unfiltered list is in the order visits opened, marked by the first hit's place.
 */
interface VisitCursor {
  visitId: string;
  hitId: string | null;
  place: number | null;
}

/** Joins a cursor's visit id and hit cursor (neither has one). */
const CURSOR_HIT = '@';

function cursorOf(ctx: AdminContext, before: string | null): VisitCursor | null {
  if (!before) return null;
  const at = before.lastIndexOf(CURSOR_HIT);
  if (at === -1) return { visitId: before, hitId: null, place: null };
  const hit = before.slice(at + 1);
  return {
    visitId: before.slice(0, at),
    hitId: cursorHitId(hit),
    place: ctx.store.cursorPlace?.(hit) ?? null,
  };
}

/** Visits listed up to a page's end, the page starting at `start`. */
interface Candidates {
  found: VisitState[];
  /** Filtered: the hit through which each visit was found (the cursor of the next page). */
  via: string[] | null;
  start: number;
}

/**
 * Visits that pass `accept` and, when the filter has hit criteria, have a hit matching them,
 * newest first, up to the page of `limit` after `cursor` and one more. Reading hits costs
 * (each is checked against the filter), so a filtered walk gives the event loop back between
 * slices and stops once the page is complete.
 */
async function candidates(
  ctx: AdminContext,
  visits: VisitIndex,
  filter: HitFilterDto,
  accept: (visit: VisitState) => boolean,
  cursor: VisitCursor | null,
  limit: number,
): Promise<Candidates> {
  const { idsite: _idsite, ...hitCriteria } = filter;
  /** Whether hit `hitId` arrived before the cursor's place (a hit memory lost did). */
  const olderThanCursor = (hitId: string, place: number) =>
    (ctx.store.positionOf?.(hitId) ?? -1) < place;
  if (isEmptyHitFilter(hitCriteria)) {
    // In the order visits opened: an evicted cursor's visit left with every older one.
    const found = [...visits.newestFirst()].filter(accept);
    if (cursor === null) return { found, via: null, start: 0 };
    const at = found.findIndex((visit) => visit.id === cursor.visitId);
    if (at !== -1 || cursor.place === null) {
      return { found, via: null, start: at === -1 ? found.length : at + 1 };
    }
    // The visit went with a deleted run: the visits opened before it follow.
    const place = cursor.place;
    const after = found.findIndex((visit) => olderThanCursor(visit.firstHitId, place));
    return { found, via: null, start: after === -1 ? found.length : after };
  }
  const seen = new Set<VisitState>();
  const found: VisitState[] = [];
  const via: string[] = [];
  /** Visits found before the cursor's place; -1 until it is passed. */
  let start = cursor === null ? 0 : -1;
  for await (const hitId of ctx.store.matchingIdsInTurns(filter)) {
    if (start === -1 && cursor?.place != null && olderThanCursor(hitId, cursor.place)) {
      start = found.length;
    }
    const visit = visits.visitOfHit(hitId);
    if (visit && !seen.has(visit)) {
      seen.add(visit);
      if (accept(visit)) {
        found.push(visit);
        via.push(hitId);
      }
    }
    if (start === -1 && cursor && isCursorPlace(cursor, hitId, visit)) start = found.length;
    // The page and one more, so that `next` is known.
    if (start !== -1 && found.length - start > limit) break;
  }
  return { found, via, start: start === -1 ? found.length : start };
}

/** The cursor's place: its hit, or its visit for a cursor that names no hit. */
const isCursorPlace = (cursor: VisitCursor, hitId: string, visit: VisitState | undefined) =>
  cursor.hitId !== null ? hitId === cursor.hitId : visit?.id === cursor.visitId;

/** Ends the dry run of withDescribedHits once no other hit can be wanted. */
const ENOUGH_WANTED = Symbol('enough hits wanted');

/**
 * What `dryRun` describes, the hits it asks for read beforehand (each line of the data file
 * once, in slices: a hit past the window sits in a bulk line of megabytes). A dry run learns
 * which hits, in its order; only the first `max` are described, so the dry run stops at the
 * hit after them (the rest of a visit of 10,000 actions need not be built).
 */
async function describedHits(
  ctx: AdminContext,
  dryRun: (describe: DescribeHit) => unknown,
  max = Infinity,
): Promise<DescribeHit> {
  const wanted: string[] = [];
  try {
    await dryRun((hitId) => {
      if (wanted.length >= max) throw ENOUGH_WANTED;
      wanted.push(hitId);
      return undefined;
    });
  } catch (error) {
    if (error !== ENOUGH_WANTED) throw error;
  }
  const described = await ctx.store.describeManyInTurns(wanted);
  return (hitId) => described.get(hitId);
}

/** What `make` makes, with the hits it describes read beforehand (describedHits). */
async function withDescribedHits<T>(
  ctx: AdminContext,
  make: (describe: DescribeHit) => T | Promise<T>,
): Promise<T> {
  return make(await describedHits(ctx, make));
}

function matchesVisitor(visit: VisitState, visitor: string): boolean {
  const lower = visitor.toLowerCase();
  return visit.visitorId.includes(lower) || visit.userId === visitor;
}

export const visitRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.visits,
    handle: async ({ res, ctx, url }) => {
      const filter = filterFromUrl(url);
      const limit = intParam(url, 'limit', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
      const before = url.searchParams.get('before') || null;
      const visitor = url.searchParams.get('visitor')?.trim() ?? '';
      const visits = ctx.visits;
      const page: VisitsPageDto = { visits: [], next: null, total: 0 };
      if (!visits) return sendJson(res, 200, page);
      const sites = asList(filter.idsite);
      const { found, via, start } = await candidates(
        ctx,
        visits,
        filter,
        (visit) =>
          (sites.length === 0 || sites.includes(visit.idsite)) &&
          (visitor === '' || matchesVisitor(visit, visitor)),
        cursorOf(ctx, before),
        limit,
      );
      const slice = found.slice(start, start + limit);
      page.visits = await withDescribedHits(ctx, (describe) => {
        // A visit evicted while its hits were read (new hits pushed it past the bound) is
        // left out, and not counted, in the same turn: its detail would not be found, and its
        // hits' numbers now name others. A walk over filtered hits that stopped at the page's
        // end counts the visits found so far: `next` says there are more.
        page.total = found.reduce((count, visit) => (visit.evicted ? count : count + 1), 0);
        return slice
          .filter((visit) => !visit.evicted)
          .map((visit) => toVisitSummary(visit, describe));
      });
      const last = start + slice.length - 1;
      // Its hit's place goes with the cursor (the visit's first hit's, unfiltered).
      const cursorHit = (hitId: string) => ctx.store.hitCursor?.(hitId) ?? hitId;
      page.next =
        start + limit < found.length && slice.length > 0
          ? found[last]!.id + CURSOR_HIT + cursorHit(via ? via[last]! : found[last]!.firstHitId)
          : null;
      // A page of visits names every hit of each (10,000 a visit): megabytes of JSON, which
      // took 60 ms to encode in one go.
      await sendJsonInPieces(res, page);
    },
  },
  {
    method: 'GET',
    path: API_ROUTES.visit,
    handle: async ({ res, ctx, params }) => {
      const id = params.id ?? '';
      // Read as it is now: the answer takes many turns, in which new hits may evict it.
      const visit = ctx.visits?.visit(id)?.snapshot();
      if (!visit || !ctx.visits) {
        throw new ApiError(
          404,
          'visit.not_found',
          `No visit with id "${id}" (its hits may have been cleared or be on disk only).`,
        );
      }
      const visits = ctx.visits;
      const findingsOf = (hitId: string) => visits.findingsOf(hitId);
      // The dry run stops after the described actions: the rest need not be built.
      const slicer = new Slicer();
      const describe = await describedHits(
        ctx,
        (dryDescribe) => toVisitDetail(visit, dryDescribe, findingsOf, () => slicer.tick()),
        MAX_DESCRIBED_ACTIONS,
      );
      // Visits are formed again whenever the rules change: the current ones formed this one.
      const site = ctx.settings.get().sites.find((profile) => profile.idsite === visit.idsite);
      const detail: Omit<VisitDetailDto, 'actions'> & { actions: Iterable<VisitActionDto> } = {
        ...toVisitSummary(visit, describe),
        actions: visitActions(visit, describe, findingsOf),
        rules: visitRulesOf(site),
      };
      // Thousands of actions and hit ids (5 MB): each action made as it is written, so the
      // answer is never held whole (built and encoded whole, its longest turn took 50 ms and
      // more, the collector included).
      await sendJsonStreamed(res, detail);
    },
  },
];
