// Loads stored hits from `GET /api/hits` (newest first, page by page) into the store:
// everything in memory on the first connection, and after a reconnect only the pages
// down to the first hit the table already has, so missed hits reappear without a reload.
import { toHitRow } from '../lib/hit-row';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';

export const PAGE_SIZE = 1_000;

export async function loadStoredHits(
  client: ApiClient,
  store: AppStore,
  options: { pageSize?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let before: string | null = null;
  let loaded = 0;
  for (;;) {
    if (options.shouldStop?.()) break;
    const page = await client.hits({}, { limit: pageSize, before });
    const { hits, maxRows } = store.getState();
    const fresh = page.hits.filter((hit) => !hits.byId.has(hit.id));
    store.getState().loadHits(fresh.map(toHitRow));
    loaded += fresh.length;
    // A page holding hits we already have means everything older is loaded too.
    if (!page.next || fresh.length < page.hits.length || loaded >= maxRows) break;
    before = page.next;
  }
  return loaded;
}
