import { memo, type MouseEvent } from 'react';
import { FlexRender, type Row } from '@tanstack/react-table';
import type { DisplayRow } from '../../lib/table-view';
import { useAppStoreApi } from '../../store/store-context';
import type { HitsTableFeatures } from './table-types';

type HitDisplayRow = Extract<DisplayRow, { kind: 'hit' }>;

export function visibleHitIds(rows: readonly DisplayRow[]): string[] {
  const ids: string[] = [];
  for (const row of rows) if (row.kind === 'hit') ids.push(row.id);
  return ids;
}

/** One hit: click selects, Ctrl/⌘-click toggles, Shift-click selects a range. */
export const HitGridRow = memo(function HitGridRow({
  row,
  hitRow,
  rowIndex,
  // Only read by memo: a new value renders the row again.
  columnsKey: _columnsKey,
  selected,
  focused,
  getRows,
  top,
}: {
  row: Row<HitsTableFeatures, DisplayRow>;
  hitRow: HitDisplayRow;
  /** The ids of the visible columns: when they change, the row renders its cells again. */
  columnsKey: string;
  rowIndex: number;
  selected: boolean;
  focused: boolean;
  /** The current display rows, read on click only (keeps the row memoizable). */
  getRows: () => readonly DisplayRow[];
  /** Offset of the row in the grid body, in px. */
  top: number;
}) {
  const store = useAppStoreApi();
  const hit = hitRow.hit;
  const onClick = (event: MouseEvent) => {
    const state = store.getState();
    if (event.shiftKey) state.selectRange(hit.id, visibleHitIds(getRows()));
    else if (event.ctrlKey || event.metaKey) state.toggleSelected(hit.id);
    else state.select(hit.id);
  };
  const classes = ['hit-row', `outcome-${hit.outcome}`];
  if (hitRow.depth > 0) classes.push('in-group');
  if (selected) classes.push('selected');
  if (focused) classes.push('focused');
  return (
    <div
      role="row"
      id={`hit-row-${hit.id}`}
      className={classes.join(' ')}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-hit-id={hit.id}
      data-outcome={hit.outcome}
      data-type={hit.type}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onClick}
    >
      {row.getVisibleCells().map((cell, index) => (
        <div
          key={cell.id}
          role="gridcell"
          aria-colindex={index + 1}
          className={`cell col-${cell.column.id}`}
          style={{ width: `var(--col-${cell.column.id})` }}
        >
          <FlexRender cell={cell} />
        </div>
      ))}
    </div>
  );
});
