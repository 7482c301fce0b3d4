// A tracking plan: what a page or a test must send (expectations with counts and order), how
// many of Hitscope's own issues are tolerated, and what to do with hits nobody planned.
// Plans are read from YAML or JSON files, from API bodies and from test code, so the shape
// is checked here once, with messages that name the place of each problem
// (`expectations[1] "Video play".count: …`). The JSON Schema in schema/ describes the same
// shape for editors.
import * as v from 'valibot';
import { planSchema } from './plan-schema';
import { matcherTerms, MatcherError, type HitMatcher } from './expectation';
import { parseCount } from './count-rule';

export { evaluatePlan } from './evaluate-plan';
export { SEVERITY_THRESHOLDS, UNPLANNED_MODES } from './plan-schema';
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

/** One problem of a plan: where (a path into the plan and its readable form) and what. */
export interface PlanProblem {
  path: (string | number)[];
  /** `expectations[1] "Video play".count`; '' for the plan as a whole. */
  place: string;
  message: string;
}

/** A plan that cannot be used; `problems` lists each one after its place. */
export class PlanError extends Error {
  override name = 'PlanError';
  readonly problems: string[];
  constructor(readonly details: PlanProblem[]) {
    const problems = details.map((d) => (d.place ? `${d.place}: ${d.message}` : d.message));
    super(
      problems.length === 1
        ? `Invalid plan: ${problems[0]}`
        : `Invalid plan:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

/** `expectations[1] "Video play".match.type` for a path into the plan. */
function placeOf(path: readonly (string | number)[], input: unknown): string {
  let place = '';
  let value: unknown = input;
  for (const key of path) {
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

type Path = (string | number)[];

/** Names, references, counts and matchers: what the schema cannot say. */
function meaningProblems(plan: TrackingPlan): { path: Path; message: string }[] {
  const problems: { path: Path; message: string }[] = [];
  const names = new Map<string, number>();
  plan.expectations.forEach((expectation, index) => {
    const at = (field: string): Path => ['expectations', index, field];
    const earlier = names.get(expectation.name);
    if (earlier !== undefined) {
      problems.push({
        path: at('name'),
        message: `the name is already used by expectations[${earlier}].`,
      });
    } else names.set(expectation.name, index);
    try {
      parseCount(expectation.count);
    } catch (error) {
      problems.push({ path: at('count'), message: (error as Error).message });
    }
    try {
      matcherTerms(expectation.match);
    } catch (error) {
      if (!(error instanceof MatcherError)) throw error;
      problems.push({ path: at('match'), message: error.message });
    }
  });
  plan.expectations.forEach((expectation, index) => {
    const after = expectation.after;
    if (after === undefined) return;
    const path = ['expectations', index, 'after'];
    if (after === expectation.name) problems.push({ path, message: 'cannot refer to itself.' });
    else if (!names.has(after)) {
      problems.push({ path, message: `no expectation is named "${after}".` });
    } else if (inCycle(plan, expectation)) {
      problems.push({ path, message: 'the order constraints form a cycle.' });
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
  const problem = (path: Path, message: string, input: unknown): PlanProblem => ({
    path,
    place: placeOf(path, input),
    message,
  });
  const result = v.safeParse(planSchema, value);
  if (!result.success) {
    throw new PlanError(
      result.issues.map((issue) =>
        problem(
          (issue.path ?? []).map((item) => item.key as string | number),
          issue.message,
          value,
        ),
      ),
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
  if (problems.length > 0) {
    throw new PlanError(problems.map((p) => problem(p.path, p.message, plan)));
  }
  return plan;
}
