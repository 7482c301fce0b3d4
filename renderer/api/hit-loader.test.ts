// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { HitDto, HitsPageDto } from '../../shared/api/types';
import { makeHit } from '../test-support/hit-factory';
import { toHitRow } from '../lib/hit-row';
import { createAppStore } from '../store/app-store';
import { ApiClient } from './client';
import { loadStoredHits } from './hit-loader';

/** A server holding `hits` (oldest first) that pages newest first like /api/hits. */
function pagingClient(hits: HitDto[], requests: string[]) {
  return new ApiClient({
    fetch: async (input) => {
      const url = new URL(input, 'http://x');
      requests.push(url.search);
      const limit = Number(url.searchParams.get('limit'));
      const before = url.searchParams.get('before');
      const newestFirst = [...hits].reverse();
      const start = before ? newestFirst.findIndex((h) => h.id === before) + 1 : 0;
      const slice = newestFirst.slice(start, start + limit);
      const next = start + limit < newestFirst.length ? (slice.at(-1)?.id ?? null) : null;
      const page: HitsPageDto = { hits: slice, next, total: hits.length };
      return new Response(JSON.stringify(page), { status: 200 });
    },
  });
}

describe('loadStoredHits', () => {
  it('loads every page in order, with few store updates', async () => {
    const hits = Array.from({ length: 25 }, () => makeHit());
    const requests: string[] = [];
    const store = createAppStore();
    let updates = 0;
    const progress: unknown[] = [];
    store.subscribe((state, previous) => {
      if (state.hits !== previous.hits) updates += 1;
      if (state.loading !== previous.loading) progress.push(state.loading);
    });
    const loaded = await loadStoredHits(pagingClient(hits, requests), store, {
      pageSize: 10,
      now: () => 0,
    });
    expect(loaded).toBe(25);
    expect(store.getState().hits.ids).toEqual(hits.map((h) => h.id));
    expect(requests).toHaveLength(3);
    // Compact pages: the decoded values come with the detail when a hit is selected.
    for (const search of requests) expect(search).toContain('fields=compact');
    // The first page at once, the rest when loading ends (the clock did not move).
    expect(updates).toBe(2);
    expect(progress).toEqual([{ loaded: 10, total: 25 }, { loaded: 25, total: 25 }, null]);
  });

  it('after a reconnect stops at the first page that reaches known hits', async () => {
    const hits = Array.from({ length: 30 }, () => makeHit());
    const store = createAppStore();
    store.getState().loadHits(hits.slice(0, 22).map(toHitRow));
    const requests: string[] = [];
    const loaded = await loadStoredHits(pagingClient(hits, requests), store, { pageSize: 5 });
    expect(loaded).toBe(8);
    expect(store.getState().hits.ids).toEqual(hits.map((h) => h.id));
    expect(requests.length).toBeLessThanOrEqual(3);
  });
});
