import { describe, expect, it } from 'vitest';
import { makeHit } from '../../test-support/admin/fixtures';
import {
  hitFilterFromJson,
  hitFilterFromSearchParams,
  HitFilterError,
  hitFilterToQuery,
  isEmptyHitFilter,
  matchesHitFilter,
} from './hit-filter';

const parse = (query: string) => hitFilterFromSearchParams(new URLSearchParams(query));

describe('matchesHitFilter', () => {
  const pageview = makeHit({
    params: {
      idsite: '3',
      rec: '1',
      action_name: 'Checkout Step 2',
      url: 'https://shop.example/cart?x=1',
    },
    rawQuery:
      'idsite=3&rec=1&action_name=Checkout%20Step%202&url=https%3A%2F%2Fshop.example%2Fcart%3Fx%3D1',
    summary: 'Checkout Step 2',
    idsite: 3,
  });
  const rejected = makeHit({
    type: 'event',
    outcome: 'rejected',
    idsite: null,
    params: { e_c: 'Video', e_a: 'Play', e_v: 2.5 },
    issues: [{ code: 'idsite.invalid', severity: 'error', message: 'idsite missing' }],
    summary: 'Video › Play',
  });

  it('matches everything with an empty filter', () => {
    expect(matchesHitFilter(pageview, {})).toBe(true);
    expect(matchesHitFilter(rejected, {})).toBe(true);
  });

  it('filters by outcome, type and idsite, one value or several', () => {
    expect(matchesHitFilter(pageview, { outcome: 'recorded' })).toBe(true);
    expect(matchesHitFilter(pageview, { outcome: 'rejected' })).toBe(false);
    expect(matchesHitFilter(rejected, { outcome: ['excluded', 'rejected'] })).toBe(true);
    expect(matchesHitFilter(rejected, { type: ['pageview'] })).toBe(false);
    expect(matchesHitFilter(pageview, { idsite: [1, 3] })).toBe(true);
    expect(matchesHitFilter(pageview, { idsite: 1 })).toBe(false);
    // A hit without a valid idsite never matches a site filter.
    expect(matchesHitFilter(rejected, { idsite: 1 })).toBe(false);
  });

  it('searches text case-insensitively across decoded values, summary and issue codes', () => {
    expect(matchesHitFilter(pageview, { q: 'checkout step' })).toBe(true);
    expect(matchesHitFilter(pageview, { q: 'SHOP.EXAMPLE/cart' })).toBe(true);
    expect(matchesHitFilter(pageview, { q: 'checkout video' })).toBe(false);
    expect(matchesHitFilter(rejected, { q: 'idsite.invalid' })).toBe(true);
    expect(matchesHitFilter(rejected, { q: '2.5' })).toBe(true);
    expect(matchesHitFilter(pageview, { q: '   ' })).toBe(true);
  });

  it('matches parameters by exact value or presence', () => {
    expect(matchesHitFilter(pageview, { params: { idsite: '3' } })).toBe(true);
    expect(matchesHitFilter(pageview, { params: { idsite: '33' } })).toBe(false);
    expect(matchesHitFilter(pageview, { params: { url: '*' } })).toBe(true);
    expect(matchesHitFilter(pageview, { params: { e_c: '*' } })).toBe(false);
    expect(matchesHitFilter(rejected, { params: { e_v: '2.5', e_a: 'Play' } })).toBe(true);
  });

  it('filters by request id and by the presence of issues', () => {
    expect(matchesHitFilter(pageview, { requestId: pageview.requestId })).toBe(true);
    expect(matchesHitFilter(pageview, { requestId: 'other' })).toBe(false);
    expect(matchesHitFilter(rejected, { hasIssues: true })).toBe(true);
    expect(matchesHitFilter(pageview, { hasIssues: true })).toBe(false);
    expect(matchesHitFilter(pageview, { hasIssues: false })).toBe(true);
  });

  it('evaluates the query language, combined with the other fields', () => {
    expect(matchesHitFilter(rejected, { query: 'type:event e_c:vid* -outcome:recorded' })).toBe(
      true,
    );
    expect(matchesHitFilter(pageview, { query: 'type:event' })).toBe(false);
    expect(matchesHitFilter(pageview, { query: '"checkout step" idsite:3' })).toBe(true);
    expect(matchesHitFilter(rejected, { query: 'e_v:>2', outcome: 'rejected' })).toBe(true);
    expect(matchesHitFilter(rejected, { query: 'e_v:>2', outcome: 'recorded' })).toBe(false);
    expect(matchesHitFilter(rejected, { query: 'e_v:>3' })).toBe(false);
  });

  it('compiles the query again when the same filter object gets another one', () => {
    const filter = { query: 'type:event' };
    expect(matchesHitFilter(rejected, filter)).toBe(true);
    filter.query = 'type:pageview';
    expect(matchesHitFilter(rejected, filter)).toBe(false);
  });
});

describe('isEmptyHitFilter', () => {
  it('treats absent values and an empty params object as no filter', () => {
    expect(isEmptyHitFilter({})).toBe(true);
    expect(isEmptyHitFilter({ q: undefined, params: {} })).toBe(true);
    expect(isEmptyHitFilter({ params: { e_c: 'Video' } })).toBe(false);
    expect(isEmptyHitFilter({ hasIssues: false })).toBe(false);
  });
});

describe('hitFilterFromSearchParams', () => {
  it('reads comma-separated and repeated values', () => {
    expect(parse('outcome=recorded,excluded&type=event&type=goal&idsite=1,2')).toEqual({
      outcome: ['recorded', 'excluded'],
      type: ['event', 'goal'],
      idsite: [1, 2],
    });
    expect(parse('outcome=rejected&idsite=7')).toEqual({ outcome: 'rejected', idsite: 7 });
  });

  it('reads q, requestId, hasIssues and param.NAME', () => {
    expect(
      parse('q=%20hello%20&requestId=r1&hasIssues=true&param.e_c=Video&param.url=*&limit=5'),
    ).toEqual({
      q: 'hello',
      requestId: 'r1',
      hasIssues: true,
      params: { e_c: 'Video', url: '*' },
    });
    expect(parse('hasIssues=0')).toEqual({ hasIssues: false });
  });

  it('refuses unknown values with a message naming them', () => {
    expect(() => parse('outcome=stored')).toThrow(HitFilterError);
    expect(() => parse('outcome=stored')).toThrow(/Unknown outcome "stored"/);
    expect(() => parse('type=click')).toThrow(/pageview/);
    expect(() => parse('idsite=abc')).toThrow(/positive integer/);
    expect(() => parse('idsite=0')).toThrow(/positive integer/);
    expect(() => parse('hasIssues=maybe')).toThrow(/hasIssues/);
    expect(() => parse('param.=x')).toThrow(/param.NAME/);
  });

  it("reads query, and refuses one that does not compile with the compiler's explanation", () => {
    expect(parse('query=%20type%3Aevent%20-e_c%3AVideo%20')).toEqual({
      query: 'type:event -e_c:Video',
    });
    // Nothing to test (blank, or a lone pair of quotes) is no filter at all.
    expect(parse('query=%20%20')).toEqual({});
    expect(parse('query=%22%22')).toEqual({});
    expect(() => parse('query=type%3Abanana')).toThrow(HitFilterError);
    expect(() => parse('query=type%3Abanana')).toThrow(/type: "banana" is not one of pageview/);
    expect(() => parse('query=e_c%3A%20idsite%3Ax')).toThrow(
      /e_c: needs a value after ":"\. idsite: "x" is not a whole number\./,
    );
  });

  it('round-trips through hitFilterToQuery', () => {
    const filter = {
      outcome: ['recorded' as const, 'excluded' as const],
      type: 'event' as const,
      idsite: 4,
      q: 'a&b c',
      query: 'type:event "a b" -e_c:x&y',
      requestId: 'r9',
      hasIssues: false,
      params: { 'dimension[1]': 'x=y', url: '*' },
    };
    expect(parse(hitFilterToQuery(filter))).toEqual(filter);
  });
});

describe('hitFilterFromJson', () => {
  it('accepts the DTO shape and stringifies parameter values', () => {
    expect(
      hitFilterFromJson({ type: ['pageview'], idsite: '2', params: { rec: 1, bots: true } }),
    ).toEqual({ type: 'pageview', idsite: 2, params: { rec: '1', bots: 'true' } });
    expect(hitFilterFromJson(undefined)).toEqual({});
  });

  it('refuses unknown fields and wrong types', () => {
    expect(() => hitFilterFromJson({ kind: 'x' })).toThrow(/Unknown filter field "kind"/);
    expect(() => hitFilterFromJson([1])).toThrow(HitFilterError);
    expect(() => hitFilterFromJson({ outcome: 1 })).toThrow(/outcome/);
    expect(() => hitFilterFromJson({ hasIssues: 'yes' })).toThrow(/hasIssues/);
    expect(() => hitFilterFromJson({ params: { a: {} } })).toThrow(/params.a/);
    expect(() => hitFilterFromJson({ query: 3 })).toThrow(/filter.query must be a string/);
    expect(() => hitFilterFromJson({ query: 'outcome:maybe' })).toThrow(/outcome: "maybe"/);
  });

  it('accepts a query', () => {
    expect(hitFilterFromJson({ query: 'type:event', idsite: 1 })).toEqual({
      query: 'type:event',
      idsite: 1,
    });
  });
});
