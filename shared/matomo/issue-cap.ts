// A hit lists its issues of one kind (code and severity) one by one up to a cap; the rest
// share one closing issue of that kind saying how many more there were. A form of megabytes
// may hold a bad value in each of 140,000 _cvar slots: a hit listing each of them is
// megabytes to store, to read back by id and to show, and tells nothing the first hundred
// did not (docs/tracking-protocol.md#issue-cap).
import { issueCodeSpec } from './issue-codes';
import type { Issue } from './types';

/** Issues of one code and severity a hit lists one by one. */
export const ISSUES_LISTED_PER_CODE = 100;

/** Issues capped between two pauses of capIssueSteps. */
const ISSUES_PER_STEP = 4096;

/**
 * How many findings an issue stands for: one, or for a closing issue the findings it says
 * were not listed. Counts of issues (per severity, per hit, of values dropped) add these up,
 * so they stay those of every finding.
 */
export const issueWeight = (issue: Issue): number => issue.more ?? 1;

/** The findings of a list of issues: its length, unless a closing issue stands for more. */
export function issueTotal(issues: readonly Issue[]): number {
  let total = 0;
  for (const issue of issues) total += issueWeight(issue);
  return total;
}

/**
 * True when `issues` are listed as they are: fewer in all than the cap allows of one kind, as
 * for almost every hit. A caller asks first, so that no generator of capIssueSteps is made
 * for them (one per analysed hit).
 */
export const withinIssueCap = (issues: readonly Issue[], listed = ISSUES_LISTED_PER_CODE) =>
  issues.length <= listed;

/** The findings of one kind beyond the cap, gathered into the closing issue. */
interface Unlisted {
  closing: Issue;
  more: number;
  params: Set<string>;
}

/**
 * The issues with at most `listed` of each code and severity kept, in their order; the first
 * issue over the cap is replaced by the closing issue of its kind, the others are left out.
 * `holder` is what lists them: a hit, or a request for the findings of no one hit.
 */
export function* capIssueSteps(
  issues: Issue[],
  listed = ISSUES_LISTED_PER_CODE,
  holder: 'hit' | 'request' = 'hit',
): Generator<void, Issue[]> {
  if (withinIssueCap(issues, listed)) return issues;
  const seen = new Map<string, number>();
  const unlisted = new Map<string, Unlisted>();
  const kept: Issue[] = [];
  for (let i = 0; i < issues.length; i++) {
    if (i % ISSUES_PER_STEP === ISSUES_PER_STEP - 1) yield;
    const issue = issues[i] as Issue;
    const kind = `${issue.severity} ${issue.code}`;
    const count = seen.get(kind) ?? 0;
    if (count < listed) {
      seen.set(kind, count + 1);
      kept.push(issue);
      continue;
    }
    let gathered = unlisted.get(kind);
    if (!gathered) {
      gathered = { closing: closingIssue(issue), more: 0, params: new Set() };
      unlisted.set(kind, gathered);
      kept.push(gathered.closing);
    }
    gathered.more += issueWeight(issue);
    if (issue.param !== undefined) gathered.params.add(issue.param);
  }
  for (const { closing, more, params } of unlisted.values()) {
    closing.more = more;
    closing.message = `… and ${more.toLocaleString('en-US')} more like these${where(params)}, not listed: a ${holder} lists its first ${listed} issues of each code one by one.`;
  }
  return kept;
}

/** The closing issue of the kind of `first`, the first issue over the cap; filled in at the end. */
function closingIssue(first: Issue): Issue {
  const closing: Issue = { code: first.code, severity: first.severity, message: '' };
  // Selecting it shows the parameter the unlisted findings start at.
  if (first.param !== undefined) closing.param = first.param;
  const hint = issueCodeSpec(first.code)?.hint ?? first.hint;
  if (hint !== undefined) closing.hint = hint;
  return closing;
}

/** Where the unlisted findings are: " in _cvar", " in a, b and 3 other parameters". */
function where(params: ReadonlySet<string>): string {
  const names: string[] = [];
  for (const name of params) {
    if (names.length === 3) break;
    names.push(name);
  }
  if (names.length === 0) return '';
  const others = params.size - names.length;
  if (others > 0)
    return ` in ${names.join(', ')} and ${others.toLocaleString('en-US')} other parameters`;
  const last = names.pop() as string;
  return ` in ${names.length > 0 ? `${names.join(', ')} and ${last}` : last}`;
}
