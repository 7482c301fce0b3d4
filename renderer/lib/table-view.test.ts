// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addRows, emptyCollection } from '../store/hit-collection';
import { makeHit } from '../test-support/hit-factory';
import { toHitRow, type HitRow } from './hit-row';
import { compileQuery } from './query/compile-query';
import { buildDisplayRows, FilterCache, quickFilterPredicate } from './table-view';

function bulk(requestId: string, count: number): HitRow[] {
  return Array.from({ length: count }, (_, index) =>
    toHitRow(makeHit({ requestId, index, batchSize: count, transport: 'bulk', method: 'POST' })),
  );
}

describe('buildDisplayRows', () => {
  it('groups bulk hits under their request, newest first', () => {
    const single = toHitRow(makeHit());
    const rows = [single, ...bulk('req-9', 3)];
    const display = buildDisplayRows(rows, { newestFirst: true, collapsedGroups: {} });
    expect(display.map((row) => (row.kind === 'group' ? `group:${row.total}` : row.depth))).toEqual(
      ['group:3', 1, 1, 1, 0],
    );
    const collapsed = buildDisplayRows(rows, {
      newestFirst: false,
      collapsedGroups: { 'req-9': true },
    });
    expect(collapsed.map((row) => row.kind)).toEqual(['hit', 'group']);
  });
});

describe('FilterCache', () => {
  it('filters incrementally while rows are appended and recomputes on a new filter', () => {
    const cache = new FilterCache();
    let collection = addRows(emptyCollection(), [toHitRow(makeHit({ type: 'event' }))], 10);
    const events = compileQuery('type:event').test;
    expect(cache.filter(collection, 'q1', events)).toHaveLength(1);
    collection = addRows(
      collection,
      [toHitRow(makeHit({ type: 'event' })), toHitRow(makeHit())],
      10,
    );
    const second = cache.filter(collection, 'q1', events);
    expect(second).toHaveLength(2);
    expect(cache.filter(collection, 'q1', events)).toBe(second);
    expect(cache.filter(collection, 'all', null)).toHaveLength(3);
  });

  it('combines quick filters', () => {
    const predicate = quickFilterPredicate({
      outcomes: ['rejected'],
      type: null,
      idsite: 2,
      issuesOnly: false,
    })!;
    expect(predicate(toHitRow(makeHit({ outcome: 'rejected', idsite: 2 })))).toBe(true);
    expect(predicate(toHitRow(makeHit({ outcome: 'rejected', idsite: 1 })))).toBe(false);
  });
});
