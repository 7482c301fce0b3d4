// The visits of the stored hits are formed again after each start, while tracking requests
// (and an export) go on: the rebuild gives the event loop back once a slice of time is used,
// however few hits that slice assigned, and reads an order's `ec_items` of megabytes a piece
// at a time, never parsing it whole in one turn.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Stored hits as the store keeps them in memory: with their request, their parameters read
 * cached (`params`) or once (`paramsReadOnce`), and how often each way was taken.
 */
function keptHits(stored: HitDto[], request: ReturnType<typeof sampleRequest>['request']) {
  const reads = { cached: 0, once: 0 };
  const hits = stored.map(({ decoded: _decoded, params, ...hit }) => ({
    ...hit,
    request,
    get params() {
      reads.cached++;
      return params;
    },
    paramsReadOnce() {
      reads.once++;
      return params;
    },
  }));
  return { hits, reads };
}

/** A store whose hits in memory are `stored` (as read back: without decoded values). */
function storeOf(stored: HitDto[], request: ReturnType<typeof sampleRequest>['request']) {
  const compact = keptHits(stored, request).hits;
  return Object.assign(createFakeStore(), {
    load: async () => ({ requests: 1, hits: compact.length }),
    compactOldestFirst: () => compact,
  }) as unknown as PersistentHitStore;
}

/** Calls `each` at every turn of the event loop until stopped. */
function everyTurn(each: () => void): () => void {
  let counting = true;
  const turn = () => {
    if (!counting) return;
    each();
    setImmediate(turn);
  };
  setImmediate(turn);
  return () => (counting = false);
}

describe('visits rebuilt after a start', () => {
  it('yields to the event loop between slices of time, not counts of hits', async () => {
    const sent = sampleRequest({ hits: 40 });
    const stored = keptHits(sent.hits, sent.request).hits;
    const inner = Object.assign(createFakeStore(), {
      load: async () => ({ requests: 1, hits: stored.length }),
      compactOldestFirst: () => stored,
    }) as unknown as PersistentHitStore;
    const { store } = withVisitStore(inner, { sites: () => [], maxHits: 100_000 });
    // Each reading of the clock is 5 ms after the last: a slice is used up every few hits.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    await store.load();
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  it("reads a stored order's ec_items of megabytes a piece per turn", async () => {
    const ec_items = JSON.stringify(
      Array.from({ length: 40_000 }, (_, n) => [`SKU${n}`, `Name ${n}`, 'c', 12.5, 2]),
    );
    const cart = { idgoal: '0', ec_items: '[["S","n","",1,1]]' };
    const order = { idgoal: '0', ec_id: 'O1', revenue: '10', ec_items };
    const sent = sampleRequest({ hits: 2 });
    sent.hits[0] = {
      ...sent.hits[0]!,
      type: 'ecommerce_cart',
      params: { ...sent.hits[0]!.params, ...cart },
    };
    sent.hits[1] = {
      ...sent.hits[1]!,
      type: 'ecommerce_order',
      params: { ...sent.hits[1]!.params, ...order },
    };
    const { store, visits } = withVisitStore(storeOf(sent.hits, sent.request), {
      sites: () => [],
      maxHits: 100_000,
    });
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    const parse = JSON.parse;
    let parsed = 0;
    let mostInOneTurn = 0;
    vi.spyOn(JSON, 'parse').mockImplementation((source: string, reviver?) => {
      parsed += source.length;
      return parse(source, reviver) as unknown;
    });
    const stop = everyTurn(() => {
      mostInOneTurn = Math.max(mostInOneTurn, parsed);
      parsed = 0;
    });
    await store.load();
    stop();
    mostInOneTurn = Math.max(mostInOneTurn, parsed);
    expect(ec_items.length).toBeGreaterThan(1_000_000);
    expect(mostInOneTurn).toBeLessThan(200_000);
    // The items all read: 40,000 × 12.50 × 2.
    expect(visits.findingsOf(sent.hits[1]!.id)).toContainEqual(
      expect.objectContaining({
        code: 'order.revenue_mismatch',
        message: expect.stringContaining('make 1000000.00') as string,
      }),
    );
  });

  it('reads each stored hit once, its parameters parsed again without being cached', async () => {
    const sent = sampleRequest({ hits: 30 });
    const { hits, reads } = keptHits(sent.hits, sent.request);
    const inner = Object.assign(createFakeStore(), {
      load: async () => ({ requests: 1, hits: hits.length }),
      compactOldestFirst: () => hits,
    }) as unknown as PersistentHitStore;
    const { store, visits } = withVisitStore(inner, { sites: () => [], maxHits: 100_000 });
    await store.load();
    expect(reads).toEqual({ cached: 0, once: 30 });
    expect(visits.visitOfHit(sent.hits[29]!.id)).toBeDefined();
  });
});
