// Keyboard of the hits grid: ↑/↓ (with Shift to extend), Page Up/Down, Home/End move the
// selection over hits and failed requests; ←/→ collapse or expand the current bulk group;
// Enter opens the inspector; Esc clears the selection; Ctrl/⌘+A selects every shown hit.
import type { KeyboardEvent } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import { failedRowId } from '../../lib/failed-row';
import type { DisplayRow } from '../../lib/table-view';
import { useAppStoreApi } from '../../store/store-context';
import { visibleHitIds } from './hit-grid-row';
import { ROW_HEIGHT } from './table-types';

/** Rows the selection lands on: hits and failed requests (group rows only toggle). */
function selectable(row: DisplayRow | undefined): boolean {
  return row !== undefined && row.kind !== 'group';
}

export function nextHitIndex(rows: readonly DisplayRow[], from: number, step: number): number {
  if (rows.length === 0) return -1;
  let index = Math.min(rows.length - 1, Math.max(0, from + step));
  const direction = step >= 0 ? 1 : -1;
  while (index >= 0 && index < rows.length && !selectable(rows[index])) index += direction;
  if (index < 0 || index >= rows.length) {
    // Past a group row at the edge: take the nearest hit the other way.
    index = Math.min(rows.length - 1, Math.max(0, from + step));
    while (index >= 0 && index < rows.length && !selectable(rows[index])) index -= direction;
  }
  return index >= 0 && index < rows.length ? index : -1;
}

export function useGridKeys({
  rows,
  virtualizer,
  onEnter,
}: {
  rows: readonly DisplayRow[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  onEnter: () => void;
}) {
  const store = useAppStoreApi();
  return (event: KeyboardEvent<HTMLDivElement>) => {
    const state = store.getState();
    const selectedRowId =
      state.selectedId ?? (state.selectedFailedId ? failedRowId(state.selectedFailedId) : null);
    const current = selectedRowId ? rows.findIndex((row) => row.id === selectedRowId) : -1;
    const page = Math.max(1, Math.floor(event.currentTarget.clientHeight / ROW_HEIGHT) - 2);
    let step: number;
    switch (event.key) {
      case 'ArrowDown':
        step = 1;
        break;
      case 'ArrowUp':
        step = -1;
        break;
      case 'PageDown':
        step = page;
        break;
      case 'PageUp':
        step = -page;
        break;
      case 'Home':
        step = -rows.length;
        break;
      case 'End':
        step = rows.length;
        break;
      case 'Enter':
        if (state.selectedId || state.selectedFailedId) {
          event.preventDefault();
          onEnter();
        }
        return;
      case 'Escape':
        if (state.selectedIds.length || state.selectedFailedId) {
          event.preventDefault();
          state.select(null);
        }
        return;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const row = current >= 0 ? rows[current] : undefined;
        if (row?.kind === 'hit' && row.hit.transport === 'bulk') {
          event.preventDefault();
          state.setGroupExpanded(row.hit.requestId, event.key === 'ArrowRight');
        }
        return;
      }
      case 'a':
        if (event.ctrlKey || event.metaKey) {
          event.preventDefault();
          state.setSelectedIds(visibleHitIds(rows));
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    if (state.follow) state.setFollow(false);
    const start = current < 0 ? (step > 0 ? -1 : rows.length) : current;
    const index = nextHitIndex(rows, start, step);
    const target = index >= 0 ? rows[index] : undefined;
    if (!target) return;
    if (target.kind === 'failed') state.selectFailed(target.failed.id);
    else if (event.shiftKey) state.selectRange(target.id, visibleHitIds(rows));
    else state.select(target.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
}
