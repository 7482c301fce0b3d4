import { describe, expect, it } from 'vitest';
import { classifyHit } from '../classify';
import type { ParamValue } from '../types';
import type { GoalDefinition } from './goal-definition';
import { predictGoals, type GoalVisitContext } from './goal-match';
import { visitGoalPredictions } from './visit-goals';

const goal = (idgoal: number, patch: Partial<GoalDefinition>): GoalDefinition => ({
  idgoal,
  name: `Goal ${idgoal}`,
  matchAttribute: 'url',
  pattern: '/checkout/success',
  patternType: 'contains',
  ...patch,
});

/** A hit as the tracker would send it, classified the way the analyser does. */
function hit(query: string) {
  const params: Record<string, ParamValue> = Object.fromEntries(new URLSearchParams(query));
  return { params, type: classifyHit(params), outcome: 'recorded' as const };
}

const predict = (query: string, goals: GoalDefinition[], visit: GoalVisitContext = {}) =>
  predictGoals(hit(`idsite=1&rec=1&${query}`), goals, visit);

// core/Tracker/GoalManager.php lines 936–973 (isGoalPatternMatchingUrl), 892–905 (urldecoded retry).
describe('goal patterns as Matomo tests them', () => {
  const url = 'url=https://shop.example/Checkout/Success?order=1';

  it('contains ignores case unless the goal is case-sensitive, and says why it missed', () => {
    expect(predict(url, [goal(1, {})]).conversions.map((c) => c.idgoal)).toEqual([1]);
    const sensitive = predict(url, [goal(1, { caseSensitive: true })]);
    expect(sensitive.conversions).toEqual([]);
    expect(sensitive.misses[0]?.reason).toBe(
      'pattern `/checkout/success` is case-sensitive; the URL is `https://shop.example/Checkout/Success?order=1`',
    );
  });

  it('exact compares the whole URL; regex is wrapped in slashes with slashes escaped', () => {
    const exact = goal(1, { patternType: 'exact', pattern: 'https://shop.example/thanks' });
    expect(predict('url=https://shop.example/THANKS', [exact]).conversions).toHaveLength(1);
    expect(predict('url=https://shop.example/thanks/', [exact]).conversions).toHaveLength(0);
    const regex = goal(2, { patternType: 'regex', pattern: '/order/[0-9]+$' });
    expect(predict('url=https://shop.example/order/42', [regex]).conversions).toHaveLength(1);
    expect(predict('url=https://shop.example/order/42x', [regex]).misses[0]?.reason).toBe(
      'the URL `https://shop.example/order/42x` does not match regex `/order/[0-9]+$`',
    );
  });

  it('tries a URL-encoded pattern once more decoded', () => {
    const encoded = goal(1, { pattern: '/caf%C3%A9' });
    expect(predict('url=https://shop.example/café', [encoded]).conversions).toHaveLength(1);
  });

  it('matches the page title, trimmed, and only on page views', () => {
    const title = goal(3, { matchAttribute: 'title', pattern: 'Thank you', patternType: 'exact' });
    expect(
      predict('url=https://s.example/&action_name=%20thank%20you%20', [title]).conversions,
    ).toHaveLength(1);
  });
});

// GoalManager.php lines 170–180: a goal looks only at its action type.
describe('goals look at their own kind of action', () => {
  it('a URL goal does not match a site search, and says so', () => {
    const result = predict('url=https://shop.example/checkout/success?q=boots', [goal(1, {})]);
    expect(result.conversions).toEqual([]);
    expect(result.misses[0]?.reason).toBe(
      'this hit became a site search (keyword "boots"), URL goals don\'t match it',
    );
  });

  it('file goals match downloads, outlink goals outlinks, event goals events', () => {
    const goals = [
      goal(1, { matchAttribute: 'file', pattern: '.pdf' }),
      goal(2, { matchAttribute: 'external_website', pattern: 'partner.example' }),
      goal(3, { matchAttribute: 'event_action', pattern: 'play', patternType: 'exact' }),
    ];
    const ids = (q: string) => predict(q, goals).conversions.map((c) => c.idgoal);
    expect(ids('url=https://s.example/&download=https://s.example/a.PDF')).toEqual([1]);
    expect(ids('url=https://s.example/&link=https://partner.example/x')).toEqual([2]);
    expect(ids('url=https://s.example/&e_c=Video&e_a=Play')).toEqual([3]);
    const miss = predict('url=https://s.example/a.pdf', goals).misses.find((m) => m.idgoal === 1);
    expect(miss?.reason).toBe(
      'downloaded file url goals look at downloads; this hit is a page view',
    );
  });

  it('manual goals convert only with idgoal, and then nothing else is matched', () => {
    const goals = [goal(1, { matchAttribute: 'manually' }), goal(2, {})];
    expect(
      predict('url=https://s.example/checkout/success', goals).conversions.map((c) => c.idgoal),
    ).toEqual([2]);
    const manual = predict('idgoal=1&url=https://s.example/checkout/success', goals);
    expect(manual.conversions.map((c) => c.idgoal)).toEqual([1]);
    expect(manual.misses[0]?.reason).toContain('converts goal 1 by hand and records no action');
  });

  it('pings and ecommerce hits convert no site goal', () => {
    expect(
      predict('ping=1&url=https://s.example/checkout/success', [goal(1, {})]).misses[0]?.reason,
    ).toBe('a ping records no action, so no goal is matched');
    expect(
      predict('idgoal=0&ec_id=A1&revenue=5&url=https://s.example/checkout/success', [goal(1, {})])
        .conversions,
    ).toEqual([]);
  });

  it('visit duration goals compare the minutes since the first action, strictly greater', () => {
    const long = goal(4, {
      matchAttribute: 'visit_duration',
      patternType: 'greater_than',
      pattern: '5',
    });
    expect(
      predict('url=https://s.example/', [long], { visitSeconds: 301 }).conversions,
    ).toHaveLength(1);
    expect(predict('url=https://s.example/', [long], { visitSeconds: 300 }).misses[0]?.reason).toBe(
      'the visit has lasted 5 min 0 s, not more than 5 min',
    );
    // Any action counts, even a site search (lines 166–168 run before the type filter).
    expect(
      predict('url=https://s.example/?q=x', [long], { visitSeconds: 400 }).conversions,
    ).toHaveLength(1);
  });
});

// GoalManager.php lines 736–747, core/Db/Schema/Mysql.php line 246, core/Tracker/Model.php 55–70.
describe('one conversion per visit unless multiple are allowed', () => {
  const url = 'url=https://s.example/checkout/success';
  it('names the earlier conversion as the reason', () => {
    const once = predict(url, [goal(1, {})], { converted: new Set([1]) });
    expect(once.conversions).toEqual([]);
    expect(once.misses[0]?.reason).toBe(
      'already converted in this visit and multiple conversions are off',
    );
    const many = predict(url, [goal(1, { allowMultiple: true })], { converted: new Set([1]) });
    expect(many.conversions).toHaveLength(1);
  });
});

// plugins/Ecommerce/Columns/Revenue.php lines 108–114, BaseConversion.php 23–36, GoalManager.php 795–805.
describe('revenue of a conversion', () => {
  const url = 'url=https://s.example/checkout/success';
  it("takes the hit's revenue, else the goal's default, rounded to cents", () => {
    const paid = goal(1, { revenue: 10 });
    expect(predict(`${url}&revenue=12.345`, [paid]).conversions[0]).toMatchObject({
      revenue: 12.35,
      revenueFrom: 'hit',
    });
    expect(predict(url, [paid]).conversions[0]).toMatchObject({ revenue: 10, revenueFrom: 'goal' });
    expect(predict(`${url}&revenue=abc`, [paid]).conversions[0]).toMatchObject({
      revenue: 10,
      revenueFrom: 'goal',
    });
    expect(predict(url, [goal(1, {})]).conversions[0]?.revenue).toBe(0);
  });

  it('an event goal may take the event value', () => {
    const play = goal(3, {
      matchAttribute: 'event_action',
      pattern: 'play',
      eventValueAsRevenue: true,
      revenue: 1,
    });
    expect(
      predict('url=https://s.example/&e_c=V&e_a=play&e_v=4.5', [play]).conversions[0],
    ).toMatchObject({ revenue: 4.5, revenueFrom: 'event' });
  });

  it('a rejected or excluded hit converts nothing', () => {
    const rejected = predictGoals({ ...hit(`idsite=1&${url}`), outcome: 'rejected' }, [
      goal(1, {}),
    ]);
    expect(rejected.conversions).toEqual([]);
    expect(rejected.misses[0]?.reason).toBe('the hit is rejected, so Matomo converts nothing');
  });
});

describe('goals over the hits of a visit', () => {
  const at = (id: string, seconds: number, query: string) => ({
    id,
    seconds,
    ...hit(`idsite=1&rec=1&${query}`),
  });

  it('converts a goal once per visit, and counts the visit duration from the first action', () => {
    const goals = [
      goal(1, {}),
      goal(2, { matchAttribute: 'visit_duration', patternType: 'greater_than', pattern: '1' }),
    ];
    const predictions = visitGoalPredictions(
      [
        at('a', 1000, 'url=https://s.example/'),
        at('b', 1030, 'url=https://s.example/checkout/success'),
        at('c', 1100, 'url=https://s.example/checkout/success'),
      ],
      goals,
    );
    expect(predictions.get('a')?.conversions).toEqual([]);
    expect(predictions.get('b')?.conversions.map((c) => c.idgoal)).toEqual([1]);
    const third = predictions.get('c');
    expect(third?.conversions.map((c) => c.idgoal)).toEqual([2]);
    expect(third?.misses[0]?.reason).toBe(
      'already converted in this visit and multiple conversions are off',
    );
  });
});
