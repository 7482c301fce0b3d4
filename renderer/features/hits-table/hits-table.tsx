import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTable } from '@tanstack/react-table';
import { loadColumnPrefs, saveColumnPrefs } from '../../lib/column-prefs';
import type { CompiledQuery } from '../../lib/query/compile-query';
import type { DisplayRow } from '../../lib/table-view';
import { HighlightContext } from '../common/highlight';
import { COLUMN_IDS, hitColumns, tableFeatureSet } from './hit-columns';
import { HitsGrid } from './hits-grid';

const getRowId = (row: DisplayRow) => row.id;
/** The table models columns only; rows are built per visible row by the grid. */
const NO_ROWS: DisplayRow[] = [];

/**
 * Owner of the table model (columns, widths, order, visibility — remembered between
 * sessions). Rows are virtualized in `HitsGrid`, the lowest component, which builds the
 * table rows of the visible window only: a core row model over 100,000 display rows would
 * be rebuilt on every streamed batch and every filter change.
 */
export function HitsTable({ rows, query }: { rows: DisplayRow[]; query: CompiledQuery }) {
  const [initialPrefs] = useState(() => loadColumnPrefs(COLUMN_IDS));
  const table = useTable(
    {
      features: tableFeatureSet,
      columns: hitColumns,
      data: NO_ROWS,
      getRowId,
      initialState: initialPrefs,
      columnResizeMode: 'onChange',
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
}
