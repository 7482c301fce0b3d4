// The sort keys of the hits table as data: which columns sort, how many keys at once, and
// how a stored or received list of keys is cleaned. The store keeps the sort (and remembers it
// across sessions), so this lives below the table feature; the comparisons are in
// features/hits-table/hit-sort.ts.
import type { SortingState } from '@tanstack/react-table';
import { COLUMN_LABELS } from './column-labels';
import { paramOfColumn } from './param-columns';

/** Sort keys beyond the first come from Shift+click; three are plenty to read a table by. */
export const MAX_SORT_KEYS = 3;

/**
 * Every column of the table sorts (hit-sort.ts has one comparison per built-in column id,
 * and one for parameter columns).
 */
export function isSortableColumn(id: string): boolean {
  return Object.hasOwn(COLUMN_LABELS, id) || paramOfColumn(id) !== null;
}

/** Sort keys as stored or received: known columns only, each once, at most MAX_SORT_KEYS. */
export function normalizeSorting(value: unknown): SortingState {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const sorting: SortingState = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, desc } = item as { id?: unknown; desc?: unknown };
    if (typeof id !== 'string' || !isSortableColumn(id) || seen.has(id)) continue;
    if (typeof desc !== 'boolean') continue;
    seen.add(id);
    sorting.push({ id, desc });
  }
  return sorting.slice(0, MAX_SORT_KEYS);
}
