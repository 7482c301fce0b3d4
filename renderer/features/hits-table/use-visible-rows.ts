// Table rows for the visible window only. A row is built once per display row object and
// reused (display rows keep their identity between rebuilds), so memoized row components
// skip rows that did not change; cells still come from the table's column model.
import { useState } from 'react';
import { constructRow, type Row } from '@tanstack/react-table';
import type { DisplayRow } from '../../lib/table-view';
import type { HitsTableFeatures, HitsTableModel } from './table-types';

type TableRow = Row<HitsTableFeatures, DisplayRow>;

export function useVisibleRows(
  table: HitsTableModel,
): (row: DisplayRow, index: number) => TableRow {
  const [cache] = useState(() => new WeakMap<DisplayRow, TableRow>());
  return (display, index) => {
    let row = cache.get(display);
    if (!row) {
      row = constructRow(table as never, display.id, display, index, 0) as TableRow;
      cache.set(display, row);
    }
    return row;
  };
}
