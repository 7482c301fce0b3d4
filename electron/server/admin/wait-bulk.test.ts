// A waiter of POST /api/wait open while a bulk of thousands is announced: matching each of its
// hits at once would read (and decorate with its visit) the whole bulk in one turn, so a large
// announcement is counted again from the store, whose search takes turns.
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import type { HitStore, HitStoreEvent } from '../contracts';
import { SLICED_HITS } from '../added-hits';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { makeHit, makeRequest } from '../../../test-support/admin/fixtures';
import { waitForHits } from './routes-wait';

/** The store, its announcements readable hit by hit, counting how often `hits` is read whole. */
function watchedStore(): { store: HitStore; wholeReads: () => number } {
  const inner = createFakeStore();
  let reads = 0;
  const announced = (event: Extract<HitStoreEvent, { type: 'added' }>) => ({
    type: event.type,
    request: event.request,
    get hits(): HitDto[] {
      reads++;
      return event.hits;
    },
    hitCount: event.hits.length,
    hitAt: (index: number) => event.hits[index] as HitDto,
  });
  const store: HitStore = Object.create(inner) as HitStore;
  store.subscribe = (listener) =>
    inner.subscribe((event) => listener(event.type === 'added' ? announced(event) : event));
  return { store, wholeReads: () => reads };
}

describe('a waiter and a large bulk', () => {
  it('counts its hits from the store, never reading them all in one turn', async () => {
    const { store, wholeReads } = watchedStore();
    const count = SLICED_HITS + 1;
    const controller = new AbortController();
    const pending = waitForHits(
      store,
      { filter: { type: 'pageview' }, count, timeoutMs: 5000 },
      controller.signal,
    );
    await new Promise((r) => setTimeout(r, 20));
    const request = makeRequest({ transport: 'bulk', method: 'POST', hitIds: [] });
    const hits = Array.from({ length: count }, (_, index) =>
      makeHit({ requestId: request.id, index, batchSize: count, type: 'pageview' }),
    );
    await store.add(request, hits);
    const result = await pending;
    expect(result.done).toBe(true);
    expect(result.response.total).toBe(count);
    expect(wholeReads()).toBe(0);
  });
});
