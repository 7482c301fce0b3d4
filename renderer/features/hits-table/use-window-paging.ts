// Scrolling onto the oldest loaded rows of a window onto the server asks for the next older
// page (store/window-slice.ts); the oldest rows are at the bottom unless the newest are.
import { useEffect, type RefObject } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { ROW_HEIGHT } from './table-types';

/** Rows before the oldest loaded one at which the next page is asked for. */
const MARGIN_ROWS = 10;

export function useWindowPaging(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  oldestAtTop: boolean,
): void {
  const store = useAppStoreApi();
  const windowed = useAppStore((s) => s.hitWindow !== null);
  // After every render: the grid renders again whenever its visible rows change.
  useEffect(() => {
    const element = scrollRef.current;
    if (!windowed || !element || count === 0) return;
    // The rows in view, not those rendered ahead of the scroll (the virtualizer's overscan).
    const first = Math.floor(element.scrollTop / ROW_HEIGHT);
    const last = Math.floor((element.scrollTop + element.clientHeight) / ROW_HEIGHT);
    const nearOldest = oldestAtTop ? first <= MARGIN_ROWS : last >= count - 1 - MARGIN_ROWS;
    if (nearOldest) store.getState().wantOlderHits();
  });
}
