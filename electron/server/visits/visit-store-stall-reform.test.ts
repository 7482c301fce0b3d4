// Visits formed again (new visit rules, a deleted run) while bulks arrive: the bulks stored
// while the stored hits are assigned again are assigned after them in slices, as every large
// bulk is (the stall monitor measures the longest stretch of CPU work between two turns). One
// bulk of 10,000 page views took some 25 ms in one turn, so several arrive here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersistentHitStore } from '../storage/hit-store';
import { createFakeStore } from '../../../test-support/admin/fake-store';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import {
  leastStallMs,
  startStallMonitor,
  type StallMonitor,
} from '../../../test-support/capture/stall-monitor';
import { MAX_SLICED_STALL_MS } from '../../../test-support/capture/stall-bounds';
import { withVisitStore } from './visit-store';

const BULK = 10_000;

/** A visit store over a fake store holding `stored` hits, and what it announces. */
function visitStoreOf(stored: number) {
  const sent = sampleRequest({ hits: stored });
  // As the store keeps them: their parameters read once by the rebuild.
  const compact = sent.hits.map((hit) => ({
    ...hit,
    request: sent.request,
    paramsReadOnce: () => hit.params,
  }));
  const inner = Object.assign(createFakeStore(), {
    compactOldestFirst: () => compact,
  }) as unknown as PersistentHitStore;
  const visitStore = withVisitStore(inner, { sites: () => [], maxHits: 1_000_000 });
  const announced: string[] = [];
  visitStore.store.subscribe((event) => {
    if (event.type === 'added') announced.push(event.request.id);
  });
  return { inner, announced, ...visitStore };
}

let monitor: StallMonitor;
beforeEach(() => {
  monitor = startStallMonitor();
});
afterEach(() => monitor.stop());

describe('visits formed again while bulks arrive', { timeout: 120_000 }, () => {
  it('assign the bulks stored meanwhile in slices, after the stored hits', async () => {
    // Enough stored hits that forming their visits again takes several slices.
    const { inner, reform, visits, announced } = visitStoreOf(20_000);
    const bulks = Array.from({ length: 4 }, () => sampleRequest({ hits: BULK }));
    let round = 0;
    const stallMs = await leastStallMs(monitor, MAX_SLICED_STALL_MS, async () => {
      round++;
      const formed = reform();
      await new Promise((resolve) => setImmediate(resolve));
      for (const bulk of bulks) {
        await inner.add({ ...bulk.request, id: `${bulk.request.id}-${round}` }, bulk.hits);
      }
      await formed;
    });
    expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
    for (const bulk of bulks) expect(visits.visitOfHit(bulk.hits[BULK - 1]!.id)).toBeDefined();
    expect(announced.slice(0, bulks.length)).toEqual(bulks.map((bulk) => `${bulk.request.id}-1`));
  });
});
