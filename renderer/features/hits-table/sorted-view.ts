// The filtered hits in sort order, kept up to date while hits stream in. Sorting 100,000
// hits from scratch on every streamed batch would cost O(n log n) a frame; instead, when the
// new input is the previous one with hits appended (and the oldest perhaps dropped at the
// memory cap), the new and the dropped hits are found in place by binary search and one
// pass copies the rest: O(n) reference copies plus O((k + d) log n) comparisons for k new
// and d dropped hits.
// Anything else (another filter, another sort, a resync that inserted older hits) sorts
// from scratch once.
import type { HitRow } from '../../lib/hit-row';
import type { HitComparator } from './hit-sort';

interface Change {
  /** Hits dropped from the front of the previous input. */
  removed: number;
  /** Hits appended after the ones kept. */
  added: readonly HitRow[];
}

/** How `next` differs from `previous`, when it is `previous` minus a prefix plus a suffix. */
function appendOnlyChange(previous: readonly HitRow[], next: readonly HitRow[]): Change | null {
  if (previous.length === 0) return { removed: 0, added: next };
  if (next.length === 0) return null;
  const removed = previous.indexOf(next[0] as HitRow);
  if (removed < 0) return null;
  const kept = previous.length - removed;
  if (kept > next.length) return null;
  // Identity checks only: cheap next to one comparison of two texts.
  for (let i = 0; i < kept; i++) if (next[i] !== previous[removed + i]) return null;
  return { removed, added: next.slice(kept) };
}

/** Index of `row` in `sorted` (found by binary search: no other row is read), or -1. */
export function indexInSorted(
  sorted: readonly HitRow[],
  row: HitRow,
  compare: HitComparator,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(sorted[middle] as HitRow, row) < 0) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < sorted.length && compare(sorted[i] as HitRow, row) === 0; i++) {
    if (sorted[i] === row) return i;
  }
  return -1;
}

/**
 * Puts `additions` (sorted) into `sorted`, each after every row it does not sort before, and
 * leaves out the rows at the indices `skip` (ascending): one pass, one new array. The pass
 * only copies references: reading each of 100,000 hits would cost more than the rest.
 */
export function insertSorted(
  sorted: readonly HitRow[],
  additions: readonly HitRow[],
  compare: HitComparator,
  skip: readonly number[] = [],
): HitRow[] {
  const result: HitRow[] = [];
  let copied = 0;
  let skipped = 0;
  let low = 0;
  for (let a = 0; a <= additions.length; a++) {
    const addition = additions[a];
    if (addition) {
      // Additions are sorted, so each search starts where the previous one ended.
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(sorted[middle] as HitRow, addition) <= 0) low = middle + 1;
        else high = middle;
      }
    } else {
      low = sorted.length;
    }
    for (; copied < low; copied++) {
      if (skip[skipped] === copied) skipped++;
      else result.push(sorted[copied] as HitRow);
    }
    if (addition) result.push(addition);
  }
  return result;
}

/** Where the rows dropped from the input sit in the sorted output, ascending; null if lost. */
function droppedIndices(
  sorted: readonly HitRow[],
  dropped: readonly HitRow[],
  compare: HitComparator,
): number[] | null {
  const indices: number[] = [];
  for (const row of dropped) {
    const index = indexInSorted(sorted, row, compare);
    if (index < 0) return null;
    indices.push(index);
  }
  return indices.sort((a, b) => a - b);
}

export class SortedView {
  private last: {
    input: readonly HitRow[];
    compare: HitComparator;
    output: HitRow[];
  } | null = null;

  /** `input` in the order of `compare`; the same comparator object means the same order. */
  sort(input: readonly HitRow[], compare: HitComparator): HitRow[] {
    const last = this.last;
    if (last && last.compare === compare && last.input === input) return last.output;
    const change = last && last.compare === compare ? appendOnlyChange(last.input, input) : null;
    const skip =
      last && change
        ? droppedIndices(last.output, last.input.slice(0, change.removed), compare)
        : null;
    let output: HitRow[];
    if (!last || !change || !skip) {
      output = input.slice().sort(compare);
    } else if (change.removed === 0 && change.added.length === 0) {
      output = last.output;
    } else {
      output = insertSorted(last.output, change.added.slice().sort(compare), compare, skip);
    }
    this.last = { input, compare, output };
    return output;
  }
}
