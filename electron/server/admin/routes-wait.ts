// POST /api/wait: lets a CI job block until the hits it expects have arrived, instead of
// sleeping. Hits already stored count; a reset starts the count again from zero.
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
 * timeout with the matches so far; `signal` ends the wait early (client went away).
 */
export function waitForHits(
  store: HitStore,
  wait: WaitBody,
  signal: AbortSignal,
): Promise<WaitResult> {
  const result = (done: boolean): WaitResult => {
    const page = store.query(wait.filter, { limit: Math.max(1, Math.min(wait.count, 1000)) });
    return { done, response: { hits: page.hits, total: page.total } };
  };
  return new Promise((resolve) => {
    // Counting and subscribing happen in the same tick, so no hit is counted twice or missed.
    let matched = store.query(wait.filter, { limit: 1 }).total;
    if (matched >= wait.count || signal.aborted) {
      resolve(result(matched >= wait.count));
      return;
    }
    const finish = (done: boolean) => {
      unsubscribe();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result(done));
    };
    const onAbort = () => finish(false);
    const unsubscribe = store.subscribe((event) => {
      if (event.type === 'alerts') return;
      if (event.type === 'reset') matched = 0;
      else matched += event.hits.filter((hit) => matchesHitFilter(hit, wait.filter)).length;
      if (matched >= wait.count) finish(true);
    });
    const timer = setTimeout(() => finish(false), wait.timeoutMs);
    signal.addEventListener('abort', onAbort);
  });
}

/** Hits compared with the filter on a timeout: the newest ones in its scope. */
const MISS_CANDIDATES = 1_000;

/**
 * Why nothing (or too little) matched: the hits that came closest, ranked by how many terms
 * of the filter they match, each with what differs (shared/plan/nearest-miss.ts).
 */
export function explainMisses(
  store: HitStore,
  filter: HitFilterDto,
): { misses: NearMiss[]; explanation: string } {
  const matcher = filterToMatcher(filter);
  let misses: NearMiss[] = [];
  try {
    const candidates = store.query(filterScope(filter), { limit: MISS_CANDIDATES }).hits;
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
    ...explainMisses(store, wait.filter),
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
