// Keeps the table's window onto the server (store/window-slice.ts) when the capture holds
// more hits than the page keeps: the search box's query and the quick filters go to
// `GET /api/hits`, which searches every stored hit, memory and data file; the first page
// comes when typing pauses, older pages when the table scrolls to its oldest loaded row,
// and live hits that match are added as they reach the page. While everything fits, the
// window stays closed and the table filters in the page.
import type { HitFilterDto } from '../../shared/api/types';
import { errorMessage } from '../lib/error-message';
import { toHitRow, type HitRow } from '../lib/hit-row';
import { compileQuery, type RowPredicate } from '../lib/query/compile-query';
import { combinePredicates, quickFilterPredicate } from '../lib/table-view';
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/app-store';
import { DEFAULT_MAX_ROWS } from '../store/hits-slice';
import {
  addRows,
  arrivalOrder,
  emptyCollection,
  type HitCollection,
} from '../store/hit-collection';
import type { HitWindow } from '../store/window-slice';
import type { ApiClient } from './client';
import { shownHitsFilter } from './export-hits';

/** Rows per page, at most: a page is never larger than what the page keeps (maxRows). */
export const WINDOW_PAGE_SIZE = 200;
/** Typing pause before a search is sent: one request per word, not per key. */
export const WINDOW_DEBOUNCE_MS = 150;

/** Whether the capture holds more hits than the page keeps: then the server searches. */
export function needsWindow(state: AppState): boolean {
  return state.summary !== null && state.summary.hits > state.maxRows;
}

/** The key of the filter the table applies (the same text for the same filter). */
export function windowKey(state: Pick<AppState, 'query' | 'quick'>): string {
  return JSON.stringify(shownHitsFilter(state.quick, state.query));
}

export interface HitWindowOptions {
  pageSize?: number;
  debounceMs?: number;
  /** Rows the window holds at most (default: maxRows, at least DEFAULT_MAX_ROWS). */
  maxRows?: number;
}

interface Search {
  key: string;
  filter: HitFilterDto | null;
  /** The same filter in the page, for live hits. */
  test: RowPredicate;
  /** No hit can match: the failed chip alone, or a query with a mistake. */
  none: boolean;
}

function searchOf(state: AppState): Search {
  const filter = shownHitsFilter(state.quick, state.query);
  const query = compileQuery(state.query);
  const test =
    combinePredicates([quickFilterPredicate(state.quick), query.empty ? null : query.test]) ??
    (() => true);
  return {
    key: windowKey(state),
    filter,
    test,
    none: filter === null || query.problems.length > 0,
  };
}

function newestOf(collection: HitCollection): HitRow | null {
  const id = collection.ids[collection.ids.length - 1];
  return id === undefined ? null : (collection.byId.get(id) ?? null);
}

/** Starts following the store; returns the function that stops it. */
export function startHitWindow(
  client: ApiClient,
  store: AppStore,
  options: HitWindowOptions = {},
): () => void {
  const pageSize = () => options.pageSize ?? Math.min(WINDOW_PAGE_SIZE, store.getState().maxRows);
  const debounceMs = options.debounceMs ?? WINDOW_DEBOUNCE_MS;
  // Answers to requests made for an older filter (or before a reset) are dropped.
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let search: Search | null = null;
  // The newest hit of the page already considered for the window: live hits are those after it.
  let scanned: HitRow | null = null;
  let olderSeen = store.getState().olderWanted;
  // The first page came while the server still read its data file back: its total counts only
  // the hits read so far, and is asked again once the read-back is over.
  let partialTotal = false;

  const patch = (change: Partial<HitWindow>) => {
    const current = store.getState().hitWindow;
    if (current) store.getState().setHitWindow({ ...current, ...change });
  };
  const settled = (window: HitWindow | null): window is HitWindow =>
    window !== null && search !== null && window.key === search.key;
  // The window may hold more rows than the server keeps in memory (a small `maxHits`), as
  // many as the page holds by default: compact rows, loaded only as far as the user scrolls.
  const cap = () => options.maxRows ?? Math.max(store.getState().maxRows, DEFAULT_MAX_ROWS);

  const takeLive = (hits: HitCollection) => {
    const window = store.getState().hitWindow;
    if (!settled(window) || !search) return;
    const fresh: HitRow[] = [];
    for (let i = hits.ids.length - 1; i >= 0; i--) {
      const row = hits.byId.get(hits.ids[i] as string) as HitRow;
      if (scanned && arrivalOrder(row, scanned) <= 0) break;
      if (search.test(row) && !window.rows.byId.has(row.id)) fresh.push(row);
    }
    const newest = newestOf(hits);
    if (newest && (!scanned || arrivalOrder(newest, scanned) > 0)) scanned = newest;
    if (fresh.length === 0) return;
    const rows = addRows(window.rows, fresh, cap());
    patch({
      rows,
      total: (window.total ?? 0) + fresh.length,
      // Past the cap the oldest loaded rows were dropped: older pages would leave a gap.
      full: window.full || (window.next !== null && rows.ids.length >= cap()),
    });
  };

  const loadFirst = async (wanted: Search, at: number) => {
    const previous = store.getState().hitWindow;
    if (wanted.none || !wanted.filter) {
      scanned = newestOf(store.getState().hits);
      store.getState().setHitWindow({
        key: wanted.key,
        rows: emptyCollection(),
        total: 0,
        next: null,
        loading: false,
        error: null,
        full: false,
      });
      return;
    }
    if (previous) patch({ loading: true });
    try {
      const page = await client.hitSummaries(wanted.filter, { limit: pageSize() });
      if (at !== generation) return;
      const rows = addRows(emptyCollection(), page.hits.map(toHitRow), cap());
      scanned = newestOf(rows);
      partialTotal = page.complete === false;
      store.getState().setHitWindow({
        key: wanted.key,
        rows,
        total: page.total,
        next: page.next,
        loading: false,
        error: null,
        full: page.next !== null && rows.ids.length >= cap(),
      });
      // Hits that reached the page while the search ran.
      takeLive(store.getState().hits);
    } catch (error) {
      if (at !== generation) return;
      store.getState().setHitWindow({
        key: wanted.key,
        rows: emptyCollection(),
        total: null,
        next: null,
        loading: false,
        error: errorMessage(error),
        full: false,
      });
    }
  };

  /** The window's total once the server has read every stored hit (the rows stay). */
  const recount = async () => {
    const filter = search?.filter;
    if (!filter) return;
    const at = generation;
    partialTotal = false;
    // Meanwhile the toolbar says the stored hits are searched, not a count it knows is short.
    patch({ total: null });
    try {
      const page = await client.hitSummaries(filter, { limit: 1 });
      if (at !== generation) return;
      partialTotal = page.complete === false;
      patch({ total: page.total });
    } catch (error) {
      if (at === generation) patch({ error: errorMessage(error) });
    }
  };

  const loadOlder = async () => {
    const window = store.getState().hitWindow;
    if (!settled(window) || !search?.filter || window.next === null) return;
    if (window.loading || window.full) return;
    const at = generation;
    patch({ loading: true, error: null });
    try {
      const page = await client.hitSummaries(search.filter, {
        limit: pageSize(),
        before: window.next,
      });
      if (at !== generation) return;
      const current = store.getState().hitWindow as HitWindow;
      const rows = addRows(current.rows, page.hits.map(toHitRow), cap());
      patch({
        rows,
        next: page.next,
        loading: false,
        full: page.next !== null && rows.ids.length >= cap(),
      });
    } catch (error) {
      if (at === generation) patch({ loading: false, error: errorMessage(error) });
    }
  };

  const open = (state: AppState) => {
    generation += 1;
    const wanted = searchOf(state);
    search = wanted;
    if (timer !== null) clearTimeout(timer);
    const at = generation;
    timer = setTimeout(() => {
      timer = null;
      void loadFirst(wanted, at);
    }, debounceMs);
  };

  const close = () => {
    generation += 1;
    search = null;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (store.getState().hitWindow) store.getState().setHitWindow(null);
  };

  const follow = (state: AppState, previous: AppState | null) => {
    if (!needsWindow(state)) {
      if (search || state.hitWindow) close();
      return;
    }
    // A reset makes a new collection: what the window holds is gone.
    const reset = previous !== null && state.hits.byId !== previous.hits.byId;
    if (!search || reset || windowKey(state) !== search.key) {
      if (reset) state.setHitWindow(null);
      open(store.getState());
      return;
    }
    if (partialTotal && state.summary?.readBack === undefined && settled(state.hitWindow)) {
      void recount();
    }
    if (previous && state.hits !== previous.hits) takeLive(state.hits);
    if (state.olderWanted !== olderSeen) {
      olderSeen = state.olderWanted;
      void loadOlder();
    }
  };

  const unsubscribe = store.subscribe((state, previous) => follow(state, previous));
  follow(store.getState(), null);
  return () => {
    unsubscribe();
    generation += 1;
    if (timer !== null) clearTimeout(timer);
  };
}
