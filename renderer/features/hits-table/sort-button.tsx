import { FlexRender, type Header } from '@tanstack/react-table';
import type { DisplayRow } from '../../lib/table-view';
import { columnLabel } from '../../lib/column-labels';
import type { HitsTableFeatures } from './table-types';

type HitsHeader = Header<HitsTableFeatures, DisplayRow, unknown>;

/** `aria-sort` of a header: only the primary sort key carries a direction, as ARIA asks. */
export function ariaSortOf(header: HitsHeader): 'ascending' | 'descending' | 'none' | undefined {
  const column = header.column;
  if (!column.getCanSort()) return undefined;
  if (column.getSortIndex() !== 0) return 'none';
  return column.getIsSorted() === 'desc' ? 'descending' : 'ascending';
}

function nextAction(header: HitsHeader): string {
  const label = columnLabel(header.column.id);
  switch (header.column.getNextSortingOrder()) {
    case 'asc':
      return `Sort by ${label}, ascending`;
    case 'desc':
      return `Sort by ${label}, descending`;
    default:
      return `Back to arrival order`;
  }
}

/**
 * The label of a column header as a button: click (or Enter/Space) sorts ascending, then
 * descending, then back to arrival order; Shift+click adds the column as a further key.
 * The arrow shows the direction, with the key's rank when several keys sort.
 */
export function SortButton({ header, keyCount }: { header: HitsHeader; keyCount: number }) {
  const column = header.column;
  if (!column.getCanSort()) {
    return (
      <span className="head-label">
        <FlexRender header={header} />
      </span>
    );
  }
  const direction = column.getIsSorted();
  const rank = column.getSortIndex() + 1;
  return (
    <button
      type="button"
      className={`head-label sort-button${direction ? ' sorted' : ''}`}
      title={`${nextAction(header)} (Shift+click: sort by it too)`}
      onClick={column.getToggleSortingHandler()}
      data-sort={direction || undefined}
    >
      <span className="sort-label">
        <FlexRender header={header} />
      </span>
      {direction ? (
        <span className="sort-arrow" aria-hidden="true">
          {direction === 'asc' ? '▲' : '▼'}
          {keyCount > 1 ? <sub>{rank}</sub> : null}
        </span>
      ) : null}
    </button>
  );
}
