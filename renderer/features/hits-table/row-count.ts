// The toolbar's count of the rows: "340 hits", "12 of 340 hits", or over a capture larger
// than the page (a window onto the server) the hits matching there and how many are loaded.
import { formatCount, plural } from '../../lib/format';
import type { TableRows } from './use-table-rows';

export function rowCountText(rows: TableRows, narrowed: boolean): string {
  const { window, filtered, total } = rows;
  if (!window) {
    return filtered.length === total
      ? plural(total, 'hit')
      : `${formatCount(filtered.length)} of ${plural(total, 'hit')}`;
  }
  if (window.error) return `Could not search the stored hits: ${window.error}`;
  if (!rows.windowSettled || window.total === null) return 'Searching the stored hits…';
  const count = narrowed
    ? `${formatCount(window.total)} ${window.total === 1 ? 'hit matches' : 'hits match'}`
    : plural(window.total, 'hit');
  if (filtered.length >= window.total) return count;
  const loaded = `${formatCount(filtered.length)} loaded`;
  // The page holds no more: scrolling further would drop rows the user saw.
  return window.full ? `${count} · ${loaded}, the most the page holds` : `${count} · ${loaded}`;
}
