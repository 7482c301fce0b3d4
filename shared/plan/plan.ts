// A tracking plan: what a page or a test must send (expectations with counts and order), how
// many of Hitscope's own issues are tolerated, and what to do with hits nobody planned.
// Plans are read from YAML or JSON files, from API bodies and from test code, so the shape
// is checked here once, with messages that name the place of each problem
// (`expectations[1] "Video play".count: …`). The JSON Schema in schema/ describes the same
// shape for editors.
import * as v from 'valibot';
import { matcherTerms, MatcherError, type HitMatcher } from './expectation';
import { parseCount } from './count-rule';

export { evaluatePlan } from './evaluate-plan';
export type {
  ExpectationResult,
  ExpectationStatus,
  IssueCheckResult,
  OrderViolation,
  PlanResult,
  UnplannedResult,
} from './evaluate-plan';

export interface Expectation {
  name: string;
  match: HitMatcher;
  /** 1, '>=1', '<=2', '2..5'; 0 = forbidden. Default: at least one. */
  count?: number | string;
  /** The name of another expectation whose first hit must come before this one's hits. */
  after?: string;
}

export const SEVERITY_THRESHOLDS = ['none', 'info', 'warning'] as const;
export const UNPLANNED_MODES = ['allow', 'report', 'fail'] as const;

export interface TrackingPlan {
  expectations: Expectation[];
  issues?: {
    /** The highest issue severity a hit may have: none (no issue at all), info or warning. */
    maxSeverity?: 'none' | 'info' | 'warning';
    /** Issue codes no hit may have (a prefix such as `ua` covers `ua.*`, as in `issue:`). */
    forbidCodes?: string[];
  };
  /** Hits that match no expectation: allowed silently, reported (default) or failing. */
  unplanned?: 'allow' | 'report' | 'fail';
}

/** A plan that cannot be used; `problems` lists each one with its place. */
export class PlanError extends Error {
  override name = 'PlanError';
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid plan: ${problems[0]}`
        : `Invalid plan:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
  }
}

/**
 * The message of a strict object's problems: an unknown field is named with the known ones,
 * a missing one is "required", anything else is not an object of these fields.
 */
function objectMessage(known: string, notAnObject: string) {
  return (issue: v.BaseIssue<unknown>) =>
    issue.expected === 'never'
      ? `is not a known field; the known ones are ${known}.`
      : issue.input === undefined && (issue.path?.length ?? 0) > 0
        ? 'is required.'
        : notAnObject;
}

const CONDITION_KEYS = 'equals, regex, min, max, present';

const conditionObjectSchema = v.strictObject(
  {
    equals: v.optional(v.union([v.string(), v.number()], 'must be a string or a number.')),
    regex: v.optional(v.string('must be a string (a regular expression).')),
    min: v.optional(v.number('must be a number.')),
    max: v.optional(v.number('must be a number.')),
    present: v.optional(v.boolean('must be true or false.')),
  },
  (issue) =>
    issue.expected === 'never'
      ? `is not a known condition; the known ones are ${CONDITION_KEYS}.`
      : `must be a value or an object of ${CONDITION_KEYS}.`,
);

// Chosen by the kind of value, so a problem inside an object is reported at its own place
// instead of as "none of the alternatives fits".
const conditionSchema = v.lazy((input) =>
  typeof input === 'string' || typeof input === 'number'
    ? v.union([v.string(), v.number()])
    : conditionObjectSchema,
);

const MATCHER_KEYS = 'query, type, params';

const matcherObjectSchema = v.strictObject(
  {
    query: v.optional(v.string('must be a string in the query language.')),
    type: v.optional(v.string('must be a hit type, e.g. event.')),
    params: v.optional(
      v.record(v.string(), conditionSchema, 'must be an object of parameter: condition.'),
    ),
  },
  objectMessage(MATCHER_KEYS, `must be a query string or an object of ${MATCHER_KEYS}.`),
);

const matcherSchema = v.lazy((input) =>
  typeof input === 'string'
    ? v.pipe(
        v.string(),
        v.transform((query): HitMatcher => ({ query })),
      )
    : matcherObjectSchema,
);

const EXPECTATION_KEYS = 'name, match, count, after, description';

const expectationSchema = v.strictObject(
  {
    name: v.pipe(
      v.string('must be a string: the name of the expectation.'),
      v.trim(),
      v.nonEmpty('must not be empty.'),
    ),
    match: matcherSchema,
    count: v.optional(
      v.union([v.number(), v.string()], 'must be a number or a text such as ">=1".'),
    ),
    after: v.optional(v.pipe(v.string('must be the name of another expectation.'), v.trim())),
    /** Free text for people reading the plan. */
    description: v.optional(v.string('must be a string.')),
  },
  objectMessage(EXPECTATION_KEYS, `must be an object of ${EXPECTATION_KEYS}.`),
);

const PLAN_KEYS = '$schema, expectations, issues, unplanned';

const planSchema = v.strictObject(
  {
    $schema: v.optional(v.string('must be a string.')),
    expectations: v.array(expectationSchema, 'must be a list of expectations.'),
    issues: v.optional(
      v.strictObject(
        {
          maxSeverity: v.optional(
            v.picklist(SEVERITY_THRESHOLDS, `must be one of ${SEVERITY_THRESHOLDS.join(', ')}.`),
          ),
          forbidCodes: v.optional(
            v.array(
              v.pipe(
                v.string('must be an issue code.'),
                v.regex(/^[\w.-]+$/, 'must be an issue code such as idsite.missing.'),
              ),
              'must be a list of issue codes.',
            ),
          ),
        },
        objectMessage('maxSeverity, forbidCodes', 'must be an object of maxSeverity, forbidCodes.'),
      ),
    ),
    unplanned: v.optional(
      v.picklist(UNPLANNED_MODES, `must be one of ${UNPLANNED_MODES.join(', ')}.`),
    ),
  },
  objectMessage(PLAN_KEYS, 'A plan must be an object with a list of expectations.'),
);

type PathItem = { key: unknown };

/** `expectations[1] "Video play".match.type` from a valibot issue path. */
function placeOf(path: readonly PathItem[] | undefined, input: unknown): string {
  let place = '';
  let value: unknown = input;
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') {
      place += `[${key}]`;
      value = Array.isArray(value) ? value[key] : undefined;
      // An expectation is named by its name too: "expectations[3]" alone is hard to find.
      const name = (value as { name?: unknown } | null | undefined)?.name;
      if (typeof name === 'string' && name.trim() !== '') place += ` "${name.trim()}"`;
    } else {
      place += place === '' ? String(key) : `.${String(key)}`;
      value =
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[String(key)]
          : undefined;
    }
  }
  return place;
}

function expectationPlace(index: number, expectation: Expectation): string {
  return `expectations[${index}] "${expectation.name}"`;
}

/** Names, references and matchers: what the schema cannot say. */
function meaningProblems(plan: TrackingPlan): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  plan.expectations.forEach((expectation, index) => {
    const place = expectationPlace(index, expectation);
    const earlier = names.get(expectation.name);
    if (earlier !== undefined) {
      problems.push(`${place}.name: the name is already used by expectations[${earlier}].`);
    } else names.set(expectation.name, index);
    try {
      parseCount(expectation.count);
    } catch (error) {
      problems.push(`${place}.count: ${(error as Error).message}`);
    }
    try {
      matcherTerms(expectation.match);
    } catch (error) {
      if (!(error instanceof MatcherError)) throw error;
      problems.push(`${place}.match: ${error.message}`);
    }
  });
  plan.expectations.forEach((expectation, index) => {
    if (expectation.after === undefined) return;
    const place = `${expectationPlace(index, expectation)}.after`;
    if (expectation.after === expectation.name) problems.push(`${place}: cannot refer to itself.`);
    else if (!names.has(expectation.after)) {
      problems.push(`${place}: no expectation is named "${expectation.after}".`);
    } else if (inCycle(plan, expectation)) {
      problems.push(`${place}: the order constraints form a cycle.`);
    }
  });
  return problems;
}

function inCycle(plan: TrackingPlan, start: Expectation): boolean {
  const byName = new Map(plan.expectations.map((e) => [e.name, e]));
  const seen = new Set<string>([start.name]);
  let current = start.after ? byName.get(start.after) : undefined;
  while (current) {
    if (seen.has(current.name)) return current.name === start.name;
    seen.add(current.name);
    current = current.after ? byName.get(current.after) : undefined;
  }
  return false;
}

/**
 * Checks a plan read from YAML, JSON or code and returns it in its normal form (a `match`
 * written as a query string becomes `{ query }`). Throws PlanError naming every problem.
 */
export function parsePlan(value: unknown): TrackingPlan {
  const result = v.safeParse(planSchema, value);
  if (!result.success) {
    throw new PlanError(
      result.issues.map((issue) => {
        const place = placeOf(issue.path, value);
        return place ? `${place}: ${issue.message}` : issue.message;
      }),
    );
  }
  const output = result.output;
  const plan: TrackingPlan = {
    expectations: output.expectations.map((e) => ({
      name: e.name,
      match: e.match,
      ...(e.count !== undefined ? { count: e.count } : {}),
      ...(e.after !== undefined && e.after !== '' ? { after: e.after } : {}),
    })),
    ...(output.issues ? { issues: output.issues } : {}),
    ...(output.unplanned ? { unplanned: output.unplanned } : {}),
  };
  const problems = meaningProblems(plan);
  if (problems.length > 0) throw new PlanError(problems);
  return plan;
}
