// The hits a visit's timeline describes are thousands: read with getManyInTurns, each is
// decorated with its visit and findings, and that loop gives the event loop back once a slice
// of time is used.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { countLoopTurns } from '../../../test-support/capture/loop-turns';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { withVisitStore } from './visit-store';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('many hits read for a visit', () => {
  it('are decorated in slices of time', async () => {
    const sent = sampleRequest({ hits: 40 });
    const inner = createFakeStore();
    await inner.add(sent.request, sent.hits);
    const { store } = withVisitStore(inner as unknown as PersistentHitStore, {
      sites: () => [],
      maxHits: 100_000,
    });
    const ids = sent.hits.map((hit) => hit.id);
    // Each reading of the clock is 5 ms after the last: a slice is used up every few hits.
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    const turns = countLoopTurns();
    const found = await store.getManyInTurns(ids);
    turns.stop();
    expect([...found.keys()]).toEqual(ids);
    expect(turns.count()).toBeGreaterThanOrEqual(10);
  });
});
