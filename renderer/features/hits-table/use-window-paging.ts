// Scrolling onto the oldest loaded rows of a window onto the server asks for the next older
// page (store/window-slice.ts); the oldest rows are at the bottom unless the newest are.
import { useEffect } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

/** Rows from the oldest loaded one at which the next page is asked for. */
const MARGIN_ROWS = 20;

export function useWindowPaging(
  count: number,
  firstShown: number | undefined,
  lastShown: number | undefined,
  oldestAtTop: boolean,
): void {
  const store = useAppStoreApi();
  const windowed = useAppStore((s) => s.hitWindow !== null);
  useEffect(() => {
    if (!windowed || firstShown === undefined || lastShown === undefined) return;
    const nearOldest = oldestAtTop
      ? firstShown <= MARGIN_ROWS
      : lastShown >= count - 1 - MARGIN_ROWS;
    if (nearOldest) store.getState().wantOlderHits();
  }, [windowed, count, firstShown, lastShown, oldestAtTop, store]);
}
