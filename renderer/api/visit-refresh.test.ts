// @vitest-environment node
// After new visit rules, the rows the page holds are read again and take the new visits.
import { describe, expect, it } from 'vitest';
import type { HitDto, HitsPageDto } from '../../shared/api/types';
import { toHitRow } from '../lib/hit-row';
import { createAppStore } from '../store/app-store';
import { addRows, emptyCollection } from '../store/hit-collection';
import { makeHit } from '../test-support/hit-factory';
import { ApiClient } from './client';
import { windowKey } from './hit-window';
import { refreshVisitsOfRows } from './visit-refresh';

/** A server holding `hits` (oldest first) that pages newest first like /api/hits. */
function pagingClient(hits: () => HitDto[], requests: string[]) {
  return new ApiClient({
    fetch: async (input) => {
      const url = new URL(input, 'http://x');
      requests.push(url.search);
      const limit = Number(url.searchParams.get('limit'));
      const before = url.searchParams.get('before');
      const type = url.searchParams.get('type');
      const newestFirst = [...hits()].reverse().filter((h) => !type || h.type === type);
      const start = before ? newestFirst.findIndex((h) => h.id === before) + 1 : 0;
      const slice = newestFirst.slice(start, start + limit);
      const next = start + limit < newestFirst.length ? (slice.at(-1)?.id ?? null) : null;
      const page: HitsPageDto = { hits: slice, next, total: newestFirst.length };
      return new Response(JSON.stringify(page), { status: 200 });
    },
  });
}

describe('refreshVisitsOfRows', () => {
  it('replaces the rows the page holds with their new visits, and reads no further', async () => {
    const before = Array.from({ length: 25 }, (_, i) =>
      makeHit({
        receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        visitId: 'v-a',
      }),
    );
    // The page holds the newest 12 of the 25 hits the server holds.
    const store = createAppStore();
    store.getState().loadHits(before.slice(13).map(toHitRow));
    const after = before.map((hit, i) => ({ ...hit, visitId: i % 2 ? 'v-odd' : 'v-even' }));
    const requests: string[] = [];
    const read = await refreshVisitsOfRows(
      pagingClient(() => after, requests),
      store,
      {
        pageSize: 5,
      },
    );

    const { hits } = store.getState();
    expect(hits.ids).toEqual(before.slice(13).map((hit) => hit.id));
    expect(hits.ids.map((id) => hits.byId.get(id)?.visitId)).toEqual(
      after.slice(13).map((hit) => hit.visitId),
    );
    // Pages of 5 until the 12 rows held are covered: 3 pages, not all 5.
    expect(read).toBe(15);
    expect(requests).toHaveLength(3);
  });

  it('updates the hits waiting while the table is paused', async () => {
    const hit = makeHit({ visitId: 'v-old' });
    const store = createAppStore();
    store.getState().pause();
    store.getState().receiveHits([toHitRow(hit)]);
    await refreshVisitsOfRows(
      pagingClient(() => [{ ...hit, visitId: 'v-new' }], []),
      store,
    );
    expect(store.getState().pending.map((row) => row.visitId)).toEqual(['v-new']);
    expect(store.getState().hits.ids).toEqual([]);
  });

  it('updates the rows of the window onto the server, older than the newest hits', async () => {
    // 40 stored hits: the 4 oldest are events, the window's rows of a type:event search.
    const before = Array.from({ length: 40 }, (_, i) =>
      makeHit({
        receivedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        type: i < 4 ? 'event' : 'pageview',
        visitId: 'v-a',
      }),
    );
    const store = createAppStore();
    store.getState().loadHits(before.slice(30).map(toHitRow));
    store.getState().setTypeFilter('event');
    const events = before.slice(0, 4).reverse().map(toHitRow);
    store.getState().setHitWindow({
      key: windowKey(store.getState()),
      rows: addRows(emptyCollection(), events, 1000),
      total: 4,
      next: null,
      loading: false,
      error: null,
      full: false,
    });
    const after = before.map((hit, i) => ({ ...hit, visitId: `v-${i}` }));
    const requests: string[] = [];
    await refreshVisitsOfRows(
      pagingClient(() => after, requests),
      store,
      { pageSize: 5 },
    );

    const rows = store.getState().hitWindow?.rows;
    expect(rows?.ids.map((id) => rows.byId.get(id)?.visitId).sort()).toEqual([
      'v-0',
      'v-1',
      'v-2',
      'v-3',
    ]);
    // The page's own rows took theirs too, read without the window's search.
    const { hits } = store.getState();
    expect(hits.ids.map((id) => hits.byId.get(id)?.visitId)).toEqual(
      after.slice(30).map((hit) => hit.visitId),
    );
    expect(requests.filter((search) => search.includes('type=event'))).toHaveLength(1);
  });
});
