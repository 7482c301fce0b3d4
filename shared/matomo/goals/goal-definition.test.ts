import { describe, expect, it } from 'vitest';
import { goalDefinitionsProblems, knownGoalIds, type GoalDefinition } from './goal-definition';

const base: GoalDefinition = {
  idgoal: 1,
  name: 'Order',
  matchAttribute: 'url',
  pattern: '/thanks',
  patternType: 'contains',
};
const problems = (patch: Partial<GoalDefinition>) =>
  goalDefinitionsProblems([{ ...base, ...patch }], 'Shop');

// plugins/Goals/API.php lines 275–340: the checks addGoal/updateGoal run before saving.
describe('goal definitions are checked as Matomo checks them', () => {
  it('accepts a plain definition', () => {
    expect(problems({})).toEqual([]);
  });

  it('an exact URL pattern must be a whole http(s) URL; titles and events need not', () => {
    expect(problems({ patternType: 'exact' })).toEqual([
      'Shop: goal 1 (Order): an exact url pattern must be a whole URL starting with http:// or https://, got "/thanks".',
    ]);
    expect(problems({ patternType: 'exact', matchAttribute: 'title' })).toEqual([]);
    expect(problems({ patternType: 'exact', matchAttribute: 'event_name' })).toEqual([]);
  });

  it('visit duration takes greater_than and a number of minutes', () => {
    expect(problems({ matchAttribute: 'visit_duration' })[0]).toContain(
      'pattern type "contains" does not fit visit_duration; use greater_than',
    );
    expect(
      problems({
        matchAttribute: 'visit_duration',
        patternType: 'greater_than',
        pattern: 'five',
      })[0],
    ).toContain('visit duration needs a number of minutes, got "five"');
    expect(
      problems({ matchAttribute: 'visit_duration', patternType: 'greater_than', pattern: '5' }),
    ).toEqual([]);
  });

  it('refuses a regex that does not compile, an unknown attribute, a bad revenue and event value outside events', () => {
    expect(problems({ patternType: 'regex', pattern: '(' })).toEqual([
      'Shop: goal 1 (Order): "(" is not a valid regular expression.',
    ]);
    expect(problems({ matchAttribute: 'color' as never })[0]).toContain(
      'match attribute "color" is not one of',
    );
    expect(problems({ revenue: -1 })[0]).toContain('default revenue must be a number of 0 or more');
    expect(problems({ eventValueAsRevenue: true })[0]).toContain('only for event goals');
  });

  it('ids are positive and unique', () => {
    expect(goalDefinitionsProblems([base, base], 'Shop')).toEqual([
      'Shop: goal id 1 is used twice.',
    ]);
    expect(problems({ idgoal: 0 })[0]).toContain('idgoal must be a positive whole number');
  });

  it('known goal ids join the plain list and the definitions', () => {
    expect(
      knownGoalIds({ goals: [4, 1], goalDefinitions: [base, { ...base, idgoal: 7 }] }),
    ).toEqual([1, 4, 7]);
  });
});
