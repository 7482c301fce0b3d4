// POST /api/wait: lets a CI job block until the hits it expects have arrived, instead of
// sleeping. Hits already stored count, in memory or only on disk; a reset starts the count
// again from zero.
import {
  hitFilterFromJson,
  HitFilterError,
  matchesHitFilter,
} from '../../../shared/api/hit-filter';
import { API_ROUTES } from '../../../shared/api/routes';
import { MAX_WAIT_COUNT, MAX_WAIT_MS, waitRequestSchema } from '../../../shared/api/bodies';
import type { HitFilterDto, WaitResponseDto } from '../../../shared/api/types';
import type { ServerResponse } from 'node:http';
import { filterScope, filterToMatcher } from '../../../shared/api/filter-matcher';
import { MatcherError } from '../../../shared/plan/expectation';
import { describeMisses, nearestMisses, type NearMiss } from '../../../shared/plan/nearest-miss';
import type { HitStore } from '../contracts';
import { hitCountOf, SLICED_HITS } from '../added-hits';
import { decodeJsonBody } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

export const DEFAULT_WAIT_MS = 10_000;
export { MAX_WAIT_COUNT, MAX_WAIT_MS };

/** The body of POST /api/wait as declared in shared/api/bodies, defaults filled in. */
export interface WaitBody {
  filter: HitFilterDto;
  count: number;
  timeoutMs: number;
}

export function parseWaitBody(value: unknown): WaitBody {
  const body = decodeJsonBody(value, waitRequestSchema, 'wait.invalid');
  let filter: HitFilterDto;
  try {
    filter = hitFilterFromJson(body.filter);
  } catch (err) {
    if (err instanceof HitFilterError) throw new ApiError(400, 'filter.invalid', err.message);
    throw err;
  }
  return { filter, count: body.count ?? 1, timeoutMs: body.timeoutMs ?? DEFAULT_WAIT_MS };
}

export interface WaitResult {
  done: boolean;
  response: WaitResponseDto;
}

/**
 * Resolves once `count` stored hits match (newest first, at most `count` of them), or at the
 * timeout with the matches so far; `signal` ends the wait early (client went away). Every
 * stored hit counts, those only on disk too (the store's search). A search takes turns of the
 * event loop, so hits may arrive meanwhile and it cannot say whether it saw them: it is then
 * run again; its total is a floor meanwhile, and hits that arrive after a search that saw
 * none arrive are added to it.
 */
export function waitForHits(
  store: HitStore,
  wait: WaitBody,
  signal: AbortSignal,
): Promise<WaitResult> {
  const limit = Math.max(1, Math.min(wait.count, 1000));
  return new Promise((resolve) => {
    /** Matches known for sure; null while a search is under way. */
    let matched: number | null = null;
    /** Matching hits (or a reset) arrived while the last search ran. */
    let changed = false;
    let finished = false;
    const finish = (done: boolean) => {
      if (finished) return;
      finished = true;
      unsubscribe();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      void store
        .search(wait.filter, { limit })
        .then((page) => resolve({ done, response: { hits: page.hits, total: page.total } }))
        .catch(() => resolve({ done, response: { hits: [], total: matched ?? 0 } }));
    };
    const onAbort = () => finish(false);
    const count = async () => {
      while (!finished) {
        matched = null;
        changed = false;
        const total = (await store.search(wait.filter, { limit: 1 })).total;
        if (total >= wait.count) return finish(true);
        if (!changed) {
          matched = total;
          return;
        }
      }
    };
    const unsubscribe = store.subscribe((event) => {
      if (event.type === 'summary') return;
      // A large bulk is counted again from the store, whose search takes turns, as what a reset
      // leaves is: matching its hits here would read (and decorate) thousands in one turn.
      const recount = event.type === 'reset' || hitCountOf(event) > SLICED_HITS;
      const arrived = recount
        ? 1
        : event.hits.filter((hit) => matchesHitFilter(hit, wait.filter)).length;
      if (arrived === 0) return;
      if (matched === null) {
        changed = true;
        return;
      }
      if (recount) {
        void count().catch(() => finish(false));
        return;
      }
      matched += arrived;
      if (matched >= wait.count) finish(true);
    });
    const timer = setTimeout(() => finish(false), wait.timeoutMs);
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) finish(false);
    else void count().catch(() => finish(false));
  });
}

/** Hits compared with the filter on a timeout: the newest ones in its scope. */
const MISS_CANDIDATES = 1_000;

/**
 * Why nothing (or too little) matched: the hits that came closest, ranked by how many terms
 * of the filter they match, each with what differs (shared/plan/nearest-miss.ts).
 */
export async function explainMisses(
  store: HitStore,
  filter: HitFilterDto,
): Promise<{ misses: NearMiss[]; explanation: string }> {
  const matcher = filterToMatcher(filter);
  let misses: NearMiss[] = [];
  try {
    const candidates = (await store.search(filterScope(filter), { limit: MISS_CANDIDATES })).hits;
    misses = nearestMisses(matcher, candidates, 3);
  } catch (error) {
    if (!(error instanceof MatcherError)) throw error;
  }
  return { misses, explanation: describeMisses(misses) };
}

/** Waits as asked and answers: 200 with the hits, or 408 with what arrived so far. */
export async function answerWait(
  res: ServerResponse,
  store: HitStore,
  wait: WaitBody,
): Promise<void> {
  const aborter = new AbortController();
  const onClose = () => aborter.abort();
  res.on('close', onClose);
  const result = await waitForHits(store, wait, aborter.signal);
  res.off('close', onClose);
  if (aborter.signal.aborted || res.destroyed) return;
  if (result.done) {
    sendJson(res, 200, result.response);
    return;
  }
  sendJson(res, 408, {
    ...result.response,
    ...(await explainMisses(store, wait.filter)),
    error: {
      code: 'wait.timeout',
      message: `Only ${result.response.total} of ${wait.count} matching hits arrived within ${wait.timeoutMs} ms.`,
    },
  });
}

export const waitRoutes: Route[] = [
  {
    method: 'POST',
    path: API_ROUTES.wait,
    handle: async ({ res, ctx, readJson }) => {
      await answerWait(res, ctx.store, parseWaitBody(await readJson()));
    },
  },
];
