// After new visit rules formed the visits again (the stream's `visits` event), the hits the
// page holds are read again, newest first, page by page: their visit ids, reasons and
// cross-hit findings may have changed, and the rows are replaced in place.
import { toHitRow } from '../lib/hit-row';
import type { AppStore } from '../store/app-store';
import type { ApiClient } from './client';
import { PAGE_SIZE } from './hit-loader';

export async function refreshVisitsOfRows(
  client: ApiClient,
  store: AppStore,
  options: { pageSize?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const held = () => {
    const state = store.getState();
    return state.hits.ids.length + state.pending.length + (state.hitWindow?.rows.ids.length ?? 0);
  };
  let read = 0;
  let before: string | null = null;
  // Every hit the page holds is among the newest `held` stored hits, except the window's
  // older matches: those are read only as far as the page's own rows go.
  while (read < held() && !options.shouldStop?.()) {
    const page = await client.hitSummaries({}, { limit: pageSize, before });
    const { hits, pending, hitWindow } = store.getState();
    const waiting = new Set(pending.map((row) => row.id));
    const shown = (id: string) =>
      hits.byId.has(id) || hitWindow?.rows.byId.has(id) === true || waiting.has(id);
    store.getState().refreshRows(page.hits.filter((hit) => shown(hit.id)).map(toHitRow));
    read += page.hits.length;
    if (!page.next || page.hits.length === 0) break;
    before = page.next;
  }
  return read;
}
