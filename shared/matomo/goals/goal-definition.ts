// Goal definitions as a Matomo 5 site stores them (plugins/Goals/API.php addGoal/updateGoal,
// lines 161–205 and 233–273), and the checks Matomo's API applies before it saves one, so a
// definition accepted here is one Matomo would accept too.
import { phpRegex } from '../php-regex';
import { isPhpNumeric } from '../coerce';
import { goalRegexSource } from './goal-pattern';

/** What a goal looks at (core/Tracker/GoalManager.php lines 161–211). */
export const GOAL_MATCH_ATTRIBUTES = [
  'url',
  'title',
  'event_category',
  'event_action',
  'event_name',
  'file',
  'external_website',
  'visit_duration',
  'manually',
] as const;
export type GoalMatchAttribute = (typeof GOAL_MATCH_ATTRIBUTES)[number];

/** Text patterns; `greater_than` is the one type of the numeric attribute visit_duration. */
export const GOAL_PATTERN_TYPES = ['contains', 'exact', 'regex', 'greater_than'] as const;
export type GoalPatternType = (typeof GOAL_PATTERN_TYPES)[number];

export interface GoalDefinition {
  idgoal: number;
  name: string;
  matchAttribute: GoalMatchAttribute;
  /** The text to find, or the minutes for visit_duration; unused by manual goals. */
  pattern: string;
  patternType: GoalPatternType;
  /** Off by default, as in Matomo. */
  caseSensitive?: boolean;
  /** Off by default: only the first conversion of a visit counts. */
  allowMultiple?: boolean;
  /** Default revenue of a conversion (0 when unset). */
  revenue?: number;
  /** Event goals only: the event value (e_v) becomes the revenue. */
  eventValueAsRevenue?: boolean;
}

export const GOAL_ATTRIBUTE_LABELS: Record<GoalMatchAttribute, string> = {
  url: 'Page URL',
  title: 'Page title',
  event_category: 'Event category',
  event_action: 'Event action',
  event_name: 'Event name',
  file: 'Downloaded file URL',
  external_website: 'Outlink URL',
  visit_duration: 'Visit duration (minutes)',
  manually: 'Manually (idgoal)',
};

/** core/Tracker/GoalManager.php line 63 ($NUMERIC_MATCH_ATTRIBUTES). */
export function isNumericGoalAttribute(attribute: GoalMatchAttribute): boolean {
  return attribute === 'visit_duration';
}

/** core/Tracker/GoalManager.php lines 990–993 (isEventMatchingGoal). */
export function isEventGoalAttribute(attribute: GoalMatchAttribute): boolean {
  return attribute.startsWith('event_');
}

/** Every goal id a site knows: its plain id list and the ids of its definitions. */
export function knownGoalIds(site: {
  goals: readonly number[];
  goalDefinitions?: readonly GoalDefinition[];
}): number[] {
  const ids = new Set(site.goals);
  for (const goal of site.goalDefinitions ?? []) ids.add(goal.idgoal);
  return [...ids].sort((a, b) => a - b);
}

const has = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * The problems of one definition, each a sentence naming the goal and the value, checked in
 * Matomo's order (plugins/Goals/API.php lines 275–340: event value as revenue, pattern type per
 * attribute, numeric pattern, `exact` URLs starting with http, a regex that compiles).
 */
export function goalDefinitionProblems(goal: Partial<GoalDefinition>, where: string): string[] {
  const problems: string[] = [];
  const label = `${where}: goal ${goal.idgoal ?? '?'}${goal.name ? ` (${goal.name})` : ''}`;
  if (typeof goal.idgoal !== 'number' || !Number.isInteger(goal.idgoal) || goal.idgoal < 1) {
    problems.push(`${label}: idgoal must be a positive whole number.`);
  }
  if (typeof goal.name !== 'string' || goal.name.trim() === '') {
    problems.push(`${label}: the name is empty.`);
  }
  if (!oneOf(GOAL_MATCH_ATTRIBUTES, goal.matchAttribute)) {
    problems.push(
      `${label}: match attribute "${String(goal.matchAttribute)}" is not one of ${GOAL_MATCH_ATTRIBUTES.join(', ')}.`,
    );
    return problems;
  }
  const attribute = goal.matchAttribute;
  const pattern = typeof goal.pattern === 'string' ? goal.pattern : '';
  if (has(goal, 'pattern') && typeof goal.pattern !== 'string') {
    problems.push(`${label}: the pattern must be text.`);
  }
  if (goal.revenue !== undefined && (typeof goal.revenue !== 'number' || !(goal.revenue >= 0))) {
    problems.push(`${label}: the default revenue must be a number of 0 or more.`);
  }
  if (goal.eventValueAsRevenue && !isEventGoalAttribute(attribute)) {
    problems.push(`${label}: the event value can be the revenue only for event goals.`);
  }
  if (attribute === 'manually') return problems;
  const numeric = isNumericGoalAttribute(attribute);
  const types: readonly GoalPatternType[] = numeric
    ? ['greater_than']
    : ['contains', 'exact', 'regex'];
  if (!oneOf(types, goal.patternType)) {
    problems.push(
      `${label}: pattern type "${String(goal.patternType)}" does not fit ${attribute}; use ${types.join(' or ')}.`,
    );
    return problems;
  }
  if (numeric) {
    if (!isPhpNumeric(pattern)) {
      problems.push(`${label}: visit duration needs a number of minutes, got "${pattern}".`);
    }
    return problems;
  }
  if (pattern === '') problems.push(`${label}: the pattern is empty.`);
  if (
    goal.patternType === 'exact' &&
    !pattern.startsWith('http') &&
    !isEventGoalAttribute(attribute) &&
    attribute !== 'title'
  ) {
    problems.push(
      `${label}: an exact ${attribute} pattern must be a whole URL starting with http:// or https://, got "${pattern}".`,
    );
  }
  if (goal.patternType === 'regex' && pattern !== '' && !phpRegex(goalRegexSource(pattern))) {
    problems.push(`${label}: "${pattern}" is not a valid regular expression.`);
  }
  return problems;
}

/** Problems of a site's list: each definition, then ids used twice. */
export function goalDefinitionsProblems(
  goals: readonly Partial<GoalDefinition>[],
  where: string,
): string[] {
  const problems = goals.flatMap((goal) => goalDefinitionProblems(goal, where));
  const seen = new Set<number>();
  for (const goal of goals) {
    if (typeof goal.idgoal !== 'number') continue;
    if (seen.has(goal.idgoal)) problems.push(`${where}: goal id ${goal.idgoal} is used twice.`);
    seen.add(goal.idgoal);
  }
  return problems;
}

const FIELDS: Record<keyof GoalDefinition, 'number' | 'string' | 'boolean'> = {
  idgoal: 'number',
  name: 'string',
  matchAttribute: 'string',
  pattern: 'string',
  patternType: 'string',
  caseSensitive: 'boolean',
  allowMultiple: 'boolean',
  revenue: 'number',
  eventValueAsRevenue: 'boolean',
};
const REQUIRED: readonly (keyof GoalDefinition)[] = ['idgoal', 'name', 'matchAttribute'];

/** Reads a list of definitions from JSON (a settings file, the API): shape, then Matomo's rules. */
export function readGoalDefinitions(
  value: unknown,
  where: string,
): { goals: GoalDefinition[]; problems: string[] } {
  if (!Array.isArray(value)) return { goals: [], problems: [`${where} must be a list of goals.`] };
  const problems: string[] = [];
  const goals: GoalDefinition[] = [];
  value.forEach((item: unknown, index) => {
    const at = `${where}[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${at} must be an object.`);
      return;
    }
    const record = item as Record<string, unknown>;
    let shapeOk = true;
    for (const [key, val] of Object.entries(record)) {
      const type = FIELDS[key as keyof GoalDefinition];
      if (!type) {
        problems.push(
          `${at} has an unknown field "${key}"; known: ${Object.keys(FIELDS).join(', ')}.`,
        );
        shapeOk = false;
      } else if (typeof val !== type) {
        problems.push(`${at}.${key} must be a ${type}, got ${JSON.stringify(val)}.`);
        shapeOk = false;
      }
    }
    for (const key of REQUIRED) {
      if (!has(record, key)) {
        problems.push(`${at}.${key} is missing.`);
        shapeOk = false;
      }
    }
    if (shapeOk) goals.push({ pattern: '', patternType: 'contains', ...record } as GoalDefinition);
  });
  problems.push(...goalDefinitionsProblems(goals, where));
  return { goals, problems };
}
