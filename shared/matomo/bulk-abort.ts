// A bulk entry that stops the whole bulk. Matomo runs the entries of a bulk in order inside
// one DB transaction (bulk_requests_use_transaction=1, the default, docs/tracking-protocol.md#bulk-request) and handles
// only the two per-request validation exceptions entry by entry. Any other exception (e.g. the
// generic one for an unclaimed ca=1, docs/tracking-protocol.md#action-parameters, #error-messages) leaves the loop: processing stops at
// that entry, the transaction is rolled back and the whole bulk gets an error answer (docs/tracking-protocol.md#bulk-isolation,
// docs/tracking-protocol.md#bulk-response). Every entry is still shown, each with what the abort means for it.
import { issueCodeSpec, makeIssue } from './issue-codes';
import type { AnalyzedHit, Issue, Outcome } from './types';
import { sortIssues } from './validate';

/** What the abort rules need to know about each hit, in processing order. */
export interface BulkAbortHit {
  index: number;
  outcome: Outcome;
  issues?: readonly Issue[];
}

/** Whether the issue's code makes Matomo stop a bulk (catalogue flag `abortsBulk`). */
export function abortsBulk(issue: Issue): boolean {
  return issue.severity === 'error' && issueCodeSpec(issue.code)?.abortsBulk === true;
}

/**
 * Position (in processing order, not Matomo's index) of the entry that stops the bulk, or -1.
 * Validation reports only the first stopping check of a hit (docs/tracking-protocol.md#check-order), so an aborting code
 * on a rejected hit is what decided it: an entry refused earlier for a bad site, say, never
 * reaches the check that would throw.
 */
export function bulkAbortPosition(hits: readonly BulkAbortHit[]): number {
  return hits.findIndex(
    (hit) => hit.outcome === 'rejected' && (hit.issues ?? []).some((issue) => abortsBulk(issue)),
  );
}

/** Matomo's index of the entry that stopped the bulk, as named in a `bulk.*` issue. */
export function abortingEntryOf(issue: Issue): number | null {
  const match = /#(\d+)/.exec(issue.message);
  return match ? Number(match[1]) : null;
}

/**
 * A hit that Matomo counted as `tracked` before the failure. Rejected entries before the abort
 * threw a per-request exception and are not counted; entries rolled back were processed
 * without error, so Matomo counts them although nothing of them is kept (docs/tracking-protocol.md#bulk-response, #open-questions).
 */
export function countedAsTracked(hit: BulkAbortHit): boolean {
  if (hit.outcome !== 'rejected') return true;
  return (hit.issues ?? []).some((issue) => issue.code === 'bulk.rolled_back');
}

/**
 * The hits of a bulk as Matomo leaves them when one entry aborts it (new objects; the input is
 * not changed); the same array when none does. Outcomes, so that tables, filters and counts say that nothing was stored:
 * - the entry that aborts keeps its own `rejected` outcome and gains `bulk.aborted`;
 * - entries before it that would have been recorded become `rejected` with `bulk.rolled_back`
 *   (a warning: the entry itself is fine). `rejected` rather than `excluded`, because the
 *   sender gets an error answer, while `excluded` means a success answer that hides the loss;
 * - entries before it that were already excluded or rejected keep their own outcome and
 *   reason: they would not have been stored even had the bulk gone through;
 * - entries after it become `rejected` with `bulk.not_processed`: Matomo never reads them.
 *   Their own findings stay, since they tell what Matomo will do once the bulk gets through.
 */
export function applyBulkAbort(hits: AnalyzedHit[]): AnalyzedHit[] {
  const at = bulkAbortPosition(hits);
  const culprit = hits[at];
  if (culprit === undefined) return hits;
  const n = culprit.index;
  const before = hits.slice(0, at);
  const after = hits.length - at - 1;
  const rolledBack = before.filter((hit) => hit.outcome === 'recorded').length;
  return hits.map((hit, position): AnalyzedHit => {
    if (position === at) {
      const issue = makeIssue('bulk.aborted', {
        message: `Entry #${n} stops the whole bulk with a server error (500): ${consequences(rolledBack, after)}.`,
      });
      return { ...hit, issues: sortIssues([...hit.issues, issue]) };
    }
    if (position > at) {
      const issue = makeIssue('bulk.not_processed', {
        message: `Entry #${n} stopped the bulk before this entry: Matomo never processes it.`,
      });
      return { ...hit, outcome: 'rejected', issues: sortIssues([issue, ...hit.issues]) };
    }
    if (hit.outcome !== 'recorded') return hit;
    const issue = makeIssue('bulk.rolled_back', {
      message: `Entry #${n}, later in the bulk, stopped Matomo, which rolled the bulk back: this entry is not stored, although the answer counts it as tracked.`,
    });
    return { ...hit, outcome: 'rejected', issues: sortIssues([issue, ...hit.issues]) };
  });
}

function consequences(rolledBack: number, after: number): string {
  const parts = ['nothing of the bulk is stored'];
  if (rolledBack > 0)
    parts.push(`${entries(rolledBack)} before it ${verb(rolledBack)} rolled back`);
  if (after > 0) parts.push(`${entries(after)} after it ${verb(after)} never processed`);
  return parts.join(', ');
}

const entries = (count: number) => `${count} entr${count === 1 ? 'y' : 'ies'}`;
const verb = (count: number) => (count === 1 ? 'is' : 'are');
