// Normalized, append-friendly storage of the table rows: `byId` plus `ids` in arrival
// order (oldest first). A new collection object is made on every change so zustand
// subscribers see a new reference, but the Map is shared between successive versions
// and only grows: copying a 100,000-entry Map per streamed batch would cost more than
// the whole render. Old versions stay correct because they only look up their own ids.
import type { HitRow } from '../lib/hit-row';

export interface HitCollection {
  readonly byId: Map<string, HitRow>;
  /** Oldest first. */
  readonly ids: readonly string[];
  /** Increases on every change; cheap cache key for derived views. */
  readonly version: number;
}

export function emptyCollection(): HitCollection {
  return { byId: new Map(), ids: [], version: 0 };
}

/** Arrival order: receive time, then the carrying request, then the position in a bulk. */
export function arrivalOrder(a: HitRow, b: HitRow): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.requestId !== b.requestId) return a.requestId < b.requestId ? -1 : 1;
  return a.index - b.index;
}

/**
 * Adds rows (any order, duplicates ignored). Rows newer than the newest known are
 * appended and pages of older history prepended in O(n) without sorting; anything else
 * (resync after a reconnect) is merged in order. Beyond `maxRows` the oldest rows are dropped (they stay on disk).
 */
export function addRows(
  collection: HitCollection,
  rows: readonly HitRow[],
  maxRows: number,
): HitCollection {
  const fresh = rows.filter((row) => !collection.byId.has(row.id));
  if (fresh.length === 0) return collection;
  const unique = new Map(fresh.map((row) => [row.id, row]));
  const incoming = [...unique.values()].sort(arrivalOrder);
  const byId = collection.byId;
  const lastId = collection.ids[collection.ids.length - 1];
  const last = lastId === undefined ? undefined : byId.get(lastId);
  const first = incoming[0] as HitRow;
  const newest = incoming[incoming.length - 1] as HitRow;
  const oldestId = collection.ids[0];
  const oldest = oldestId === undefined ? undefined : byId.get(oldestId);
  let ids: string[];
  if (!last || arrivalOrder(last, first) <= 0) {
    ids = collection.ids.concat(incoming.map((row) => row.id));
  } else if (oldest && arrivalOrder(newest, oldest) <= 0) {
    // A page of older history: goes in front, no sort needed.
    ids = incoming.map((row) => row.id).concat(collection.ids);
  } else {
    const merged = collection.ids.map((id) => byId.get(id) as HitRow).concat(incoming);
    merged.sort(arrivalOrder);
    ids = merged.map((row) => row.id);
  }
  for (const row of incoming) byId.set(row.id, row);
  if (ids.length > maxRows) {
    const dropped = ids.slice(0, ids.length - maxRows);
    ids = ids.slice(ids.length - maxRows);
    for (const id of dropped) byId.delete(id);
  }
  return { byId, ids, version: collection.version + 1 };
}

/**
 * The collection with `rows` in place of the rows of the same id it holds (the hit read again:
 * its visit may have changed); rows it does not hold are ignored, the order is kept.
 */
export function replaceRows(collection: HitCollection, rows: readonly HitRow[]): HitCollection {
  let changed = false;
  for (const row of rows) {
    if (!collection.byId.has(row.id)) continue;
    collection.byId.set(row.id, row);
    changed = true;
  }
  return changed ? { ...collection, version: collection.version + 1 } : collection;
}

export function rowsOf(collection: HitCollection): HitRow[] {
  return collection.ids.map((id) => collection.byId.get(id) as HitRow);
}
