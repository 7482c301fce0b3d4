// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHitRow, type HitRow } from '../../lib/hit-row';
import { addRows, emptyCollection, rowsOf } from '../../store/hit-collection';
import { makeHit } from '../../test-support/hit-factory';
import { hitComparator } from './hit-sort';
import { insertSorted, SortedView } from './sorted-view';

const bySite = hitComparator([{ id: 'site', desc: false }], false);

function hitsOnSites(sites: number[]): HitRow[] {
  return sites.map((idsite) => toHitRow(makeHit({ idsite, summary: `site ${idsite}` })));
}

/** Counts comparisons, to tell an update in place from a sort from scratch. */
function counting(compare: (a: HitRow, b: HitRow) => number) {
  const counter = { calls: 0 };
  const wrapped = (a: HitRow, b: HitRow) => {
    counter.calls += 1;
    return compare(a, b);
  };
  return { counter, compare: wrapped };
}

describe('insertSorted', () => {
  it('puts each addition after the rows it ties with', () => {
    const sorted = hitsOnSites([1, 2, 2, 5]);
    const additions = hitsOnSites([0, 2, 9]);
    const merged = insertSorted(sorted, additions, bySite);
    expect(merged.map((row) => row.idsite)).toEqual([0, 1, 2, 2, 2, 5, 9]);
    expect(merged[4]).toBe(additions[1]);
  });
});

describe('SortedView', () => {
  it('returns the same array while neither the input nor the order changed', () => {
    const view = new SortedView();
    const input = hitsOnSites([3, 1, 2]);
    const first = view.sort(input, bySite);
    expect(first.map((row) => row.idsite)).toEqual([1, 2, 3]);
    expect(view.sort(input, bySite)).toBe(first);
  });

  it('puts streamed hits in place without sorting everything again', () => {
    const view = new SortedView();
    const older = hitsOnSites(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 97));
    const { counter, compare } = counting(bySite);
    view.sort(older, compare);
    const fullSort = counter.calls;
    counter.calls = 0;
    const streamed = older.concat(hitsOnSites([50, 0, 96]));
    const result = view.sort(streamed, compare);
    expect(result).toEqual(streamed.slice().sort(bySite));
    // Three binary searches over a thousand rows, not another full sort.
    expect(counter.calls).toBeLessThan(60);
    expect(fullSort).toBeGreaterThan(1000);
  });

  it('drops the hits that left the front of the input (memory cap) and sorts again on anything else', () => {
    const view = new SortedView();
    const input = hitsOnSites([4, 2, 8, 6]);
    view.sort(input, bySite);
    const capped = input.slice(2).concat(hitsOnSites([1]));
    expect(view.sort(capped, bySite).map((row) => row.idsite)).toEqual([1, 6, 8]);
    // Another filter: not a continuation of the previous input.
    const other = [input[1]!, input[3]!];
    expect(view.sort(other, bySite).map((row) => row.idsite)).toEqual([2, 6]);
    // Another order sorts from scratch.
    const descending = hitComparator([{ id: 'site', desc: true }], false);
    expect(view.sort(other, descending).map((row) => row.idsite)).toEqual([6, 2]);
  });

  it('matches a sort from scratch through any sequence of streamed batches and evictions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sites: fc.array(fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), {
              maxLength: 8,
            }),
            keep: fc.integer({ min: 3, max: 20 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.boolean(),
        (batches, newestFirst) => {
          const compare = hitComparator(
            [
              { id: 'site', desc: true },
              { id: 'outcome', desc: false },
            ],
            newestFirst,
          );
          const view = new SortedView();
          let collection = emptyCollection();
          for (const batch of batches) {
            const batchRows = batch.sites.map((idsite, i) =>
              toHitRow(makeHit({ idsite, outcome: i % 3 === 0 ? 'rejected' : 'recorded' })),
            );
            collection = addRows(collection, batchRows, batch.keep);
            const input = rowsOf(collection);
            expect(view.sort(input, compare)).toEqual(input.slice().sort(compare));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
