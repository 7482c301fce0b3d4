// After new visit rules formed the visits again (the stream's `visits` event), the hits the
// page holds are read again, newest first, page by page: their visit ids, reasons and
// cross-hit findings may have changed, and the rows are replaced in place. The window onto
// the server (a search of a capture larger than the page) is read again through its own
// search: its rows may be matches far older than the newest hits.
import type { HitFilterDto, HitSummariesPageDto } from '../../shared/api/types';
import { toHitRow } from '../lib/hit-row';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';
import { shownHitsFilter } from './export-hits';
import { PAGE_SIZE } from './hit-loader';
import { windowKey } from './hit-window';

interface RefreshOptions {
  pageSize?: number;
  shouldStop?: () => boolean;
}

/**
 * Reads `filter`'s pages newest first until `count()` hits are read, each page's hits that
 * the rows hold (`shownNow()`, asked per page) replacing their rows; returns the hits read.
 */
async function rereadRows(
  client: ApiClient,
  store: AppStore,
  filter: HitFilterDto,
  count: () => number,
  shownNow: () => (id: string) => boolean,
  options: RefreshOptions,
): Promise<number> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let read = 0;
  let before: string | null = null;
  while (read < count() && !options.shouldStop?.()) {
    const page: HitSummariesPageDto = await client.hitSummaries(filter, {
      limit: pageSize,
      before,
    });
    const shown = shownNow();
    store.getState().refreshRows(page.hits.filter((hit) => shown(hit.id)).map(toHitRow));
    read += page.hits.length;
    if (!page.next || page.hits.length === 0) break;
    before = page.next;
  }
  return read;
}

export async function refreshVisitsOfRows(
  client: ApiClient,
  store: AppStore,
  options: RefreshOptions = {},
): Promise<number> {
  // Every hit the page holds is among the newest `held` stored hits.
  const held = () => store.getState().hits.ids.length + store.getState().pending.length;
  const inPage = () => {
    const { hits, pending } = store.getState();
    const waiting = new Set(pending.map((row) => row.id));
    return (id: string) => hits.byId.has(id) || waiting.has(id);
  };
  let read = await rereadRows(client, store, {}, held, inPage, options);
  const { hitWindow, quick, query } = store.getState();
  const filter = shownHitsFilter(quick, query);
  if (!hitWindow || !filter || hitWindow.key !== windowKey({ quick, query })) return read;
  // The window's rows are the newest matches of its search, as many as it loaded.
  const inWindow = () => {
    const rows = store.getState().hitWindow?.rows;
    return (id: string) => rows?.byId.has(id) === true;
  };
  const loaded = () => store.getState().hitWindow?.rows.ids.length ?? 0;
  read += await rereadRows(client, store, filter, loaded, inWindow, options);
  return read;
}
