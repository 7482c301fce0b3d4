// Own process: the pairs kept are module state, which the decoding of other files would fill.
import { describe, expect, it } from 'vitest';
import { decodeQuery } from './query-string';
import { recentPair } from './recent-pairs';

/** Queries whose pairs raise findings, or decode in every way the decoder knows. */
const QUERIES = [
  'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Caf%C3%A9+menu',
  'idsite=1&rec=1&url=https://shop.example/a b&action_name=x',
  'idsite=1&rec=1&url=%E9t%E9&action_name=%ZZ',
  ' idsite=1&rec.x=1&dimension[1]=a&=x&action_name=Caf%C3%A9+menu',
  'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Caf%C3%A9+menu',
  'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Caf%C3%A9+menu&a"b=1',
  'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Caf%C3%A9+menu',
];

describe('recently decoded pairs', () => {
  it('give every query exactly what decoding it alone gives, findings included', () => {
    const first = QUERIES.map((query) => decodeQuery(query, 'query'));
    // In every order, with the pairs of the other queries remembered in between.
    for (let round = 0; round < 3; round++) {
      for (const [n, query] of QUERIES.entries()) {
        const source = round === 2 ? 'bulk' : 'query';
        const again = decodeQuery(query, source);
        const expected = round === 2 ? decodeQuery(query, 'bulk') : first[n];
        expect(again).toEqual(expected);
        expect(again.occurrences.every((o) => o.source === source)).toBe(true);
      }
    }
    expect(first[1]!.issues.map((issue) => issue.code)).toEqual(['encoding.unescaped']);
    expect(decodeQuery(QUERIES[1]!, 'query').issues.map((issue) => issue.code)).toEqual([
      'encoding.unescaped',
    ]);
  });

  it('are kept by place when clean, and found again only for the same text there', () => {
    const query = 'idsite=1&rec=1&urlref=https%3A%2F%2Fwww.google.com%2F';
    decodeQuery(query, 'bulk');
    const at = query.indexOf('urlref');
    expect(recentPair(2, query, at, query.length)).toEqual({
      raw: 'urlref=https%3A%2F%2Fwww.google.com%2F',
      name: 'urlref',
      value: 'https://www.google.com/',
      source: 'bulk',
    });
    // The same text at another place, or other text at this place: decoded again.
    expect(recentPair(1, query, at, query.length)).toBeUndefined();
    expect(recentPair(2, `${query}x`, at, query.length + 1)).toBeUndefined();
  });

  it('never keep a pair that raised a finding', () => {
    const query = 'idsite=1&url=a b';
    decodeQuery(query, 'query');
    expect(recentPair(0, query, 0, 8)).toEqual({
      raw: 'idsite=1',
      name: 'idsite',
      value: '1',
      source: 'query',
    });
    expect(recentPair(1, query, 9, query.length)).toBeUndefined();
  });

  it('never keep a pair of a long query, which it could hold in memory', () => {
    const query = `idsite=2&pad=${'x'.repeat(20_000)}`;
    decodeQuery(query, 'query');
    expect(recentPair(0, query, 0, 8)).toBeUndefined();
  });
});
