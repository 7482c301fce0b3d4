// Forming the visits again (new visit rules) while a large bulk is still being assigned in
// slices: the bulk's hits and every hit after them are still announced, in order.
import { describe, expect, it } from 'vitest';
import type { HitStoreEvent } from '../contracts';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';

describe('visits formed again during a bulk', () => {
  it('announce the waiting bulk and the hits after it', async () => {
    // A store whose stored hits the rebuild does not need to read (none are assigned yet).
    const inner = Object.assign(createFakeStore(), {
      compactOldestFirst: () => [],
    }) as unknown as PersistentHitStore;
    const { store, reform } = withVisitStore(inner, { sites: () => [], maxHits: 100_000 });
    const announced: string[] = [];
    store.subscribe((event: HitStoreEvent) => {
      if (event.type === 'added') announced.push(`${event.request.id}:${event.hits.length}`);
    });
    // Large enough that its assignment takes more than one slice of the event loop.
    const bulk = sampleRequest({ hits: 20_000 });
    await inner.add(bulk.request, bulk.hits);
    await reform();
    const after = sampleRequest();
    await inner.add(after.request, after.hits);
    await expect
      .poll(() => announced)
      .toEqual([`${bulk.request.id}:20000`, `${after.request.id}:1`]);
  });
});
