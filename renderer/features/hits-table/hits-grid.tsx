import { useCallback, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { failedRowId } from '../../lib/failed-row';
import type { DisplayRow } from '../../lib/table-view';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { focusInspector } from '../hit-inspector/inspector-focus';
import { FailedGridRow, failedRowElementId } from './failed-grid-row';
import { GroupRow } from './group-row';
import { HitGridRow } from './hit-grid-row';
import { newestEdge } from './hit-sort';
import { HitsTableHeader } from './hits-table-header';
import { ROW_HEIGHT, type HitsTableModel } from './table-types';
import { useGridKeys } from './use-grid-keys';
import { useVisibleRows } from './use-visible-rows';
import { useWindowPaging } from './use-window-paging';

const HEADER_HEIGHT = 30;

const estimateSize = () => ROW_HEIGHT;

export function HitsGrid({
  table,
  rows,
  style,
}: {
  table: HitsTableModel;
  rows: DisplayRow[];
  style: CSSProperties;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const store = useAppStoreApi();
  const follow = useAppStore((s) => s.follow);
  // Where the newest hit shows; null under a sort by anything but time, where "Follow
  // newest" is suspended (the store keeps the choice for when the sort is cleared).
  const edge = useAppStore((s) => newestEdge(s.sorting, s.newestFirst));
  const sorting = useAppStore((s) => s.sorting);
  const following = follow && edge !== null;
  const selectedId = useAppStore((s) => s.selectedId);
  const selectedIds = useAppStore((s) => s.selectedIds);
  const selectedFailedId = useAppStore((s) => s.selectedFailedId);
  const windowed = useAppStore((s) => s.hitWindow !== null);
  const selectedSet = useMemo(() => new Set(selectedIds), [selectedIds]);
  const rowFor = useVisibleRows(table);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const getRows = useCallback(() => rowsRef.current, []);

  // Stable callbacks: the virtualizer recomputes every row's position when getItemKey
  // changes identity, which with 100,000 rows would cost more than the render itself.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Keeps the rows the user is looking at in place when rows are inserted above them: newer
  // rows on top, or streamed hits going to their place in a sorted table.
  const anchor = useRef<{ row: DisplayRow; offset: number } | null>(null);
  const sortedBy = useRef(sorting);
  const rememberAnchor = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const index = Math.floor(element.scrollTop / ROW_HEIGHT);
    const row = rows[index];
    anchor.current = row ? { row, offset: index * ROW_HEIGHT - element.scrollTop } : null;
  }, [rows]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || rows.length === 0) return;
    const resorted = sortedBy.current !== sorting;
    sortedBy.current = sorting;
    if (following) {
      element.scrollTop = edge === 'top' ? 0 : rows.length * ROW_HEIGHT;
    } else if (resorted) {
      // A new order: start reading it from the top, or where the selected hit now is.
      const { selectedId: id } = store.getState();
      const index = id ? rows.findIndex((row) => row.id === id) : -1;
      element.scrollTop =
        index < 0 ? 0 : Math.max(0, index * ROW_HEIGHT - element.clientHeight / 2);
    } else if (
      anchor.current &&
      // Older pages of a window onto the server go above the rows when the newest are below.
      (edge === null ||
        (edge === 'top' && element.scrollTop > 0) ||
        (edge === 'bottom' && windowed))
    ) {
      const { row, offset } = anchor.current;
      // Hit rows keep their object between rebuilds: a search by reference reads no row;
      // group rows are rebuilt, so they are looked up by id.
      let index = rows.indexOf(row);
      if (index < 0) index = rows.findIndex((item) => item.id === row.id);
      if (index >= 0) element.scrollTop = index * ROW_HEIGHT - offset;
    }
    rememberAnchor();
  }, [rows, following, edge, sorting, store, rememberAnchor, windowed]);

  // Scrolling away from the newest hit (wheel, scrollbar, keys) stops following; the
  // only scrolls made while following go to that edge.
  const onScroll = () => {
    const element = scrollRef.current;
    if (element && edge !== null && store.getState().follow) {
      const fromEdge =
        edge === 'top'
          ? element.scrollTop
          : element.scrollHeight - element.clientHeight - element.scrollTop;
      if (fromEdge > ROW_HEIGHT) store.getState().setFollow(false);
    }
    rememberAnchor();
  };

  // Enter opens the selection in the inspector, showing the inspector first if it is hidden.
  const openInspector = () => {
    if (store.getState().inspectorOpen) return focusInspector();
    store.getState().setInspectorOpen(true);
    requestAnimationFrame(focusInspector);
  };
  const onKeyDown = useGridKeys({ rows, virtualizer, onEnter: openInspector });

  const headerGroups = table.getHeaderGroups();
  const virtualItems = virtualizer.getVirtualItems();
  useWindowPaging(scrollRef, rows.length, edge === 'bottom');
  // Only rendered rows can be the grid's active descendant.
  const visibleIds = new Set(virtualItems.map((item) => rows[item.index]?.id));
  const activeRowId =
    selectedId && visibleIds.has(selectedId)
      ? `hit-row-${selectedId}`
      : selectedFailedId && visibleIds.has(failedRowId(selectedFailedId))
        ? failedRowElementId(selectedFailedId)
        : undefined;
  const visibleColumns = table.getVisibleLeafColumns();
  const columnCount = visibleColumns.length;
  // Memoized rows render again when the columns they show change (added, hidden, moved).
  const columnsKey = visibleColumns.map((column) => column.id).join(' ');

  return (
    <div
      ref={scrollRef}
      className="hits-grid"
      role="grid"
      aria-label="Captured hits"
      aria-rowcount={rows.length + 1}
      aria-colcount={columnCount}
      aria-multiselectable="true"
      aria-activedescendant={activeRowId}
      tabIndex={0}
      style={style}
      data-testid="hits-grid"
      data-row-count={rows.length}
      onKeyDown={onKeyDown}
      onScroll={onScroll}
    >
      <HitsTableHeader table={table} headerGroups={headerGroups} />
      <div role="rowgroup" className="hits-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((item) => {
          const display = rows[item.index];
          if (!display) return null;
          const top = item.start - HEADER_HEIGHT;
          if (display.kind === 'failed') {
            return (
              <FailedGridRow
                key={display.id}
                failed={display.failed}
                rowIndex={item.index + 2}
                columnCount={columnCount}
                selected={selectedFailedId === display.failed.id}
                top={top}
              />
            );
          }
          if (display.kind === 'group') {
            return (
              <GroupRow
                key={display.id}
                group={display}
                rowIndex={item.index + 2}
                columnCount={columnCount}
                selected={selectedFailedId === display.requestId}
                top={top}
              />
            );
          }
          return (
            <HitGridRow
              key={display.id}
              row={rowFor(display, item.index)}
              hitRow={display}
              columnsKey={columnsKey}
              rowIndex={item.index + 2}
              selected={selectedSet.has(display.id)}
              focused={selectedId === display.id}
              getRows={getRows}
              top={top}
            />
          );
        })}
      </div>
    </div>
  );
}
