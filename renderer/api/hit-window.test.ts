// @vitest-environment node
// The window onto the server: a capture holding more hits than the page keeps is searched by
// the server (a fake one that filters with the shared hit filter, as /api/hits does).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hitFilterFromSearchParams, matchesHitFilter } from '../../shared/api/hit-filter';
import type { HitDto, HitSummariesPageDto } from '../../shared/api/types';
import { makeHit, makeSummary } from '../test-support/hit-factory';
import { toHitRow } from '../lib/hit-row';
import { createAppStore, type AppStore } from '../store/app-store';
import { ApiClient } from './client';
import { startHitWindow } from './hit-window';

/** /api/hits of a server holding `hits` (oldest first); `searches` records each query. */
function answer(hits: HitDto[], searches: URLSearchParams[], input: string): Response {
  const params = new URL(input, 'http://x').searchParams;
  searches.push(params);
  const filter = hitFilterFromSearchParams(params);
  const matching = hits.filter((hit) => matchesHitFilter(hit, filter)).reverse();
  const before = params.get('before');
  const start = before ? matching.findIndex((hit) => hit.id === before) + 1 : 0;
  const limit = Number(params.get('limit'));
  const slice = matching.slice(start, start + limit);
  const next = start + limit < matching.length ? (slice.at(-1)?.id ?? null) : null;
  const page: HitSummariesPageDto = { hits: slice, next, total: matching.length };
  return new Response(JSON.stringify(page), { status: 200 });
}

function fakeServer(hits: HitDto[], searches: URLSearchParams[]) {
  return new ApiClient({ fetch: async (input) => answer(hits, searches, input) });
}

const page = (name: string) =>
  makeHit({ params: { idsite: '1', rec: '1', action_name: name }, summary: name });

/** `count` page views, "Page 0." the oldest; the page keeps the newest `maxRows`. */
function capture(count: number, maxRows: number) {
  const hits = Array.from({ length: count }, (_, i) => page(`Page ${i}.`));
  const store = createAppStore();
  store.getState().setSummary(makeSummary({ hits: count, maxHits: maxRows }));
  store.getState().loadHits(hits.slice(-maxRows).map(toHitRow));
  return { hits, store };
}

const flush = async () => {
  await vi.runAllTimersAsync();
};
const windowNames = (store: AppStore) => {
  const rows = store.getState().hitWindow?.rows;
  return rows ? rows.ids.map((id) => rows.byId.get(id)?.summary ?? id) : null;
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startHitWindow', () => {
  it('stays closed while the page holds every hit', async () => {
    const { hits, store } = capture(30, 50);
    const searches: URLSearchParams[] = [];
    const stop = startHitWindow(fakeServer(hits, searches), store, { pageSize: 10 });
    store.getState().setQuery('"Page 3"');
    await flush();
    expect(store.getState().hitWindow).toBeNull();
    expect(searches).toHaveLength(0);
    stop();
  });

  it('counts again once the server has read its data file back', async () => {
    const { hits, store } = capture(60, 20);
    const readBack = { bytesRead: 10, bytes: 100 };
    store.getState().setSummary(makeSummary({ hits: 30, maxHits: 20, readBack }));
    const searches: URLSearchParams[] = [];
    let reading = true;
    // While reading back, the server answers the page but counts only the hits read so far.
    const client = new ApiClient({
      fetch: async (input) => {
        const full = answer(hits, searches, input);
        if (!reading) return full;
        const page = (await full.json()) as HitSummariesPageDto;
        const partial: HitSummariesPageDto = { ...page, total: 30, complete: false };
        return new Response(JSON.stringify(partial), { status: 200 });
      },
    });
    const stop = startHitWindow(client, store, { pageSize: 10 });
    await flush();
    const rows = store.getState().hitWindow?.rows.ids;
    expect(rows).toEqual(hits.slice(-10).map((h) => h.id));
    expect(store.getState().hitWindow?.total).toBe(30);

    reading = false;
    store.getState().setSummary(makeSummary({ hits: 60, maxHits: 20 }));
    await flush();
    expect(store.getState().hitWindow?.total).toBe(60);
    // The rows loaded stay; only the count was asked again.
    expect(store.getState().hitWindow?.rows.ids).toEqual(rows);
    expect(searches.at(-1)?.get('limit')).toBe('1');
    store.getState().setSummary(makeSummary({ hits: 61, maxHits: 20 }));
    await flush();
    expect(searches).toHaveLength(2);
    stop();
  });

  it('finds a hit only on the server, with the count of the matches', async () => {
    const { hits, store } = capture(60, 20);
    const searches: URLSearchParams[] = [];
    const stop = startHitWindow(fakeServer(hits, searches), store, { pageSize: 10 });
    await flush();
    // No filter: the newest page of every stored hit, and all of them counted.
    expect(store.getState().hitWindow?.total).toBe(60);
    expect(store.getState().hitWindow?.rows.ids).toEqual(hits.slice(-10).map((h) => h.id));

    store.getState().setQuery('action_name:"Page 3."');
    await flush();
    const window = store.getState().hitWindow;
    // "Page 3." is among the 40 oldest hits, which the page does not hold.
    expect(window?.rows.ids).toEqual([hits[3]?.id]);
    expect(window?.total).toBe(1);
    expect(window?.next).toBeNull();
    expect(searches.at(-1)?.get('query')).toBe('action_name:"Page 3."');
    expect(searches.at(-1)?.get('fields')).toBe('compact');
    stop();
  });

  it('sends one search when typing pauses, not one per key', async () => {
    const { hits, store } = capture(60, 20);
    const searches: URLSearchParams[] = [];
    const stop = startHitWindow(fakeServer(hits, searches), store, { pageSize: 10 });
    await flush();
    const before = searches.length;
    for (const text of ['P', 'Pa', 'Pag', 'Page']) store.getState().setQuery(text);
    await flush();
    expect(searches.length - before).toBe(1);
    expect(searches.at(-1)?.get('query')).toBe('Page');
    stop();
  });

  it('loads older pages when asked, up to the end', async () => {
    const { hits, store } = capture(60, 40);
    const searches: URLSearchParams[] = [];
    const stop = startHitWindow(fakeServer(hits, searches), store, { pageSize: 25, maxRows: 40 });
    await flush();
    expect(store.getState().hitWindow?.rows.ids).toHaveLength(25);
    store.getState().wantOlderHits();
    await flush();
    expect(store.getState().hitWindow?.rows.ids).toEqual(hits.slice(-40).map((h) => h.id));
    expect(searches.at(-1)?.get('before')).toBe(hits[35]?.id);
    // 40 rows is what the window holds: the oldest 20 are not loaded, and no more is asked for.
    expect(store.getState().hitWindow?.full).toBe(true);
    const asked = searches.length;
    store.getState().wantOlderHits();
    await flush();
    expect(searches).toHaveLength(asked);
    stop();
  });

  it('adds the live hits that match, and counts them', async () => {
    const { hits, store } = capture(60, 20);
    const stop = startHitWindow(fakeServer(hits, []), store, { pageSize: 10 });
    store.getState().setQuery('action_name:Live');
    await flush();
    expect(store.getState().hitWindow?.total).toBe(0);
    const live = [page('Live one'), page('Other'), page('Live two')];
    store.getState().receiveHits(live.map(toHitRow));
    expect(windowNames(store)).toEqual(['Live one', 'Live two']);
    expect(store.getState().hitWindow?.total).toBe(2);
    stop();
  });

  it('keeps live hits out while paused, and adds them on resume', async () => {
    const { hits, store } = capture(60, 20);
    const stop = startHitWindow(fakeServer(hits, []), store, { pageSize: 10 });
    store.getState().setQuery('action_name:Live');
    await flush();
    store.getState().pause();
    store.getState().receiveHits([toHitRow(page('Live one'))]);
    expect(store.getState().hitWindow?.total).toBe(0);
    store.getState().resume();
    expect(windowNames(store)).toEqual(['Live one']);
    stop();
  });

  it('drops the answer of a search the user has typed past', async () => {
    const { hits, store } = capture(60, 20);
    let release = () => {};
    const slow = new ApiClient({
      fetch: async (input) => {
        // The first search is answered only after the second.
        if (input.includes('Page+1')) await new Promise<void>((resolve) => (release = resolve));
        return answer(hits, [], input);
      },
    });
    const stop = startHitWindow(slow, store, { pageSize: 10 });
    store.getState().setQuery('Page 1');
    await vi.advanceTimersByTimeAsync(200);
    store.getState().setQuery('action_name:"Page 59."');
    await flush();
    expect(windowNames(store)).toEqual(['Page 59.']);
    release();
    await flush();
    expect(windowNames(store)).toEqual(['Page 59.']);
    stop();
  });

  it('closes when everything fits again (a reset)', async () => {
    const { hits, store } = capture(60, 20);
    const stop = startHitWindow(fakeServer(hits, []), store, { pageSize: 10 });
    await flush();
    expect(store.getState().hitWindow).not.toBeNull();
    store.getState().clearHits();
    store.getState().setSummary(makeSummary({ hits: 0, maxHits: 20 }));
    await flush();
    expect(store.getState().hitWindow).toBeNull();
    stop();
  });
});
