// The filtered hits in sort order, kept up to date while hits stream in. Sorting 100,000
// hits from scratch on every streamed batch would cost O(n log n) a frame; instead, when the
// new input is the previous one with hits appended (and the oldest perhaps dropped at the
// memory cap), the new hits are sorted among themselves and put in place by binary search,
// and dropped hits are filtered out: O(n) copying plus O(k log n) comparisons for k new hits.
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

/** Puts `additions` (sorted) into `sorted`, each after every row it does not sort before. */
export function insertSorted(
  sorted: readonly HitRow[],
  additions: readonly HitRow[],
  compare: HitComparator,
): HitRow[] {
  const result: HitRow[] = [];
  let copied = 0;
  let low = 0;
  for (const row of additions) {
    // Additions are sorted, so each search starts where the previous one ended.
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(sorted[middle] as HitRow, row) <= 0) low = middle + 1;
      else high = middle;
    }
    while (copied < low) result.push(sorted[copied++] as HitRow);
    result.push(row);
  }
  while (copied < sorted.length) result.push(sorted[copied++] as HitRow);
  return result;
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
    let output: HitRow[];
    if (!last || !change) {
      output = input.slice().sort(compare);
    } else {
      output = last.output;
      if (change.removed > 0) {
        const gone = new Set(last.input.slice(0, change.removed));
        output = output.filter((row) => !gone.has(row));
      }
      if (change.added.length > 0) {
        output = insertSorted(output, change.added.slice().sort(compare), compare);
      }
    }
    this.last = { input, compare, output };
    return output;
  }
}
