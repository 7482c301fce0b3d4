// Own process: the pairs kept are module state, which the decoding of other files would fill.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeQuery } from './query-string';
import { recentName, recentPair } from './recent-pairs';
import type { ParamSource } from './types';

/**
 * Pairs of one length that differ in a character (a comparison of lengths, or of a part,
 * would mistake one for another), and pairs that decode in every way the decoder knows:
 * escapes, `+`, bytes that are not UTF-8, malformed escapes, unescaped characters in the name
 * or the value, array and mangled names, an empty name.
 */
const POOL = [
  'a=1',
  'a=2',
  'b=1',
  'a=+',
  'a=%',
  'a= ',
  'a="',
  'a=[',
  'a[]',
  'a.b',
  ' a=',
  '=ab',
  'url=https%3A%2F%2Fa.example%2F',
  'url=https%3A%2F%2Fb.example%2F',
  'url=https://a.example/?q=a b',
  'url=https://a.example/?q=a"b',
  'action_name=Caf%C3%A9+menu',
  'action_name=Caf%C3%A9+meny',
  'action_name=Caf%E9+menu!',
  'action_name=Caf%ZZ+menu!',
  'action_name=Café menu!',
  'action_name=Café+menu!',
  'dim[1]=x',
  'dim[1=x',
  'a b=x',
  'a"b=x',
  'uadata={"a":1}',
  'uadata=%7B%22a%22%3A1%7D',
];

/** Fills every remembered place with a pair that no query of POOL holds. */
function forgetPairs(): void {
  decodeQuery(Array.from({ length: 80 }, (_, n) => `forget${n}=${n}`).join('&'), 'query');
}

const query = fc
  .array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 12 })
  .map((pairs) => pairs.join('&'));
const source = fc.constantFrom<ParamSource>('query', 'body', 'bulk');

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

  it('give a query what decoding it afresh gives, after any other query', () => {
    fc.assert(
      fc.property(query, query, source, (before, after, from) => {
        forgetPairs();
        const fresh = decodeQuery(after, from);
        decodeQuery(before, from);
        // Its pairs that `before` holds at the same places are found again; then all of them.
        expect(decodeQuery(after, from)).toEqual(fresh);
        expect(decodeQuery(after, from)).toEqual(fresh);
        // Characters sent unescaped are reported per pair (brackets of a name are array syntax).
        const unescaped = after.split('&').filter((pair) => {
          const eq = pair.indexOf('=');
          const name = eq === -1 ? pair : pair.slice(0, eq);
          const value = eq === -1 ? '' : pair.slice(eq + 1);
          return /[ "[\]\u00e9]/.test(value) || /[ "\u00e9]/.test(name);
        });
        const reported = fresh.issues.filter((issue) => issue.code === 'encoding.unescaped');
        expect(reported).toHaveLength(unescaped.length);
      }),
      { numRuns: 400 },
    );
  });

  it('are kept by place when clean, and found again only for the same text there', () => {
    forgetPairs();
    const query = 'idsite=1&rec=1&urlref=https%3A%2F%2Fwww.google.com%2F';
    decodeQuery(query, 'bulk');
    const urlref = query.slice(query.indexOf('urlref'));
    expect(recentPair(2, urlref)).toEqual({
      raw: 'urlref=https%3A%2F%2Fwww.google.com%2F',
      name: 'urlref',
      value: 'https://www.google.com/',
      source: 'bulk',
    });
    // The same text at another place, or other text at this place: decoded again.
    expect(recentPair(1, urlref)).toBeUndefined();
    expect(recentPair(2, `${urlref}x`)).toBeUndefined();
    expect(recentPair(2, urlref.replace('google', 'gaagle'))).toBeUndefined();
  });

  it('never keep a pair that raised a finding', () => {
    forgetPairs();
    const query = 'idsite=1&url=a b';
    decodeQuery(query, 'query');
    expect(recentPair(0, 'idsite=1')).toEqual({
      raw: 'idsite=1',
      name: 'idsite',
      value: '1',
      source: 'query',
    });
    expect(recentPair(1, 'url=a b')).toBeUndefined();
  });

  it('never keep a pair of a long query, which it could hold in memory', () => {
    forgetPairs();
    const query = `idsite=2&pad=${'x'.repeat(20_000)}`;
    decodeQuery(query, 'query');
    expect(recentPair(0, 'idsite=2')).toBeUndefined();
  });

  it('give the name of the pair kept at a place to another value of the same raw name', () => {
    forgetPairs();
    decodeQuery('idsite=1&a%5Fb=x&url=u', 'bulk');
    expect(recentName(1, 'a%5Fb=y z')).toBe('a_b');
    expect(recentName(1, 'a%5Fb=')).toBe('a_b');
    // Another raw name, the same name sent otherwise, a name that only begins the same, a
    // pair without a value, another place: decoded as sent.
    expect(recentName(1, 'a%5Fc=y')).toBeUndefined();
    expect(recentName(1, 'a_b=y')).toBeUndefined();
    expect(recentName(1, 'a%5Fbc=y')).toBeUndefined();
    expect(recentName(1, 'a%5Fb')).toBeUndefined();
    expect(recentName(2, 'a%5Fb=y')).toBeUndefined();
    // The name of a value with findings is still reported as sent.
    const found = decodeQuery('idsite=1&a%5Fb=y z', 'bulk');
    expect(found.occurrences[1]).toMatchObject({ name: 'a_b', value: 'y z', raw: 'a%5Fb=y z' });
    expect(found.issues.map((issue) => issue.message)).toEqual([
      'a_b in the bulk entry contains raw spaces sent without percent-encoding.',
    ]);
  });
});
