import { useState, type DragEvent } from 'react';
import type { HeaderGroup } from '@tanstack/react-table';
import { dropColumn } from '../../lib/column-prefs';
import type { DisplayRow } from '../../lib/table-view';
import { ColumnMenu } from './column-menu';
import { ariaSortOf, SortButton } from './sort-button';
import type { HitsTableFeatures, HitsTableModel } from './table-types';

const DRAG_TYPE = 'application/x-hitscope-column';

/** Column headers: click to sort, drag to reorder, drag the right edge to resize, menu to hide. */
export function HitsTableHeader({
  table,
  headerGroups,
}: {
  table: HitsTableModel;
  headerGroups: HeaderGroup<HitsTableFeatures, DisplayRow>[];
}) {
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const onDrop = (event: DragEvent, targetId: string) => {
    const id = event.dataTransfer.getData(DRAG_TYPE);
    setDropTarget(null);
    if (!id) return;
    event.preventDefault();
    const order = table.getAllLeafColumns().map((column) => column.id);
    table.setColumnOrder(dropColumn(order, id, targetId));
  };
  const keyCount = table.atoms.sorting.get().length;
  return (
    // Keys pressed on a header's buttons are theirs: the grid's own keys (Enter opens the
    // inspector, arrows move the selection) would otherwise take Enter from the sort button.
    <div role="rowgroup" className="hits-head" onKeyDown={(event) => event.stopPropagation()}>
      {headerGroups.map((group) => (
        <div role="row" aria-rowindex={1} className="head-row" key={group.id}>
          {group.headers.map((header, index) => (
            <div
              key={header.id}
              role="columnheader"
              aria-colindex={index + 1}
              aria-sort={ariaSortOf(header)}
              className={`head-cell col-${header.column.id}${dropTarget === header.column.id ? ' drop-target' : ''}`}
              style={{ width: `var(--col-${header.column.id})` }}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, header.column.id);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={(event) => {
                if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                event.preventDefault();
                setDropTarget(header.column.id);
              }}
              onDragLeave={() => setDropTarget(null)}
              onDrop={(event) => onDrop(event, header.column.id)}
            >
              <SortButton header={header} keyCount={keyCount} />
              {header.column.getCanResize() ? (
                <span
                  className={`resize-handle${header.column.getIsResizing() ? ' resizing' : ''}`}
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`Resize ${header.column.id} column`}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  onDoubleClick={() => header.column.resetSize()}
                  onClick={(event) => event.stopPropagation()}
                  draggable={false}
                  onDragStart={(event) => event.preventDefault()}
                />
              ) : null}
            </div>
          ))}
          <ColumnMenu table={table} />
        </div>
      ))}
    </div>
  );
}
