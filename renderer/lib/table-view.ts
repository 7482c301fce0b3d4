// Derives what the table shows from the stored rows: the filter (quick filters + query,
// applied incrementally while hits stream in) and the display rows, where the hits of a
// bulk request sit under one group row for the HTTP request that carried them, and the
// requests that failed before analysis sit between the hits at the time they arrived.
import type { HitCollection } from '../store/hit-collection';
import { failedRowId, type FailedRow } from './failed-row';
import { failedOnly, narrowsHits, type QuickFilters } from '../store/filter-slice';
import type { HitRow } from './hit-row';
import type { RowPredicate } from './query/compile-query';

export function quickFilterPredicate(quick: QuickFilters): RowPredicate | null {
  // The failed chip alone asks for failed requests only, which are no hits.
  if (failedOnly(quick)) return () => false;
  const tests: RowPredicate[] = [];
  if (quick.outcomes.length > 0) {
    const outcomes = new Set(quick.outcomes);
    tests.push((row) => outcomes.has(row.outcome));
  }
  if (quick.type) {
    const type = quick.type;
    tests.push((row) => row.type === type);
  }
  if (quick.idsite !== null) {
    const idsite = quick.idsite;
    tests.push((row) => row.idsite === idsite);
  }
  if (quick.issuesOnly) tests.push((row) => row.issues.length > 0);
  if (quick.run) {
    const run = quick.run;
    tests.push((row) => row.run === run);
  }
  if (tests.length === 0) return null;
  return (row) => tests.every((test) => test(row));
}

/**
 * Failed requests have no outcome, type, site or decoded text for filters to test: they show
 * when the failed chip is on, or when no filter and no search narrows the table.
 */
export function showsFailedRows(quick: QuickFilters, queryEmpty: boolean): boolean {
  return quick.failed || (queryEmpty && !narrowsHits(quick));
}

export function combinePredicates(predicates: (RowPredicate | null)[]): RowPredicate | null {
  const present = predicates.filter((p): p is RowPredicate => p !== null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0] as RowPredicate;
  return (row) => present.every((test) => test(row));
}

/**
 * Filters the collection, reusing the previous result when only new rows were appended
 * with the same filter: streaming then costs O(new rows) instead of O(all rows).
 */
export class FilterCache {
  private last: {
    key: string;
    byId: Map<string, HitRow>;
    firstId: string | undefined;
    length: number;
    lastId: string | undefined;
    result: HitRow[];
  } | null = null;

  filter(collection: HitCollection, key: string, predicate: RowPredicate | null): HitRow[] {
    const { ids, byId } = collection;
    const last = this.last;
    let start = 0;
    let result: HitRow[] = [];
    if (
      last &&
      last.key === key &&
      last.byId === byId &&
      ids.length >= last.length &&
      ids[0] === last.firstId &&
      ids[last.length - 1] === last.lastId
    ) {
      if (ids.length === last.length) return last.result;
      start = last.length;
      result = last.result.slice();
    }
    for (let i = start; i < ids.length; i++) {
      const row = byId.get(ids[i] as string) as HitRow;
      if (!predicate || predicate(row)) result.push(row);
    }
    this.last = {
      key,
      byId,
      firstId: ids[0],
      length: ids.length,
      lastId: ids[ids.length - 1],
      result,
    };
    return result;
  }
}

export type DisplayRow =
  | { kind: 'hit'; id: string; hit: HitRow; depth: 0 | 1 }
  | {
      kind: 'group';
      id: string;
      requestId: string;
      /** The group's hits that pass the filter, in bulk order. */
      hits: HitRow[];
      /** Hits the request produced. */
      total: number;
      expanded: boolean;
      first: HitRow;
    }
  | { kind: 'failed'; id: string; failed: FailedRow };

type Group = Extract<DisplayRow, { kind: 'group' }>;

export function groupRowId(requestId: string): string {
  return `request:${requestId}`;
}

type HitDisplayRow = Extract<DisplayRow, { kind: 'hit' }>;

// One wrapper per hit and depth, reused by every rebuild: rows keep their identity while
// hits stream in, so memoized row components only render what changed.
const wrappers: [WeakMap<HitRow, HitDisplayRow>, WeakMap<HitRow, HitDisplayRow>] = [
  new WeakMap(),
  new WeakMap(),
];

function hitDisplayRow(hit: HitRow, depth: 0 | 1): HitDisplayRow {
  let row = wrappers[depth].get(hit);
  if (!row) {
    row = { kind: 'hit', id: hit.id, hit, depth };
    wrappers[depth].set(hit, row);
  }
  return row;
}

type FailedDisplayRow = Extract<DisplayRow, { kind: 'failed' }>;

const failedWrappers = new WeakMap<FailedRow, FailedDisplayRow>();

function failedDisplayRow(failed: FailedRow): FailedDisplayRow {
  let row = failedWrappers.get(failed);
  if (!row) {
    row = { kind: 'failed', id: failedRowId(failed.id), failed };
    failedWrappers.set(failed, row);
  }
  return row;
}

export function buildDisplayRows(
  rows: readonly HitRow[],
  options: {
    newestFirst: boolean;
    collapsedGroups: Record<string, true>;
    /** Failed requests to show, oldest first. */
    failed?: readonly FailedRow[];
  },
): DisplayRow[] {
  const top: (HitRow | Group | FailedDisplayRow)[] = [];
  const groups = new Map<string, Group>();
  const failed = options.failed ?? [];
  let nextFailed = 0;
  for (const row of rows) {
    // Both lists are oldest first: a failed request goes before the first later hit.
    while (nextFailed < failed.length && (failed[nextFailed] as FailedRow).time <= row.time) {
      top.push(failedDisplayRow(failed[nextFailed++] as FailedRow));
    }
    if (row.transport !== 'bulk') {
      top.push(row);
      continue;
    }
    let group = groups.get(row.requestId);
    if (!group) {
      group = {
        kind: 'group',
        id: groupRowId(row.requestId),
        requestId: row.requestId,
        hits: [],
        total: row.batchSize,
        expanded: !options.collapsedGroups[row.requestId],
        first: row,
      };
      groups.set(row.requestId, group);
      top.push(group);
    }
    group.hits.push(row);
  }
  while (nextFailed < failed.length) top.push(failedDisplayRow(failed[nextFailed++] as FailedRow));
  if (options.newestFirst) top.reverse();
  const display: DisplayRow[] = [];
  for (const item of top) {
    if ('kind' in item && item.kind === 'failed') {
      display.push(item);
    } else if ('kind' in item) {
      item.hits.sort((a, b) => a.index - b.index);
      display.push(item);
      if (item.expanded) {
        for (const hit of item.hits) display.push(hitDisplayRow(hit, 1));
      }
    } else {
      display.push(hitDisplayRow(item, 0));
    }
  }
  return display;
}

/**
 * Hits one per row, in the given order, without bulk groups or failed requests: the rows of
 * a table sorted by a column, where a group would split the order it was asked for (each
 * hit still says "bulk 2 of 5" in its transport cell).
 */
export function flatDisplayRows(rows: readonly HitRow[]): DisplayRow[] {
  return rows.map((row) => hitDisplayRow(row, 0));
}
