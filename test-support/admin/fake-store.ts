// In-memory HitStore for admin API tests: the contract's behaviour (newest first, cursor
// paging, events) without files, so route tests run fast and deterministically.
import { isEmptyHitFilter, matchesHitFilter } from '../../shared/api/hit-filter';
import type { HitDto, HitFilterDto, RequestRecordDto, SummaryDto } from '../../shared/api/types';
import type { HitStore, HitStoreEvent } from '../../electron/server/contracts';
import { describeHit } from '../../shared/visits';

export interface FakeHitStore extends HitStore {
  readonly requests: RequestRecordDto[];
  /** Subscribers right now (tests check that routes unsubscribe). */
  listenerCount(): number;
}

async function* asAsync<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

export function createFakeStore(maxHits = 100_000): FakeHitStore {
  let hits: HitDto[] = [];
  let requests: RequestRecordDto[] = [];
  const listeners = new Set<(event: HitStoreEvent) => void>();
  const newestFirst = () => hits.slice().reverse();
  const emit = (event: HitStoreEvent) => {
    for (const listener of listeners) listener(event);
  };
  const page = (
    filter: HitFilterDto,
    { limit, before }: { limit: number; before?: string | null },
  ) => {
    const matching = newestFirst().filter((hit) => matchesHitFilter(hit, filter));
    let start = 0;
    if (before) start = matching.findIndex((hit) => hit.id === before) + 1;
    const slice = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    return {
      hits: slice,
      next: more ? (slice.at(-1)?.id ?? null) : null,
      total: matching.length,
    };
  };

  const store: FakeHitStore = {
    get requests() {
      return requests;
    },
    listenerCount: () => listeners.size,
    async add(request, added) {
      requests.push(request);
      hits.push(...added);
      emit({ type: 'added', request, hits: added });
    },
    query: page,
    search: async (filter, request) => page(filter, request),
    async *storedOldestFirst(filter) {
      const every = isEmptyHitFilter(filter);
      for (const request of requests.slice()) {
        if (!requests.includes(request)) return;
        const own = hits.filter((h) => h.requestId === request.id && matchesHitFilter(h, filter));
        if (every || own.length > 0) yield { request, hits: asAsync(own) };
      }
    },
    all: (filter) => newestFirst().filter((hit) => matchesHitFilter(hit, filter)),
    iterate: (filter) => store.all(filter),
    async *matchingIdsInTurns(filter) {
      for (const hit of store.all(filter)) yield hit.id;
    },
    *iterateOldestFirst(filter) {
      // Hits present at the start only, and gone ones skipped, as the real store walks.
      for (const hit of hits.filter((h) => matchesHitFilter(h, filter))) {
        if (hits.includes(hit)) yield hit;
      }
    },
    requestsInArrivalOrder: () => requests.slice(),
    get: (id) => hits.find((hit) => hit.id === id),
    describeManyInTurns: (ids) =>
      Promise.resolve(
        new Map(ids.flatMap((id) => store.get(id) ?? []).map((h) => [h.id, describeHit(h)])),
      ),
    getRequest: (id) => requests.find((request) => request.id === id),
    detail(id) {
      const hit = store.get(id);
      const found = hit ? { hit, request: store.getRequest(hit.requestId) ?? null } : undefined;
      return Promise.resolve(found);
    },
    failedRequests: (limit) =>
      requests
        .filter((r) => r.error)
        .reverse()
        .slice(0, limit),
    summary(): SummaryDto {
      const count = (outcome: HitDto['outcome']) =>
        hits.filter((h) => h.outcome === outcome).length;
      return {
        requests: requests.length,
        hits: hits.length,
        recorded: count('recorded'),
        excluded: count('excluded'),
        rejected: count('rejected'),
        bulkRequests: requests.filter((r) => r.transport === 'bulk').length,
        failedRequests: requests.filter((r) => r.error).length,
        inMemory: hits.length,
        onDiskOnly: 0,
        maxHits,
      };
    },
    async reset() {
      hits = [];
      requests = [];
      emit({ type: 'reset' });
    },
    seenOrders: () => new Set<string>(),
    loading: () => null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setMaxHits(next) {
      maxHits = next;
    },
    async close() {},
  };
  return store;
}
