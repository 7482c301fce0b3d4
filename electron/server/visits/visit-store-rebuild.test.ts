// The visits of the stored hits are formed again after each start, while tracking requests
// (and an export) go on: the rebuild gives the event loop back once a slice of time is used,
// however few hits that slice assigned.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('visits rebuilt after a start', () => {
  it('yields to the event loop between slices of time, not counts of hits', async () => {
    const sent = sampleRequest({ hits: 40 });
    const stored = sent.hits.map((hit) => ({ ...hit, request: sent.request }));
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
});
