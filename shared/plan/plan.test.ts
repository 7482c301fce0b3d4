import { describe, expect, it } from 'vitest';
import { eventHit, summaryHit } from '../../test-support/plan/summary-hit';
import { parseCount } from './count-rule';
import { evaluatePlan, parsePlan, PlanError, type TrackingPlan } from './plan';

function problemsOf(value: unknown): string[] {
  try {
    parsePlan(value);
  } catch (error) {
    if (error instanceof PlanError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseCount', () => {
  it('reads every form', () => {
    const read = (value: number | string | undefined) => {
      const rule = parseCount(value);
      return [rule.min, rule.max, rule.text];
    };
    expect(read(undefined)).toEqual([1, null, 'at least 1']);
    expect(read(1)).toEqual([1, 1, 'exactly 1']);
    expect(read(0)).toEqual([0, 0, 'none']);
    expect(read('>=2')).toEqual([2, null, 'at least 2']);
    expect(read('> 2')).toEqual([3, null, 'at least 3']);
    expect(read('<=2')).toEqual([0, 2, 'at most 2']);
    expect(read('<3')).toEqual([0, 2, 'at most 2']);
    expect(read('=4')).toEqual([4, 4, 'exactly 4']);
    expect(read('2..5')).toEqual([2, 5, 'from 2 to 5']);
  });

  it('refuses what cannot be a count', () => {
    for (const bad of [-1, 1.5, 'many', '5..2', '<0', '>=x']) {
      expect(() => parseCount(bad), String(bad)).toThrow();
    }
  });
});

describe('parsePlan', () => {
  it('returns the plan in its normal form', () => {
    const plan = parsePlan({
      $schema: '../schema/tracking-plan.schema.json',
      expectations: [
        { name: ' Page view ', match: 'type:pageview', count: 1 },
        { name: 'Play', match: { type: 'event', params: { e_a: 'Play' } }, after: 'Page view' },
      ],
      issues: { maxSeverity: 'info' },
      unplanned: 'fail',
    });
    expect(plan).toEqual({
      expectations: [
        { name: 'Page view', match: { query: 'type:pageview' }, count: 1 },
        { name: 'Play', match: { type: 'event', params: { e_a: 'Play' } }, after: 'Page view' },
      ],
      issues: { maxSeverity: 'info' },
      unplanned: 'fail',
    });
  });

  it('names the place of each shape problem', () => {
    expect(problemsOf(null)).toEqual(['A plan must be an object with a list of expectations.']);
    expect(problemsOf({})).toEqual(['expectations: is required.']);
    expect(problemsOf({ expectations: [], extra: 1 })).toEqual([
      'extra: is not a known field; the known ones are $schema, expectations, issues, unplanned.',
    ]);
    expect(
      problemsOf({
        expectations: [
          { name: 'Play', match: { type: 'event', params: { e_v: { least: 3 } } } },
          { name: 'Pause', match: { kind: 'event' }, count: true },
          { match: 'type:event' },
        ],
        issues: { maxSeverity: 'error' },
        unplanned: 'ignore',
      }),
    ).toEqual([
      'expectations[0] "Play".match.params.e_v.least: is not a known condition; the known ones are equals, regex, min, max, present.',
      'expectations[1] "Pause".match.kind: is not a known field; the known ones are query, type, params.',
      'expectations[1] "Pause".count: must be a number or a text such as ">=1".',
      'expectations[2].name: is required.',
      'issues.maxSeverity: must be one of none, info, warning.',
      'unplanned: must be one of allow, report, fail.',
    ]);
  });

  it('names problems of meaning: names, references, counts, matchers', () => {
    expect(
      problemsOf({
        expectations: [
          { name: 'A', match: 'type:video' },
          { name: 'A', match: {}, count: 'many' },
          { name: 'B', match: {}, after: 'C' },
          { name: 'D', match: {}, after: 'E' },
          { name: 'E', match: {}, after: 'D' },
          { name: 'F', match: {}, after: 'F' },
          { name: 'G', match: { params: { e_c: { regex: '[' } } } },
        ],
      }),
    ).toEqual([
      'expectations[0] "A".match: query "type:video": type: "video" is not one of pageview, event, site_search, outlink, download, content_impression, content_interaction, goal, ecommerce_order, ecommerce_cart, product_view, ping, media, crash, unknown.',
      'expectations[1] "A".name: the name is already used by expectations[0].',
      'expectations[1] "A".count: must be one of 1, 0 (forbidden), ">=1", "<=2", ">1", "<3" or "2..5", got "many".',
      expect.stringMatching(/^expectations\[6\] "G".match: params.e_c.regex is not a valid/),
      'expectations[2] "B".after: no expectation is named "C".',
      'expectations[3] "D".after: the order constraints form a cycle.',
      'expectations[4] "E".after: the order constraints form a cycle.',
      'expectations[5] "F".after: cannot refer to itself.',
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => parsePlan({ expectations: [{ name: 'A' }] })).toThrow(
      'Invalid plan: expectations[0] "A".match: is required.',
    );
  });
});

describe('evaluatePlan', () => {
  const plan: TrackingPlan = parsePlan({
    expectations: [
      { name: 'Home page view', match: 'type:pageview', count: 1 },
      {
        name: 'Video play',
        match: { type: 'event', params: { e_c: 'Video', e_a: 'Play' } },
        after: 'Home page view',
      },
      { name: 'No order', match: { type: 'order' }, count: 0 },
    ],
  });

  it('passes when every expectation is met in order', () => {
    const hits = [eventHit('Video', 'Play', { id: 'e', at: 2 }), summaryHit({ id: 'p', at: 1 })];
    const result = evaluatePlan(plan, hits);
    expect(result.status).toBe('pass');
    expect(result.expectations.map((e) => [e.name, e.status, e.hitIds, e.message])).toEqual([
      ['Home page view', 'pass', ['p'], '1 matching hit, expected exactly 1.'],
      ['Video play', 'pass', ['e'], '1 matching hit, expected at least 1.'],
      ['No order', 'pass', [], '0 matching hits, expected none.'],
    ]);
    expect(result.hits).toBe(2);
  });

  it('leaves an unmet expectation open while live, failed when final, with nearest misses', () => {
    const hits = [summaryHit({ id: 'p', at: 1 }), eventHit('Video', 'play', { id: 'e', at: 2 })];
    const live = evaluatePlan(plan, hits);
    expect(live.status).toBe('open');
    const video = live.expectations[1];
    expect(video?.status).toBe('open');
    expect(video?.nearestMisses.map((m) => m.hitId)).toEqual(['e']);
    expect(video?.message).toContain('0 matching hits, expected at least 1.\nNearest miss:');
    expect(video?.message).toContain('e_a: expected "Play", got "play"');
    const final = evaluatePlan(plan, hits, { final: true });
    expect(final.status).toBe('fail');
    expect(final.expectations[1]?.status).toBe('fail');
  });

  it('fails forbidden, exceeding and out-of-order hits at once', () => {
    const hits = [
      eventHit('Video', 'Play', { id: 'early', at: 1 }),
      summaryHit({ id: 'p1', at: 2 }),
      summaryHit({ id: 'p2', at: 3 }),
      summaryHit({ id: 'o', at: 4, type: 'ecommerce_order' }),
    ];
    const result = evaluatePlan(plan, hits);
    expect(result.status).toBe('fail');
    expect(result.expectations.map((e) => [e.status, e.message])).toEqual([
      ['fail', '2 matching hits, expected exactly 1: p1 (pageview), p2 (pageview).'],
      ['fail', 'Out of order: hit early came before the first hit of "Home page view".'],
      ['fail', '1 forbidden hit received: o (ecommerce_order).'],
    ]);
    expect(result.expectations[1]?.orderViolations).toEqual([
      { hitId: 'early', text: 'hit early came before the first hit of "Home page view"' },
    ]);
  });

  it('says when the expectation an order refers to has no hit at all', () => {
    const result = evaluatePlan(plan, [eventHit('Video', 'Play', { id: 'e' })]);
    expect(result.expectations[1]?.message).toBe(
      'Out of order: hit e came before any hit of "Home page view".',
    );
  });

  it('checks the issue threshold and forbidden codes', () => {
    const warning = {
      code: 'idsite.unknown',
      severity: 'warning' as const,
      message: 'No site 9.',
    };
    const info = { code: 'ua.bot', severity: 'info' as const, message: 'A bot.' };
    const hits = [
      summaryHit({ id: 'w', issues: [warning, info] }),
      summaryHit({ id: 'i', issues: [info] }),
    ];
    const checked = (issues: TrackingPlan['issues']) =>
      evaluatePlan({ expectations: [], issues, unplanned: 'allow' }, hits).issues.map((c) => [
        c.name,
        c.status,
        c.hitIds,
      ]);
    expect(checked({ maxSeverity: 'none' })).toEqual([['no issues', 'fail', ['w', 'i']]]);
    expect(checked({ maxSeverity: 'info' })).toEqual([['no warnings or errors', 'fail', ['w']]]);
    expect(checked({ maxSeverity: 'warning' })).toEqual([['no errors', 'pass', []]]);
    expect(checked({ forbidCodes: ['ua', 'idsite.missing'] })).toEqual([
      ['no issue ua', 'fail', ['w', 'i']],
      ['no issue idsite.missing', 'pass', []],
    ]);
    const result = evaluatePlan({ expectations: [], issues: { maxSeverity: 'info' } }, hits);
    expect(result.issues[0]?.message).toBe(
      '1 hit break it:\n  hit w (pageview):\n    warning idsite.unknown: No site 9.',
    );
  });

  it('allows, reports or fails unplanned hits', () => {
    const hits = [summaryHit({ id: 'p', at: 1 }), eventHit('Audio', 'Play', { id: 'a', at: 2 })];
    const base = { expectations: [{ name: 'Page', match: { type: 'pageview' } }] };
    const run = (unplanned?: TrackingPlan['unplanned']) =>
      evaluatePlan({ ...base, ...(unplanned ? { unplanned } : {}) }, hits);
    expect(run().unplanned).toEqual({
      mode: 'report',
      status: 'pass',
      hitIds: ['a'],
      message: '1 hit matches no expectation: a (event).',
    });
    expect(run('allow').status).toBe('pass');
    expect(run('fail').status).toBe('fail');
    expect(run('fail').unplanned.status).toBe('fail');
  });
});
