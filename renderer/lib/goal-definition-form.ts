// Goal definitions as the settings form edits them (text fields), and back, with Matomo's
// checks (shared/matomo/goals) giving one message per problem.
import {
  goalDefinitionsProblems,
  isNumericGoalAttribute,
  type GoalDefinition,
  type GoalMatchAttribute,
  type GoalPatternType,
} from '../../shared/matomo/goals/goal-definition';

export interface GoalDraft {
  key: string;
  idgoal: string;
  name: string;
  matchAttribute: GoalMatchAttribute;
  pattern: string;
  patternType: GoalPatternType;
  caseSensitive: boolean;
  allowMultiple: boolean;
  /** Default revenue; empty: none. */
  revenue: string;
  eventValueAsRevenue: boolean;
}

let goalKey = 0;

export function toGoalDraft(goal: GoalDefinition): GoalDraft {
  goalKey += 1;
  return {
    key: `goal-${goalKey}`,
    idgoal: String(goal.idgoal),
    name: goal.name,
    matchAttribute: goal.matchAttribute,
    pattern: goal.pattern,
    patternType: goal.patternType,
    caseSensitive: goal.caseSensitive === true,
    allowMultiple: goal.allowMultiple === true,
    revenue: goal.revenue === undefined ? '' : String(goal.revenue),
    eventValueAsRevenue: goal.eventValueAsRevenue === true,
  };
}

/** A new goal with the next free id of the site (ids of the plain list count too). */
export function emptyGoalDraft(
  existing: readonly GoalDraft[],
  usedIds: readonly number[],
): GoalDraft {
  const used = [...usedIds, ...existing.map((goal) => Number(goal.idgoal))].filter(
    Number.isInteger,
  );
  const idgoal = used.length ? Math.max(...used) + 1 : 1;
  return toGoalDraft({
    idgoal,
    name: `Goal ${idgoal}`,
    matchAttribute: 'url',
    pattern: '',
    patternType: 'contains',
  });
}

/** A match attribute change keeps the pattern type valid for it (numeric: greater_than). */
export function withAttribute(draft: GoalDraft, matchAttribute: GoalMatchAttribute): GoalDraft {
  const numeric = isNumericGoalAttribute(matchAttribute);
  const patternType = numeric
    ? 'greater_than'
    : draft.patternType === 'greater_than'
      ? 'contains'
      : draft.patternType;
  return { ...draft, matchAttribute, patternType };
}

function fromGoalDraft(draft: GoalDraft, label: string, errors: string[]): GoalDefinition {
  const goal: GoalDefinition = {
    idgoal: Number(draft.idgoal.trim() || NaN),
    name: draft.name.trim(),
    matchAttribute: draft.matchAttribute,
    pattern: draft.matchAttribute === 'manually' ? '' : draft.pattern.trim(),
    patternType: draft.patternType,
  };
  if (draft.caseSensitive) goal.caseSensitive = true;
  if (draft.allowMultiple) goal.allowMultiple = true;
  if (draft.eventValueAsRevenue) goal.eventValueAsRevenue = true;
  if (draft.revenue.trim() !== '') {
    const revenue = Number(draft.revenue.trim().replace(',', '.'));
    if (Number.isFinite(revenue)) goal.revenue = revenue;
    else errors.push(`${label}: goal ${draft.idgoal}: revenue "${draft.revenue}" is not a number.`);
  }
  return goal;
}

/** The definitions of one site, with every problem appended to `errors`. */
export function fromGoalDrafts(
  drafts: readonly GoalDraft[],
  label: string,
  errors: string[],
): GoalDefinition[] {
  const goals = drafts.map((draft) => fromGoalDraft(draft, label, errors));
  errors.push(...goalDefinitionsProblems(goals, label));
  return goals;
}
