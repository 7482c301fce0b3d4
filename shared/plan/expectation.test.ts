import { describe, expect, it } from 'vitest';
import { compileQuery } from '../query/compile-query';
import { toQueryRow } from '../query/query-row';
import { eventHit, summaryHit } from '../../test-support/plan/summary-hit';
import { matcherTerms, matchesHit, MatcherError, type HitMatcher } from './expectation';

const play = eventHit('Video', 'Play', { params: { e_v: '7', idsite: '3' } });
const pageview = summaryHit({ params: { action_name: 'Home', idsite: '3' } });

describe('matchesHit with a query', () => {
  it('means what the search box means (case-insensitive contains, numbers, OR, negation)', () => {
    const queries = [
      'type:event e_c:video',
      'e_a:Pla',
      'e_v:>5',
      'e_v:<5',
      'type:pageview OR type:event idsite:3',
      '-type:event',
      'e_c:*',
      '-uid:*',
      'video',
      'idsite:2',
    ];
    for (const query of queries) {
      for (const hit of [play, pageview]) {
        expect(matchesHit({ query }, hit), `${query} on ${hit.type}`).toBe(
          compileQuery(query).test(toQueryRow(hit)),
        );
      }
    }
  });

  it('keeps OR groups as one term and the rest one term each', () => {
    const terms = matcherTerms({ query: 'type:pageview OR type:event idsite:3 -e_c:Audio' });
    expect(terms.map((t) => t.term)).toEqual([
      'type:pageview OR type:event',
      'idsite:3',
      '-e_c:Audio',
    ]);
    expect(terms.map((t) => t.expected)).toEqual([
      'pageview or event',
      '3',
      'not to contain "Audio"',
    ]);
  });

  it('refuses a query the query language refuses', () => {
    expect(() => matcherTerms({ query: 'type:video' })).toThrow(MatcherError);
    expect(() => matcherTerms({ query: 'type:video' })).toThrow(/type: "video" is not one of/);
  });
});

describe('matchesHit with structured fields', () => {
  it('reads the type as the query language does (names, labels, aliases)', () => {
    expect(matchesHit({ type: 'event' }, play)).toBe(true);
    expect(matchesHit({ type: 'Page view' }, pageview)).toBe(true);
    expect(matchesHit({ type: 'page' }, play)).toBe(false);
    expect(matchesHit({ type: 'event,pageview' }, pageview)).toBe(true);
    expect(() => matcherTerms({ type: 'video' })).toThrow(/type "video" is not one of pageview/);
  });

  it('compares strings exactly and numbers numerically', () => {
    expect(matchesHit({ params: { e_a: 'Play' } }, play)).toBe(true);
    expect(matchesHit({ params: { e_a: 'play' } }, play)).toBe(false);
    expect(matchesHit({ params: { e_a: 'Pla' } }, play)).toBe(false);
    expect(matchesHit({ params: { e_v: 7 } }, play)).toBe(true);
    expect(matchesHit({ params: { e_v: 7.0, idsite: 3 } }, play)).toBe(true);
    expect(matchesHit({ params: { e_v: 8 } }, play)).toBe(false);
    expect(matchesHit({ params: { missing: 0 } }, play)).toBe(false);
  });

  it('tests regular expressions, ranges and presence', () => {
    const cases: [HitMatcher, boolean][] = [
      [{ params: { e_c: { regex: '^Vid' } } }, true],
      [{ params: { e_c: { regex: '^vid' } } }, false],
      [{ params: { e_v: { min: 5 } } }, true],
      [{ params: { e_v: { min: 8 } } }, false],
      [{ params: { e_v: { min: 1, max: 7 } } }, true],
      [{ params: { e_v: { max: 6 } } }, false],
      [{ params: { e_c: { min: 0 } } }, false],
      [{ params: { e_n: { present: false } } }, true],
      [{ params: { e_c: { present: false } } }, false],
      [{ params: { e_c: { present: true, equals: 'Video' } } }, true],
      [{ params: { e_c: { equals: 'video' } } }, false],
    ];
    for (const [matcher, expected] of cases) {
      expect(matchesHit(matcher, play), JSON.stringify(matcher)).toBe(expected);
    }
  });

  it('needs every term: query, type and params together', () => {
    const matcher = { query: 'e_c:video', type: 'event', params: { e_a: 'Play' } };
    expect(matcherTerms(matcher)).toHaveLength(3);
    expect(matchesHit(matcher, play)).toBe(true);
    expect(matchesHit({ ...matcher, params: { e_a: 'Pause' } }, play)).toBe(false);
  });

  it('compiles a matcher once, also when it is written again at each call', () => {
    expect(matcherTerms({ type: 'event', params: { e_a: 'Play' } })).toBe(
      matcherTerms({ type: 'event', params: { e_a: 'Play' } }),
    );
    expect(matcherTerms({ type: 'event' })).not.toBe(matcherTerms({ type: 'pageview' }));
    expect(matchesHit({ type: 'event' }, play)).toBe(true);
    expect(matchesHit({ type: 'pageview' }, play)).toBe(false);
  });

  it('matches every hit without terms', () => {
    expect(matchesHit({}, play)).toBe(true);
  });

  it('refuses a bad regular expression and an empty condition', () => {
    expect(() => matcherTerms({ params: { e_c: { regex: '(' } } })).toThrow(
      /params\.e_c\.regex is not a valid regular expression/,
    );
    expect(() => matcherTerms({ params: { e_c: {} } })).toThrow(/params\.e_c needs/);
  });

  it('says what each term wants and what a hit has', () => {
    const terms = matcherTerms({
      type: 'event',
      params: { idsite: 2, e_v: { min: 10 }, e_a: 'Pause', uid: { present: false } },
    });
    expect(terms.map((t) => [t.field, t.expected, t.actual(play)])).toEqual([
      ['type', 'event', 'event'],
      ['idsite', '2', '3'],
      ['e_v', '≥ 10', '7'],
      ['e_a', '"Pause"', '"Play"'],
      ['uid', 'to be absent', null],
    ]);
  });
});
