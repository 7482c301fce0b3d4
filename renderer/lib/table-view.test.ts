// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { addRows, emptyCollection } from '../store/hit-collection';
import { makeHit, makeRequest } from '../test-support/hit-factory';
import { narrowsHits } from '../store/filter-slice';
import { toFailedRow } from './failed-row';
import { toHitRow, type HitRow } from './hit-row';
import { compileQuery } from './query/compile-query';
import { buildDisplayRows, FilterCache, quickFilterPredicate, showsFailedRows } from './table-view';

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
    expect(
      display.map((row) =>
        row.kind === 'group' ? `group:${row.total}` : row.kind === 'hit' ? row.depth : row.kind,
      ),
    ).toEqual(['group:3', 1, 1, 1, 0]);
    const collapsed = buildDisplayRows(rows, {
      newestFirst: false,
      collapsedGroups: { 'req-9': true },
    });
    expect(collapsed.map((row) => row.kind)).toEqual(['hit', 'group']);
  });

  it('puts failed requests between the hits at the time they arrived', () => {
    const [first, second] = [toHitRow(makeHit()), toHitRow(makeHit())] as const;
    const failed = (time: number, id: string) =>
      toFailedRow(
        makeRequest({
          id,
          receivedAt: new Date(time).toISOString(),
          transport: 'post',
          error: { code: 'limit.body_too_large', message: 'too large' },
          response: { ...makeRequest().response, status: 413 },
        }),
      );
    const between = failed(first.time + 1, 'f1');
    const newest = failed(second.time + 1, 'f2');
    const display = buildDisplayRows([first, second], {
      newestFirst: true,
      collapsedGroups: {},
      failed: [between, newest],
    });
    expect(display.map((row) => row.id)).toEqual(['failed:f2', second.id, 'failed:f1', first.id]);
  });
});

describe('failed requests and the filters', () => {
  const none = { outcomes: [], type: null, idsite: null, issuesOnly: false, failed: false };
  it('show when nothing narrows the table or when their chip is on', () => {
    expect(showsFailedRows(none, true)).toBe(true);
    expect(showsFailedRows(none, false)).toBe(false);
    expect(showsFailedRows({ ...none, outcomes: ['recorded'] }, true)).toBe(false);
    expect(showsFailedRows({ ...none, issuesOnly: true }, true)).toBe(false);
    expect(showsFailedRows({ ...none, type: 'event', failed: true }, false)).toBe(true);
  });

  it('the chip alone hides every hit; with outcomes it adds to them', () => {
    const hit = toHitRow(makeHit({ outcome: 'recorded' }));
    expect(quickFilterPredicate({ ...none, failed: true })!(hit)).toBe(false);
    const both = quickFilterPredicate({ ...none, failed: true, outcomes: ['recorded'] })!;
    expect(both(hit)).toBe(true);
  });

  it('narrowsHits says whether the quick filters give a predicate, for every combination', () => {
    for (const failed of [false, true])
      for (const outcomes of [[], ['recorded']] as const)
        for (const type of [null, 'event'] as const)
          for (const idsite of [null, 1])
            for (const issuesOnly of [false, true]) {
              const quick = { outcomes: [...outcomes], type, idsite, issuesOnly, failed };
              expect(narrowsHits(quick)).toBe(quickFilterPredicate(quick) !== null);
            }
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
      failed: false,
    })!;
    expect(predicate(toHitRow(makeHit({ outcome: 'rejected', idsite: 2 })))).toBe(true);
    expect(predicate(toHitRow(makeHit({ outcome: 'rejected', idsite: 1 })))).toBe(false);
  });
});
