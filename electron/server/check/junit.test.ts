// @vitest-environment jsdom
// The JUnit report read back as XML, as a CI server reads it.
import { describe, expect, it } from 'vitest';
import { evaluatePlan, parsePlan } from '../../../shared/plan/plan';
import { eventHit, summaryHit } from '../../../test-support/plan/summary-hit';
import { planJunit } from './junit';

const plan = parsePlan({
  expectations: [
    { name: 'Page view', match: { type: 'pageview' }, count: 1 },
    { name: 'Video <played> & "counted"', match: { type: 'event', params: { e_a: 'Play' } } },
  ],
  issues: { maxSeverity: 'none' },
  unplanned: 'fail',
});

function read(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return doc;
}

describe('planJunit', () => {
  it('writes one test case per expectation and check, failures with the nearest misses', () => {
    const hits = [summaryHit({ id: 'p', at: 1 }), eventHit('Video', 'play', { id: 'e', at: 2 })];
    const doc = read(planJunit(evaluatePlan(plan, hits, { final: true }), 'Tracking plan a.yml'));
    const suite = doc.querySelector('testsuites > testsuite');
    expect(suite?.getAttribute('name')).toBe('Tracking plan a.yml');
    expect(suite?.getAttribute('tests')).toBe('4');
    expect(suite?.getAttribute('failures')).toBe('2');
    const cases = [...doc.querySelectorAll('testcase')].map((c) => ({
      name: c.getAttribute('name'),
      classname: c.getAttribute('classname'),
      failure: c.querySelector('failure')?.getAttribute('message') ?? null,
      body: c.querySelector('failure')?.textContent ?? null,
    }));
    expect(cases.map((c) => [c.name, c.failure?.split('\n')[0] ?? null])).toEqual([
      ['Page view', null],
      ['Video <played> & "counted"', '0 matching hits, expected at least 1.'],
      ['Issues: no issues', null],
      ['Unplanned hits', '1 hit matches no expectation: e (event).'],
    ]);
    expect(cases[0]?.classname).toBe('Tracking plan a.yml');
    const expected = [
      '0 matching hits, expected at least 1.',
      'Nearest miss:',
      '  hit e (event "Video / play"): 1 of 2 terms match',
      '    e_a: expected "Play", got "play"',
    ].join('\n');
    expect(cases[1]?.failure).toBe(expected);
    expect(cases[1]?.body).toBe(expected);
  });

  it('passes every case of a plan that holds', () => {
    const hits = [summaryHit({ id: 'p', at: 1 }), eventHit('Video', 'Play', { id: 'e', at: 2 })];
    const doc = read(planJunit(evaluatePlan(plan, hits, { final: true }), 'Plan'));
    expect(doc.querySelector('testsuite')?.getAttribute('failures')).toBe('0');
    expect(doc.querySelectorAll('failure')).toHaveLength(0);
    expect(doc.querySelectorAll('testcase')).toHaveLength(4);
  });
});
