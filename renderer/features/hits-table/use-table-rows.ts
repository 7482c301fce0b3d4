// The rows the table shows, derived from the store: quick filters and the (deferred)
// query compiled once, an incremental filter while hits stream in, then either bulk
// grouping in arrival order or, under a column sort, the hits flat in sort order.
import { useDeferredValue, useMemo, useState } from 'react';
import { compileQuery, type CompiledQuery } from '../../lib/query/compile-query';
import {
  buildDisplayRows,
  combinePredicates,
  FilterCache,
  flatDisplayRows,
  quickFilterPredicate,
  showsFailedRows,
  type DisplayRow,
} from '../../lib/table-view';
import type { FailedRow } from '../../lib/failed-row';
import type { HitRow } from '../../lib/hit-row';
import { useAppStore } from '../../store/store-context';
import { windowKey } from '../../api/hit-window';
import type { HitWindow } from '../../store/window-slice';
import { hitComparator, isTimeOrder } from './hit-sort';
import { SortedView } from './sorted-view';

const NO_FAILED: FailedRow[] = [];

export interface TableRows {
  display: DisplayRow[];
  filtered: HitRow[];
  total: number;
  /** Failed requests shown between the hits (see showsFailedRows). */
  failedShown: number;
  /** Failed requests the filters would show but the column sort hides. */
  failedHidden: number;
  /** Failed requests the table holds. */
  failedTotal: number;
  query: CompiledQuery;
  /**
   * The window onto the server when the capture is larger than the page (then `total` is
   * the number of hits matching on the server and `filtered` the ones loaded), else null.
   */
  window: HitWindow | null;
  /** The window's rows match the current filter (false while a new search runs). */
  windowSettled: boolean;
}

export function useTableRows(): TableRows {
  const hits = useAppStore((s) => s.hits);
  const liveQuery = useAppStore((s) => s.query);
  const quick = useAppStore((s) => s.quick);
  const newestFirst = useAppStore((s) => s.newestFirst);
  const collapsedGroups = useAppStore((s) => s.collapsedGroups);
  const failed = useAppStore((s) => s.failed);
  const sorting = useAppStore((s) => s.sorting);
  const hitWindow = useAppStore((s) => s.hitWindow);
  const queryText = useDeferredValue(liveQuery);
  const query = useMemo(() => compileQuery(queryText), [queryText]);
  // One cache per mounted table: it lets streamed hits be filtered incrementally.
  const [filterCache] = useState(() => new FilterCache());
  // Likewise for the sort: streamed hits are put in place instead of sorting everything again.
  const [sortedView] = useState(() => new SortedView());
  // A capture larger than the page: the server found the window's rows. Until it answers a
  // new search, the rows it found for the previous one are narrowed in the page meanwhile.
  const windowSettled =
    hitWindow !== null && hitWindow.key === windowKey({ query: queryText, quick });
  const filtered = useMemo(() => {
    const predicate = windowSettled
      ? null
      : combinePredicates([quickFilterPredicate(quick), query.empty ? null : query.test]);
    const key = `${windowSettled}\n${JSON.stringify(quick)}\n${queryText}`;
    return filterCache.filter(hitWindow ? hitWindow.rows : hits, key, predicate);
  }, [hits, hitWindow, windowSettled, quick, query, queryText, filterCache]);

  // Unsorted, or sorted by time alone: the arrival order, one way or the other, with groups.
  const arrival = sorting.length === 0 || isTimeOrder(sorting);
  const arrivalNewestFirst = sorting.length === 0 ? newestFirst : Boolean(sorting[0]?.desc);
  const comparator = useMemo(
    () => (arrival ? null : hitComparator(sorting, newestFirst)),
    [arrival, sorting, newestFirst],
  );
  const failedFiltered = showsFailedRows(quick, query.empty) ? failed : NO_FAILED;
  // Failed requests have no type, site, outcome or text to sort on: in a table sorted by one
  // of those there is no place that would be theirs, and a block of them at either end would
  // read as if they had sorted there. They are hidden while such a sort is on (the sort
  // status says how many) and come back, at the time they arrived, when it is cleared.
  const failedShown = arrival ? failedFiltered : NO_FAILED;
  const display = useMemo(
    () =>
      comparator
        ? flatDisplayRows(sortedView.sort(filtered, comparator))
        : buildDisplayRows(filtered, {
            newestFirst: arrivalNewestFirst,
            collapsedGroups,
            failed: failedShown,
          }),
    [comparator, sortedView, filtered, arrivalNewestFirst, collapsedGroups, failedShown],
  );
  return {
    display,
    filtered,
    total: hitWindow ? (hitWindow.total ?? filtered.length) : hits.ids.length,
    failedShown: failedShown.length,
    failedHidden: failedFiltered.length - failedShown.length,
    failedTotal: failed.length,
    query,
    window: hitWindow,
    windowSettled,
  };
}
