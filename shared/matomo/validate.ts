// validate: what Matomo 5 would do with one hit (docs/tracking-protocol.md#outcomes) and why.
// - `rejected`: a check of docs/tracking-protocol.md#check-order fails with an error (400, nothing stored);
// - `excluded`: the hit is discarded silently (success answer, nothing stored);
// - `recorded`: stored, possibly with values dropped or changed (warnings).
// The stopping checks run in Matomo's order (validate-gates.ts); value and lint findings
// (validate-values.ts) are always reported, since they help fix the request either way.
import { capIssueSteps, withinIssueCap } from './issue-cap';
import { ISSUE_CODES, isIssueCode, NO_ISSUES } from './issue-codes';
import { hitFacts, type ValidateInput } from './validate-context';
import { firstStop } from './validate-gates';
import { valueIssuesAtOnce, valueIssueSteps } from './validate-values';
import { drain } from '../steps';
import type { Issue, Outcome, Severity, ValidationContext } from './types';

export type { ValidateInput } from './validate-context';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then info; the order within a severity is kept. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  // Array.prototype.sort is stable: issues of one severity keep their order.
  return [...issues].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * The outcome the issues lead to: any rejecting code wins over any excluding one. A bulk
 * entry lost with its aborted bulk (effect `abort`) is `rejected` too: the sender gets an
 * error answer and nothing is stored, which is what `rejected` means (docs/tracking-protocol.md#bulk-isolation, #bulk-response).
 */
export function outcomeOf(issues: Issue[]): Outcome {
  let outcome: Outcome = 'recorded';
  for (const issue of issues) {
    if (!isIssueCode(issue.code)) continue;
    const effect = ISSUE_CODES[issue.code].effect;
    if (effect === 'reject' || effect === 'abort') return 'rejected';
    if (effect === 'exclude') outcome = 'excluded';
  }
  return outcome;
}

export function validateEntry(
  input: ValidateInput,
  ctx: ValidationContext,
): { outcome: Outcome; issues: Issue[] } {
  return drain(validateEntrySteps(input, ctx));
}

/** validateEntry in steps: it pauses within the checks that read every parameter. */
export function* validateEntrySteps(
  input: ValidateInput,
  ctx: ValidationContext,
): Generator<void, { outcome: Outcome; issues: Issue[] }> {
  const facts = hitFacts(input, ctx);
  const stop = firstStop(facts);
  const issues = [...input.entry.issues];
  if (stop) issues.push(stop);
  const values = valueIssuesAtOnce(facts) ?? (yield* valueIssueSteps(facts));
  for (const issue of values) issues.push(issue);
  // Capped after the outcome is decided from every finding; the first issue of each kind,
  // the deciding one among them, is always listed.
  const listed = withinIssueCap(issues) ? issues : yield* capIssueSteps(issues);
  return {
    outcome: stop ? outcomeOf([stop]) : outcomeOf(input.entry.issues),
    // Most hits have no finding at all: nothing to order, and no list of their own to keep.
    issues: listed.length > 1 ? sortIssues(listed) : listed.length === 0 ? NO_ISSUES : listed,
  };
}
