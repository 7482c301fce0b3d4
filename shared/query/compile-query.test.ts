// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { makeHit } from '../../test-support/admin/fixtures';
import { compileQuery } from './compile-query';
import { parseQuery } from './parse-query';
import { toQueryRow } from './query-row';

const video = toQueryRow(
  makeHit({
    type: 'event',
    idsite: 3,
    outcome: 'rejected',
    summary: 'Video › Play › Intro = 12.5',
    params: {
      idsite: '3',
      e_c: 'Video',
      e_a: 'Play',
      e_v: '12.5',
      dimension1: 'premium',
      cid: 'abc',
      url: 'https://shop.example/watch?v=1',
    },
    issues: [{ code: 'cid.length', severity: 'error', param: 'cid', message: 'cid has 3 chars' }],
  }),
);
const page = toQueryRow(makeHit({ summary: 'Free text landing page' }));

describe('parseQuery', () => {
  it('splits fields, parameters, quoted phrases and negations', () => {
    const terms = parseQuery('type:event e_c:Video -idsite:3 "free text" word site:"a b"');
    expect(terms.map((t) => [t.kind, t.negate, 'value' in t ? t.value : ''])).toEqual([
      ['field', false, 'event'],
      ['param', false, 'Video'],
      ['field', true, '3'],
      ['text', false, 'free text'],
      ['text', false, 'word'],
      ['field', false, 'a b'],
    ]);
  });

  it('reads an upper-case OR as a join, not as a term', () => {
    const terms = parseQuery('type:event OR type:pageview idsite:3');
    expect(terms.map((t) => [t.kind, t.or])).toEqual([
      ['field', false],
      ['field', true],
      ['field', false],
    ]);
  });
});

describe('compileQuery', () => {
  it('matches the example query of the search box', () => {
    const query = compileQuery('type:event e_c:Video idsite:3 outcome:rejected dimension1:*');
    expect(query.test(video)).toBe(true);
    expect(query.test(page)).toBe(false);
    expect(query.explanation).toEqual([
      'type is event',
      'e_c contains "Video"',
      'idsite is 3',
      'outcome is rejected',
      'dimension1 is present',
    ]);
    expect(query.problems).toEqual([]);
  });

  it('searches free text case-insensitively and highlights it', () => {
    const query = compileQuery('"FREE TEXT"');
    expect(query.test(page)).toBe(true);
    expect(query.test(video)).toBe(false);
    expect(query.highlight).toEqual(['free text']);
  });

  it('negates terms and compares numbers', () => {
    expect(compileQuery('-type:event').test(video)).toBe(false);
    expect(compileQuery('e_v:>10').test(video)).toBe(true);
    expect(compileQuery('e_v:<10').test(video)).toBe(false);
    expect(compileQuery('e_c:vid*').test(video)).toBe(true);
  });

  it('matches issue codes by prefix and has:errors', () => {
    expect(compileQuery('issue:cid').test(video)).toBe(true);
    expect(compileQuery('issue:rec.missing').test(video)).toBe(false);
    expect(compileQuery('has:errors').test(page)).toBe(false);
  });

  it('reports problems without throwing and then matches nothing', () => {
    const query = compileQuery('type:banana idsite:x e_c:');
    expect(query.problems).toHaveLength(3);
    expect(query.problems[0]).toContain('"banana" is not one of');
    // Not "no filter": a query with a mistake must not show every hit as matching it.
    expect(query.empty).toBe(false);
    expect(query.test(page)).toBe(false);
    expect(compileQuery('type:event idsite:x').test(video)).toBe(false);
  });

  it('joins terms with OR, binding tighter than the spaces', () => {
    const either = compileQuery('type:pageview OR type:event');
    expect(either.test(video)).toBe(true);
    expect(either.test(page)).toBe(true);
    expect(either.explanation).toEqual(['(type is pageview or type is event)']);
    // (page view or event) and site 3: the page view is on site 1.
    const grouped = compileQuery('type:pageview OR type:event idsite:3');
    expect(grouped.test(video)).toBe(true);
    expect(grouped.test(page)).toBe(false);
    expect(compileQuery('e_c:Audio OR -outcome:rejected').test(video)).toBe(false);
    expect(compileQuery('e_c:Audio OR "landing"').test(page)).toBe(true);
    // Lower-case "or" stays free text; an OR with nothing on one side is ignored.
    expect(compileQuery('type:pageview or').explanation).toContain('text contains "or"');
    expect(compileQuery('OR type:event OR').explanation).toEqual(['type is event']);
  });

  it('takes the type labels the table shows as values', () => {
    expect(compileQuery('type:"Page view"').test(page)).toBe(true);
    expect(compileQuery('type:"Content impression"').explanation).toEqual([
      'type is content_impression',
    ]);
    expect(compileQuery('type:"Cart update"').explanation).toEqual(['type is ecommerce_cart']);
    expect(compileQuery('type:"Site search,Product view"').problems).toEqual([]);
  });

  it('resolves type aliases and prefixes', () => {
    expect(compileQuery('type:search').explanation).toEqual(['type is site_search']);
    expect(compileQuery('type:ev').test(video)).toBe(true);
    expect(compileQuery('outcome:rej,exc').explanation).toEqual([
      'outcome is rejected or excluded',
    ]);
  });
});

describe('wildcard values', () => {
  it('match the whole value, case-insensitively, with * for any text', () => {
    expect(compileQuery('url:https://*/watch*').test(video)).toBe(true);
    expect(compileQuery('url:*watch').test(video)).toBe(false);
    expect(compileQuery('e_c:V*o').test(video)).toBe(true);
    expect(compileQuery('e_c:V*x*o').test(video)).toBe(false);
    expect(compileQuery('e_c:Vid*eo').test(video)).toBe(true);
    // Parts may not overlap: "Video" has one "o", so "*o*o" needs a second one.
    expect(compileQuery('e_c:*o*o').test(video)).toBe(false);
  });

  it('treat regular-expression characters literally', () => {
    const dotted = toQueryRow(makeHit({ params: { idsite: '1', e_n: 'a.b(c)' } }));
    expect(compileQuery('e_n:a.b(*)').test(dotted)).toBe(true);
    expect(compileQuery('e_n:a?b*').test(dotted)).toBe(false);
  });
});

describe('toQueryRow', () => {
  it('reads a hit as the table does: visitor, issue counts, search text', () => {
    expect(video.visitor).toBe('abc');
    expect(video.errors).toBe(1);
    expect(video.text).toContain('e_c=video');
    expect(video.text).toContain('cid has 3 chars');
    expect(compileQuery('visitor:AB has:errors severity:error').test(video)).toBe(true);
  });
});

describe('visit: and visitor: terms', () => {
  const inVisit = toQueryRow(
    makeHit({ id: 'h1', params: { idsite: '1', _id: '0123456789ABCDEF' } }),
    (hitId) => (hitId === 'h1' ? { visitId: 'v-r1.0', visitorId: 'fedcba9876543210' } : undefined),
  );
  const outside = toQueryRow(makeHit({ id: 'h2', params: { idsite: '1' } }));

  it('select the hits of one visit, or any hit in a visit with visit:*', () => {
    expect(compileQuery('visit:v-r1.0').test(inVisit)).toBe(true);
    expect(compileQuery('visit:v-r2.0').test(inVisit)).toBe(false);
    expect(compileQuery('visit:*').test(inVisit)).toBe(true);
    expect(compileQuery('visit:*').test(outside)).toBe(false);
    expect(compileQuery('-visit:*').test(outside)).toBe(true);
    expect(compileQuery('visit:v-r1.0').explanation).toEqual(['belongs to visit v-r1.0']);
  });

  it('match visitor: on the ids sent or on the visitor id Matomo would record', () => {
    expect(compileQuery('visitor:0123456789abcdef').test(inVisit)).toBe(true);
    expect(compileQuery('visitor:FEDCBA9876543210').test(inVisit)).toBe(true);
    expect(compileQuery('visitor:fedcba').test(inVisit)).toBe(false);
  });
});
