// Checks a set of hits against a tracking plan. Live (the default), an expectation that can
// still be met by hits to come is `open`; a final check (`final: true`: a finished test, a
// capture file) counts it as failed. Too many hits, forbidden hits and hits out of order
// fail at once: no later hit can undo them.
import type { HitSummaryDto } from '../api/types';
import type { Issue } from '../matomo/types';
import { parseCount } from './count-rule';
import { matcherTerms, satisfies } from './expectation';
import { toQueryRow } from '../query/query-row';
import { chronological, plural } from './hit-order';
import { describeMisses, nearestMisses, type NearMiss } from './nearest-miss';
import type { Expectation, TrackingPlan } from './plan';

export type ExpectationStatus = 'pass' | 'fail' | 'open';

export interface OrderViolation {
  hitId: string;
  text: string;
}

export interface ExpectationResult {
  name: string;
  status: ExpectationStatus;
  /** The count wanted, in words: `exactly 1`, `at least 1`, `none`. */
  count: string;
  /** Ids of the matching hits, oldest first. */
  hitIds: string[];
  /** For an expectation not met yet: the hits that came closest. */
  nearestMisses: NearMiss[];
  orderViolations: OrderViolation[];
  /** What happened, in a sentence or a few lines (the nearest misses included). */
  message: string;
}

export interface IssueCheckResult {
  /** `no issues`, `no warnings or errors`, `no errors`, `no issue idsite.missing`. */
  name: string;
  status: 'pass' | 'fail';
  hitIds: string[];
  message: string;
}

export interface UnplannedResult {
  mode: NonNullable<TrackingPlan['unplanned']>;
  status: 'pass' | 'fail';
  /** Hits matching no expectation, oldest first. */
  hitIds: string[];
  message: string;
}

export interface PlanResult {
  /** fail if anything failed, else open if an expectation waits for hits, else pass. */
  status: ExpectationStatus;
  /** Number of hits checked. */
  hits: number;
  expectations: ExpectationResult[];
  issues: IssueCheckResult[];
  unplanned: UnplannedResult;
}

export interface EvaluateOptions {
  /** No more hits will come: an expectation still waiting for hits has failed. */
  final?: boolean;
  /** Nearest misses listed per unmet expectation (default 3). */
  misses?: number;
}

/** Ids for a message: the first few, then how many more. */
function idList(ids: readonly string[], shown = 5): string {
  const head = ids.slice(0, shown).join(', ');
  return ids.length > shown ? `${head} and ${ids.length - shown} more` : head;
}

/** A hit in a message: its id and type. */
function nameOf(hit: HitSummaryDto): string {
  return `${hit.id} (${hit.type})`;
}

function orderViolations(
  expectation: Expectation,
  matched: number[],
  firstOf: Map<string, number>,
  sorted: readonly HitSummaryDto[],
): OrderViolation[] {
  if (expectation.after === undefined) return [];
  const first = firstOf.get(expectation.after);
  return matched
    .filter((position) => first === undefined || position < first)
    .map((position) => {
      const hitId = (sorted[position] as HitSummaryDto).id;
      return {
        hitId,
        text: `hit ${hitId} came before ${first === undefined ? 'any' : 'the first'} hit of "${expectation.after}"`,
      };
    });
}

function expectationResult(
  expectation: Expectation,
  matched: number[],
  firstOf: Map<string, number>,
  sorted: readonly HitSummaryDto[],
  options: EvaluateOptions,
): ExpectationResult {
  const rule = parseCount(expectation.count);
  const hits = matched.map((position) => sorted[position] as HitSummaryDto);
  const hitIds = hits.map((hit) => hit.id);
  const named = hits.map(nameOf);
  const violations = orderViolations(expectation, matched, firstOf, sorted);
  const n = matched.length;
  const got = `${plural(n, 'matching hit')}, expected ${rule.text}`;
  let status: ExpectationStatus;
  let message: string;
  let misses: NearMiss[] = [];
  if (rule.max !== null && n > rule.max) {
    status = 'fail';
    message =
      rule.max === 0
        ? `${plural(n, 'forbidden hit')} received: ${idList(named)}.`
        : `${got}: ${idList(named)}.`;
  } else if (violations.length > 0) {
    status = 'fail';
    message = `Out of order: ${violations.map((violation) => violation.text).join('; ')}.`;
  } else if (n < rule.min) {
    status = options.final ? 'fail' : 'open';
    misses = nearestMisses(expectation.match, sorted, options.misses ?? 3);
    message = `${got}.\n${describeMisses(misses)}`;
  } else {
    status = 'pass';
    message = `${got}.`;
  }
  return {
    name: expectation.name,
    status,
    count: rule.text,
    hitIds,
    nearestMisses: misses,
    orderViolations: violations,
    message,
  };
}

const SEVERITY_RANK: Record<Issue['severity'], number> = { info: 1, warning: 2, error: 3 };
const THRESHOLD_RANK = { none: 0, info: 1, warning: 2 } as const;
const THRESHOLD_NAMES = {
  none: 'no issues',
  info: 'no warnings or errors',
  warning: 'no errors',
} as const;

function issueCheck(
  name: string,
  sorted: readonly HitSummaryDto[],
  offending: (hit: HitSummaryDto) => Issue[],
): IssueCheckResult {
  const found = sorted
    .map((hit) => ({ hit, issues: offending(hit) }))
    .filter(({ issues }) => issues.length > 0);
  if (found.length === 0) return { name, status: 'pass', hitIds: [], message: 'No hit has one.' };
  const lines = found
    .slice(0, 5)
    .map(({ hit, issues }) =>
      [
        `  hit ${hit.id} (${hit.type}):`,
        ...issues.map((issue) => `    ${issue.severity} ${issue.code}: ${issue.message}`),
      ].join('\n'),
    );
  if (found.length > 5) lines.push(`  and ${plural(found.length - 5, 'more hit')}`);
  return {
    name,
    status: 'fail',
    hitIds: found.map(({ hit }) => hit.id),
    message: `${plural(found.length, 'hit')} break it:\n${lines.join('\n')}`,
  };
}

function issueChecks(plan: TrackingPlan, sorted: readonly HitSummaryDto[]): IssueCheckResult[] {
  const checks: IssueCheckResult[] = [];
  const threshold = plan.issues?.maxSeverity;
  if (threshold !== undefined) {
    const rank = THRESHOLD_RANK[threshold];
    checks.push(
      issueCheck(THRESHOLD_NAMES[threshold], sorted, (hit) =>
        hit.issues.filter((issue) => SEVERITY_RANK[issue.severity] > rank),
      ),
    );
  }
  for (const code of plan.issues?.forbidCodes ?? []) {
    // Read as the query language's `issue:` term reads a code: `ua` covers `ua.*`.
    const lower = code.toLowerCase();
    checks.push(
      issueCheck(`no issue ${code}`, sorted, (hit) =>
        hit.issues.filter((issue) => issue.code.toLowerCase().startsWith(lower)),
      ),
    );
  }
  return checks;
}

function unplannedResult(
  plan: TrackingPlan,
  sorted: readonly HitSummaryDto[],
  planned: ReadonlySet<number>,
): UnplannedResult {
  const mode = plan.unplanned ?? 'report';
  const hits = sorted.filter((_, position) => !planned.has(position));
  const hitIds = hits.map((hit) => hit.id);
  const fails = mode === 'fail' && hitIds.length > 0;
  const message =
    hitIds.length === 0
      ? 'Every hit matches an expectation.'
      : `${plural(hitIds.length, 'hit')} match${hitIds.length === 1 ? 'es' : ''} no expectation: ${idList(hits.map(nameOf))}.`;
  return { mode, status: fails ? 'fail' : 'pass', hitIds, message };
}

/** Checks the hits (any order) against the plan. */
export function evaluatePlan(
  plan: TrackingPlan,
  hits: readonly HitSummaryDto[],
  options: EvaluateOptions = {},
): PlanResult {
  const sorted = chronological(hits);
  const termsOf = plan.expectations.map((expectation) => matcherTerms(expectation.match));
  const readsRow = termsOf.some((terms) => terms.some((term) => term.readsRow));
  const matchedBy = plan.expectations.map((): number[] => []);
  sorted.forEach((hit, position) => {
    // One query row per hit for every expectation.
    const row = readsRow ? toQueryRow(hit) : undefined;
    termsOf.forEach((terms, i) => {
      if (satisfies(terms, hit, row)) matchedBy[i]?.push(position);
    });
  });
  const firstOf = new Map<string, number>();
  const planned = new Set<number>();
  plan.expectations.forEach((expectation, i) => {
    const positions = matchedBy[i] as number[];
    if (positions.length > 0) firstOf.set(expectation.name, positions[0] as number);
    for (const position of positions) planned.add(position);
  });
  const expectations = plan.expectations.map((expectation, i) =>
    expectationResult(expectation, matchedBy[i] as number[], firstOf, sorted, options),
  );
  const issues = issueChecks(plan, sorted);
  const unplanned = unplannedResult(plan, sorted, planned);
  const statuses = [
    ...expectations.map((e) => e.status),
    ...issues.map((i) => i.status),
    unplanned.status,
  ];
  const status: ExpectationStatus = statuses.includes('fail')
    ? 'fail'
    : statuses.includes('open')
      ? 'open'
      : 'pass';
  return { status, hits: sorted.length, expectations, issues, unplanned };
}
