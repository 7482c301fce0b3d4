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

  it('reports problems without throwing and ignores the bad term', () => {
    const query = compileQuery('type:banana idsite:x e_c:');
    expect(query.problems).toHaveLength(3);
    expect(query.problems[0]).toContain('"banana" is not one of');
    expect(query.empty).toBe(true);
    expect(query.test(page)).toBe(true);
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
