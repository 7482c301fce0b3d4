// Loads stored hits from `GET /api/hits` (newest first, page by page) into the store:
// everything in memory on the first connection, and after a reconnect only the pages
// down to the first hit the table already has, so missed hits reappear without a reload.
// The next page is requested while the current one is processed, and pages reach the
// store at most once a second after the first: 100 pages then cost a handful of table
// renders instead of one each.
import type { HitSummariesPageDto } from '../../shared/api/types';
import { toHitRow, type HitRow } from '../lib/hit-row';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';

export const PAGE_SIZE = 1_000;
export const FLUSH_INTERVAL_MS = 1_000;

export async function loadStoredHits(
  client: ApiClient,
  store: AppStore,
  options: { pageSize?: number; shouldStop?: () => boolean; now?: () => number } = {},
): Promise<number> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const now = options.now ?? (() => Date.now());
  const fetchPage = (before: string | null) => client.hitSummaries({}, { limit: pageSize, before });
  let buffered: HitRow[] = [];
  let lastFlush: number | null = null;
  let total = 0;
  const flush = () => {
    if (buffered.length) store.getState().loadHits(buffered);
    buffered = [];
    lastFlush = now();
    store.getState().setLoading({ loaded, total: Math.max(total, loaded) });
  };
  let loaded = 0;
  let pending: Promise<HitSummariesPageDto> | null = fetchPage(null);
  try {
    while (pending && !options.shouldStop?.()) {
      const page: HitSummariesPageDto = await pending;
      total = Math.min(page.total, store.getState().maxRows);
      pending = page.next ? fetchPage(page.next) : null;
      const { hits, maxRows } = store.getState();
      const fresh = page.hits.filter((hit) => !hits.byId.has(hit.id));
      for (const hit of fresh) buffered.push(toHitRow(hit));
      loaded += fresh.length;
      if (lastFlush === null || now() - lastFlush >= FLUSH_INTERVAL_MS) flush();
      // A page holding hits we already have means everything older is loaded too.
      if (fresh.length < page.hits.length || loaded >= maxRows) break;
    }
  } finally {
    flush();
    store.getState().setLoading(null);
    // A request made ahead and no longer needed must not surface as an unhandled rejection.
    pending?.catch(() => undefined);
  }
  return loaded;
}
