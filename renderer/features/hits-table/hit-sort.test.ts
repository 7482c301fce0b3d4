// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { toHitRow, type HitRow } from '../../lib/hit-row';
import { makeHit } from '../../test-support/hit-factory';
import { MAX_SORT_KEYS, normalizeSorting } from '../../lib/sort-keys';
import { hitComparator, isTimeOrder, newestEdge } from './hit-sort';

/** Hits one second apart in the order given (makeHit's clock only moves forward). */
function rows(...overrides: Partial<HitDto>[]): HitRow[] {
  return overrides.map((override) => toHitRow(makeHit(override)));
}

const error = { code: 'cid.length', severity: 'error', message: 'bad' } as const;
const warning = { code: 'param.unknown', severity: 'warning', message: 'odd' } as const;

function sortedSummaries(
  list: HitRow[],
  sorting: { id: string; desc: boolean }[],
  newestFirst = false,
): string[] {
  return list
    .slice()
    .sort(hitComparator(sorting, newestFirst))
    .map((row) => row.summary);
}

describe('hitComparator', () => {
  it('sorts outcome by severity: rejected, excluded, recorded; more errors, then warnings first', () => {
    const list = rows(
      { summary: 'recorded clean', outcome: 'recorded' },
      { summary: 'excluded', outcome: 'excluded' },
      { summary: 'recorded 1 warning', outcome: 'recorded', issues: [warning] },
      { summary: 'rejected 1 error', outcome: 'rejected', issues: [error] },
      { summary: 'rejected 2 errors', outcome: 'rejected', issues: [error, error] },
      { summary: 'recorded 2 warnings', outcome: 'recorded', issues: [warning, warning] },
    );
    const ascending = [
      'rejected 2 errors',
      'rejected 1 error',
      'excluded',
      'recorded 2 warnings',
      'recorded 1 warning',
      'recorded clean',
    ];
    expect(sortedSummaries(list, [{ id: 'outcome', desc: false }])).toEqual(ascending);
    expect(sortedSummaries(list, [{ id: 'outcome', desc: true }])).toEqual(
      ascending.slice().reverse(),
    );
  });

  it('compares sites as numbers and puts hits without a site last in both directions', () => {
    const list = rows(
      { summary: 'site 10', idsite: 10 },
      { summary: 'no site', idsite: null },
      { summary: 'site 2', idsite: 2 },
      { summary: 'site 1', idsite: 1 },
    );
    expect(sortedSummaries(list, [{ id: 'site', desc: false }])).toEqual([
      'site 1',
      'site 2',
      'site 10',
      'no site',
    ]);
    expect(sortedSummaries(list, [{ id: 'site', desc: true }])).toEqual([
      'site 10',
      'site 2',
      'site 1',
      'no site',
    ]);
  });

  it('compares text with digits as numbers, ignoring case', () => {
    const list = rows({ summary: 'page 10' }, { summary: 'Page 9' }, { summary: 'apple' });
    expect(sortedSummaries(list, [{ id: 'summary', desc: false }])).toEqual([
      'apple',
      'Page 9',
      'page 10',
    ]);
  });

  it('keeps hits equal on every key in arrival order, in the direction the table shows', () => {
    const list = rows(
      { summary: 'first on 3', idsite: 3 },
      { summary: 'first on 1', idsite: 1 },
      { summary: 'second on 3', idsite: 3 },
      { summary: 'second on 1', idsite: 1 },
    );
    expect(sortedSummaries(list.slice().reverse(), [{ id: 'site', desc: false }])).toEqual([
      'first on 1',
      'second on 1',
      'first on 3',
      'second on 3',
    ]);
    // Descending flips the sites, not the ties.
    expect(sortedSummaries(list, [{ id: 'site', desc: true }])).toEqual([
      'first on 3',
      'second on 3',
      'first on 1',
      'second on 1',
    ]);
    // With newest on top, the newest of equal hits comes first.
    expect(sortedSummaries(list, [{ id: 'site', desc: false }], true)).toEqual([
      'second on 1',
      'first on 1',
      'second on 3',
      'first on 3',
    ]);
  });

  it('sorts by time as time and by later keys where earlier ones tie', () => {
    const [a, b, c] = rows(
      { summary: 'a', type: 'event' },
      { summary: 'b', type: 'pageview' },
      { summary: 'c', type: 'event' },
    );
    // Same millisecond for a and b: the second key decides between them.
    const sameTime = { ...a!, time: b!.time };
    const list = [c!, b!, sameTime];
    expect(sortedSummaries(list, [{ id: 'time', desc: true }])).toEqual(['c', 'a', 'b']);
    expect(
      sortedSummaries(list, [
        { id: 'time', desc: false },
        { id: 'type', desc: true },
      ]),
    ).toEqual(['b', 'a', 'c']);
  });

  it('sorts type by its label and transport by method, then the position in a bulk', () => {
    const list = rows(
      { summary: 'ping', type: 'ping' },
      { summary: 'order', type: 'ecommerce_order' },
      { summary: 'event', type: 'event' },
    );
    // Labels: Heartbeat, Order, Event.
    expect(sortedSummaries(list, [{ id: 'type', desc: false }])).toEqual([
      'event',
      'ping',
      'order',
    ]);
    const bulk = { transport: 'bulk', method: 'POST', requestId: 'bulk-1', batchSize: 2 } as const;
    const transports = rows(
      { summary: 'post', transport: 'post', method: 'POST' },
      { summary: 'bulk 2', ...bulk, index: 1 },
      { summary: 'get', transport: 'get', method: 'GET' },
      { summary: 'bulk 1', ...bulk, index: 0 },
      { summary: 'beacon', transport: 'beacon', method: 'POST' },
    );
    expect(sortedSummaries(transports, [{ id: 'transport', desc: false }])).toEqual([
      'beacon',
      'bulk 1',
      'bulk 2',
      'get',
      'post',
    ]);
  });

  it('puts hits without a page URL or a visitor last', () => {
    const list = rows(
      { summary: 'none', params: { idsite: '1', rec: '1' } },
      { summary: 'b', params: { idsite: '1', url: 'https://x.example/b', _id: 'bbbb' } },
      { summary: 'a', params: { idsite: '1', url: 'https://x.example/a', _id: 'aaaa' } },
    );
    expect(sortedSummaries(list, [{ id: 'url', desc: true }])).toEqual(['b', 'a', 'none']);
    expect(sortedSummaries(list, [{ id: 'visitor', desc: false }])).toEqual(['a', 'b', 'none']);
  });
});

describe('sort state helpers', () => {
  it('keeps known columns once, with a boolean direction, up to the key limit', () => {
    expect(normalizeSorting('nonsense')).toEqual([]);
    expect(
      normalizeSorting([
        { id: 'site', desc: true },
        { id: 'site', desc: false },
        { id: 'nope', desc: false },
        { id: 'type', desc: 'yes' },
        null,
        { id: 'type', desc: false },
        { id: 'url', desc: false },
        { id: 'visitor', desc: false },
      ]),
    ).toEqual([
      { id: 'site', desc: true },
      { id: 'type', desc: false },
      { id: 'url', desc: false },
    ]);
    expect(MAX_SORT_KEYS).toBe(3);
  });

  it('follows the newest hit only when time leads the order', () => {
    expect(newestEdge([], true)).toBe('top');
    expect(newestEdge([], false)).toBe('bottom');
    expect(newestEdge([{ id: 'time', desc: true }], false)).toBe('top');
    expect(newestEdge([{ id: 'time', desc: false }], true)).toBe('bottom');
    expect(newestEdge([{ id: 'site', desc: false }], true)).toBeNull();
    expect(isTimeOrder([{ id: 'time', desc: true }])).toBe(true);
    expect(
      isTimeOrder([
        { id: 'time', desc: true },
        { id: 'site', desc: false },
      ]),
    ).toBe(false);
  });
});
