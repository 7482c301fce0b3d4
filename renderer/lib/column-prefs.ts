// The table's column layout (order, visibility, widths), remembered in localStorage.
// Stored values are checked on load: a stale or hand-edited entry never breaks the table.
import { storedPref } from './stored-pref';

export interface ColumnPrefs {
  columnOrder: string[];
  columnVisibility: Record<string, boolean>;
  columnSizing: Record<string, number>;
}

function isRecordOf<T>(
  value: unknown,
  check: (item: unknown) => item is T,
): value is Record<string, T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(check)
  );
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isSize = (v: unknown): v is number => typeof v === 'number' && v > 10 && v < 4000;

/** `hidden`: columns that start hidden until the user shows them. */
export function defaultColumnPrefs(
  columnIds: readonly string[],
  hidden: Record<string, false> = {},
): ColumnPrefs {
  return { columnOrder: [...columnIds], columnVisibility: { ...hidden }, columnSizing: {} };
}

const columnPrefs = storedPref<Partial<Record<keyof ColumnPrefs, unknown>>>({
  name: 'columns',
  version: 1,
  decode: (value) =>
    typeof value === 'object' && value !== null
      ? (value as Partial<Record<keyof ColumnPrefs, unknown>>)
      : null,
});

export const COLUMN_PREFS_KEY = columnPrefs.key;

/** Reads the saved layout, keeping only known columns and appending new ones. */
export function loadColumnPrefs(
  columnIds: readonly string[],
  storage?: Storage | null,
  hidden: Record<string, false> = {},
): ColumnPrefs {
  const data = columnPrefs.load(storage);
  if (!data) return defaultColumnPrefs(columnIds, hidden);
  const known = new Set(columnIds);
  const order = Array.isArray(data.columnOrder)
    ? data.columnOrder.filter((id): id is string => typeof id === 'string' && known.has(id))
    : [];
  const columnOrder = [...new Set(order), ...columnIds.filter((id) => !order.includes(id))];
  const pick = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([id]) => known.has(id)));
  return {
    columnOrder,
    columnVisibility: {
      ...hidden,
      ...(isRecordOf(data.columnVisibility, isBoolean) ? pick(data.columnVisibility) : {}),
    },
    columnSizing: isRecordOf(data.columnSizing, isSize) ? pick(data.columnSizing) : {},
  };
}

export function saveColumnPrefs(prefs: ColumnPrefs, storage?: Storage | null): void {
  columnPrefs.save(prefs, storage);
}

/** Moves `id` one place left (-1) or right (+1) in the order. */
export function moveColumn(order: readonly string[], id: string, delta: -1 | 1): string[] {
  const from = order.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const next = [...order];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

/** Puts `id` where `targetId` is (drag and drop of headers). */
export function dropColumn(order: readonly string[], id: string, targetId: string): string[] {
  if (id === targetId) return [...order];
  const next = order.filter((item) => item !== id);
  const at = next.indexOf(targetId);
  if (at < 0) return [...order];
  const from = order.indexOf(id);
  const to = order.indexOf(targetId);
  next.splice(from < to ? at + 1 : at, 0, id);
  return next;
}
