import { memo, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTable } from '@tanstack/react-table';
import { loadColumnPrefs, saveColumnPrefs } from '../../lib/column-prefs';
import type { CompiledQuery } from '../../lib/query/compile-query';
import type { DisplayRow } from '../../lib/table-view';
import { useAppStore } from '../../store/store-context';
import { HighlightContext } from '../common/highlight';
import {
  COLUMN_IDS,
  HIDDEN_BY_DEFAULT,
  hitColumns,
  paramColumn,
  helperColumns,
  tableFeatureSet,
} from './hit-columns';
import { paramColumnId } from '../../lib/param-columns';
import { MAX_SORT_KEYS } from '../../lib/sort-keys';
import { HitsGrid } from './hits-grid';

const getRowId = (row: DisplayRow) => row.id;
/** The table models columns only; rows are built per visible row by the grid. */
const NO_ROWS: DisplayRow[] = [];

/**
 * Owner of the table model (columns, widths, order, visibility — remembered between
 * sessions — and the column sort, whose state the store owns). Rows are virtualized in `HitsGrid`, the lowest component, which builds the
 * table rows of the visible window only: a core row model over 100,000 display rows would
 * be rebuilt on every streamed batch and every filter change. Memoized: its props are
 * memoized rows and query, so a split-handle drag in the hits view passes it by.
 */
export const HitsTable = memo(function HitsTable({
  rows,
  query,
}: {
  rows: DisplayRow[];
  query: CompiledQuery;
}) {
  const paramColumns = useAppStore((s) => s.paramColumns);
  const columns = useMemo(
    () => helperColumns([...hitColumns, ...paramColumns.map(paramColumn)]),
    [paramColumns],
  );
  const [initialPrefs] = useState(() =>
    loadColumnPrefs([...COLUMN_IDS, ...paramColumns.map(paramColumnId)], null, HIDDEN_BY_DEFAULT),
  );
  const sorting = useAppStore((s) => s.sorting);
  const setSorting = useAppStore((s) => s.setSorting);
  const table = useTable(
    {
      features: tableFeatureSet,
      columns,
      data: NO_ROWS,
      getRowId,
      initialState: initialPrefs,
      columnResizeMode: 'onChange',
      state: { sorting },
      onSortingChange: setSorting,
      // The rows are sorted outside the table model (see use-table-rows.ts).
      manualSorting: true,
      // First click ascending, second descending, third back to arrival order. Without
      // this TanStack guesses the first direction from row values, and this model has none.
      sortDescFirst: false,
      maxMultiSortColCount: MAX_SORT_KEYS,
    },
    (state) => ({
      columnOrder: state.columnOrder,
      columnVisibility: state.columnVisibility,
      columnSizing: state.columnSizing,
      resizing: state.columnResizing.isResizingColumn,
    }),
  );
  const { columnOrder, columnVisibility, columnSizing, resizing } = table.state;
  useEffect(() => {
    // Save once a drag ends, not on every pixel of it.
    if (resizing) return;
    saveColumnPrefs({ columnOrder, columnVisibility, columnSizing });
  }, [columnOrder, columnVisibility, columnSizing, resizing]);

  const leafColumns = table.getVisibleLeafColumns();
  const style = useMemo(() => {
    const vars: Record<string, string> = {};
    let total = 0;
    for (const column of leafColumns) {
      const size = column.getSize();
      vars[`--col-${column.id}`] = `${size}px`;
      total += size;
    }
    vars['--table-width'] = `${total}px`;
    return vars as CSSProperties;
    // Sizes and visibility come from the selected state above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leafColumns, columnSizing, columnVisibility, columnOrder]);

  return (
    <HighlightContext.Provider value={query.highlight}>
      <HitsGrid table={table} rows={rows} style={style} />
    </HighlightContext.Provider>
  );
});
