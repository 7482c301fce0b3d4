import { useState } from 'react';
import { useDismiss } from '../common/use-dismiss';
import { moveColumn } from '../../lib/column-prefs';
import { columnLabel } from '../../lib/column-labels';
import { paramOfColumn } from '../../lib/param-columns';
import { useAppStore } from '../../store/store-context';
import { AddParamColumn } from './add-param-column';
import { COLUMN_IDS, HIDDEN_BY_DEFAULT } from './hit-columns';
import type { HitsTableModel } from './table-types';

/** Show/hide and move columns; "Reset" restores the default layout. */
export function ColumnMenu({ table }: { table: HitsTableModel }) {
  const [open, setOpen] = useState(false);
  const ref = useDismiss(open, () => setOpen(false));
  const columns = table.getAllLeafColumns();
  const order = columns.map((column) => column.id);
  const visibleCount = columns.filter((column) => column.getIsVisible()).length;
  const removeParamColumn = useAppStore((s) => s.removeParamColumn);
  return (
    // A header cell of its own: a grid's header row may only hold header cells.
    <div className="column-menu" role="columnheader" ref={ref}>
      <button
        type="button"
        className="button small ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="Columns"
        title="Columns"
        onClick={() => setOpen(!open)}
      >
        ⋮
      </button>
      {open ? (
        <div className="popover column-popover" role="menu" aria-label="Columns">
          {columns.map((column, index) => (
            <div key={column.id} className="column-option">
              <label>
                <input
                  type="checkbox"
                  role="menuitemcheckbox"
                  aria-checked={column.getIsVisible()}
                  checked={column.getIsVisible()}
                  disabled={column.getIsVisible() && visibleCount === 1}
                  onChange={(event) => column.toggleVisibility(event.target.checked)}
                />
                {columnLabel(column.id)}
              </label>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Move ${columnLabel(column.id)} left`}
                disabled={index === 0}
                onClick={() => table.setColumnOrder(moveColumn(order, column.id, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="button small ghost"
                aria-label={`Move ${columnLabel(column.id)} right`}
                disabled={index === columns.length - 1}
                onClick={() => table.setColumnOrder(moveColumn(order, column.id, 1))}
              >
                ↓
              </button>
              {paramOfColumn(column.id) !== null ? (
                <button
                  type="button"
                  className="button small ghost"
                  aria-label={`Remove the ${columnLabel(column.id)} column`}
                  onClick={() => removeParamColumn(paramOfColumn(column.id)!)}
                >
                  ✕
                </button>
              ) : null}
            </div>
          ))}
          <AddParamColumn />
          <button
            type="button"
            className="button small"
            onClick={() => {
              table.setColumnOrder(COLUMN_IDS);
              table.setColumnVisibility(HIDDEN_BY_DEFAULT);
              table.setColumnSizing({});
            }}
          >
            Reset columns
          </button>
        </div>
      ) : null}
    </div>
  );
}
