// The rows the table shows, derived from the store: quick filters and the (deferred)
// query compiled once, an incremental filter while hits stream in, then bulk grouping.
import { useDeferredValue, useMemo, useState } from 'react';
import { compileQuery, type CompiledQuery } from '../../lib/query/compile-query';
import {
  buildDisplayRows,
  combinePredicates,
  FilterCache,
  quickFilterPredicate,
  showsFailedRows,
  type DisplayRow,
} from '../../lib/table-view';
import type { FailedRow } from '../../lib/failed-row';
import type { HitRow } from '../../lib/hit-row';
import { useAppStore } from '../../store/store-context';

const NO_FAILED: FailedRow[] = [];

export interface TableRows {
  display: DisplayRow[];
  filtered: HitRow[];
  total: number;
  /** Failed requests shown between the hits (see showsFailedRows). */
  failedShown: number;
  /** Failed requests the table holds. */
  failedTotal: number;
  query: CompiledQuery;
}

export function useTableRows(): TableRows {
  const hits = useAppStore((s) => s.hits);
  const liveQuery = useAppStore((s) => s.query);
  const quick = useAppStore((s) => s.quick);
  const newestFirst = useAppStore((s) => s.newestFirst);
  const collapsedGroups = useAppStore((s) => s.collapsedGroups);
  const failed = useAppStore((s) => s.failed);
  const queryText = useDeferredValue(liveQuery);
  const query = useMemo(() => compileQuery(queryText), [queryText]);
  // One cache per mounted table: it lets streamed hits be filtered incrementally.
  const [filterCache] = useState(() => new FilterCache());
  const filtered = useMemo(() => {
    const predicate = combinePredicates([
      quickFilterPredicate(quick),
      query.empty ? null : query.test,
    ]);
    const key = `${JSON.stringify(quick)}\n${queryText}`;
    return filterCache.filter(hits, key, predicate);
  }, [hits, quick, query, queryText, filterCache]);
  const failedShown = showsFailedRows(quick, query.empty) ? failed : NO_FAILED;
  const display = useMemo(
    () => buildDisplayRows(filtered, { newestFirst, collapsedGroups, failed: failedShown }),
    [filtered, newestFirst, collapsedGroups, failedShown],
  );
  return {
    display,
    filtered,
    total: hits.ids.length,
    failedShown: failedShown.length,
    failedTotal: failed.length,
    query,
  };
}
