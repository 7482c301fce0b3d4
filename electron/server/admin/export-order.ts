// What an export lists, in the order things happened (oldest first): an export is a log to
// read, attach to a ticket or import again, and /api/import stores requests in file order
// where their times are equal, so a chronological file keeps its order through a round
// trip. /api/hits and the live UI stay newest first.
import type { HitDto, HitFilterDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitStore } from '../contracts';

/**
 * A store that also lists every request it keeps in memory in arrival order, those that
 * produced no hit included (CORS preflights, requests without parameters). Exports use it
 * when the store offers it; otherwise they take the requests of the stored hits and the
 * failed requests, which is every request but the hitless ones that did not fail.
 */
export interface RequestListingStore extends HitStore {
  requestsInArrivalOrder(): Iterable<RequestRecordDto>;
}

export function listsRequests(store: HitStore): store is RequestListingStore {
  return typeof (store as Partial<RequestListingStore>).requestsInArrivalOrder === 'function';
}

export function isEmptyFilter(filter: HitFilterDto): boolean {
  return Object.entries(filter).every(
    ([key, value]) =>
      value === undefined ||
      (key === 'params' && Object.keys(value as Record<string, string>).length === 0),
  );
}

/**
 * Ids of the matching hits, oldest first. The store walks its hits newest first; taking the
 * ids in one synchronous pass (the store cannot change under it) and reading each hit again
 * later keeps memory to one id per hit instead of every whole hit at once.
 */
function matchingIdsOldestFirst(store: HitStore, filter: HitFilterDto): string[] {
  const ids: string[] = [];
  for (const hit of store.iterate(filter)) ids.push(hit.id);
  return ids.reverse();
}

/** The matching hits, oldest first. Hits cleared or evicted meanwhile are left out. */
export function* hitsOldestFirst(store: HitStore, filter: HitFilterDto): Generator<HitDto> {
  for (const id of matchingIdsOldestFirst(store, filter)) {
    const hit = store.get(id);
    if (hit) yield hit;
  }
}

/** Ids of the requests carrying the matching hits, each once, oldest first. */
function hitRequestIdsOldestFirst(store: HitStore, filter: HitFilterDto): string[] {
  const ids = new Set<string>();
  for (const hit of store.iterate(filter)) ids.add(hit.requestId);
  return [...ids].reverse();
}

function byReceivedAt(a: RequestRecordDto, b: RequestRecordDto): number {
  return a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0;
}

/**
 * The requests of an export, each once, oldest first: without a filter every stored request
 * (with or without hits); with one, the requests carrying a matching hit.
 */
export function* requestsOldestFirst(
  store: HitStore,
  filter: HitFilterDto,
): Generator<RequestRecordDto> {
  const all = isEmptyFilter(filter);
  if (all && listsRequests(store)) {
    yield* store.requestsInArrivalOrder();
    return;
  }
  const ids = hitRequestIdsOldestFirst(store, filter);
  // Failed requests have no hit, so no hit filter matches them.
  const failed = all ? store.failedRequests(Number.MAX_SAFE_INTEGER).reverse() : [];
  let next = 0;
  for (const id of ids) {
    const request = store.getRequest(id);
    if (!request) continue;
    while (next < failed.length && byReceivedAt(failed[next] as RequestRecordDto, request) < 0) {
      yield failed[next++] as RequestRecordDto;
    }
    yield request;
  }
  while (next < failed.length) yield failed[next++] as RequestRecordDto;
}
