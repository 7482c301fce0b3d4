// What differs between two hits that stand for the same thing (the same event in a golden
// capture and in today's): parameters added, removed or changed, the outcome and the issue
// codes, leaving out the values that change on every page load (VOLATILE_PARAMS) and any
// the user names.
import type { HitSummaryDto } from '../api/types';
import { paramValueText } from '../matomo/param-text';
import { VOLATILE_PARAMS } from '../matomo/volatile';

export interface FieldChange {
  /** A parameter name, or `outcome` / `issues` for the hit's verdict. */
  name: string;
  /** null: not there. */
  baseline: string | null;
  current: string | null;
  /** `e_v: "25" → "30"`, `uid: added "x"`, `e_n: removed "Intro"`. */
  text: string;
}

export function changeText(name: string, baseline: string | null, current: string | null): string {
  if (baseline === null) return `${name}: added ${JSON.stringify(current)}`;
  if (current === null) return `${name}: removed ${JSON.stringify(baseline)}`;
  return `${name}: ${JSON.stringify(baseline)} → ${JSON.stringify(current)}`;
}

function change(name: string, baseline: string | null, current: string | null): FieldChange {
  return { name, baseline, current, text: changeText(name, baseline, current) };
}

function issueCodes(hit: HitSummaryDto): string | null {
  const codes = [...new Set(hit.issues.map((issue) => issue.code))].sort();
  return codes.length > 0 ? codes.join(', ') : null;
}

/** The parameters left out of comparisons: the volatile ones and the extra ones given. */
export function ignoredParams(extra: readonly string[] = []): Set<string> {
  return new Set([...VOLATILE_PARAMS, ...extra]);
}

export type ParamStatus = 'same' | 'changed' | 'added' | 'removed';

/** One parameter of two hits side by side (the UI's comparison shows every one). */
export interface ParamComparison extends FieldChange {
  status: ParamStatus;
  /** Left out of the differences (volatile, or named by the user). */
  ignored: boolean;
}

function statusOf(baseline: string | null, current: string | null): ParamStatus {
  if (baseline === current) return 'same';
  if (baseline === null) return 'added';
  if (current === null) return 'removed';
  return 'changed';
}

/** Every parameter of either hit, in name order, with its status and whether it is ignored. */
export function compareParams(
  baseline: HitSummaryDto,
  current: HitSummaryDto,
  ignored: ReadonlySet<string> = ignoredParams(),
): ParamComparison[] {
  const names = new Set([...Object.keys(baseline.params), ...Object.keys(current.params)]);
  return [...names].sort().map((name) => {
    const before = Object.hasOwn(baseline.params, name)
      ? paramValueText(baseline.params[name])
      : null;
    const after = Object.hasOwn(current.params, name) ? paramValueText(current.params[name]) : null;
    return {
      ...change(name, before, after),
      status: statusOf(before, after),
      ignored: ignored.has(name),
    };
  });
}

/** The outcome and issue codes of two hits, when they differ. */
export function verdictChanges(baseline: HitSummaryDto, current: HitSummaryDto): FieldChange[] {
  const changes: FieldChange[] = [];
  if (baseline.outcome !== current.outcome) {
    changes.push(change('outcome', baseline.outcome, current.outcome));
  }
  const codesBefore = issueCodes(baseline);
  const codesAfter = issueCodes(current);
  if (codesBefore !== codesAfter) changes.push(change('issues', codesBefore, codesAfter));
  return changes;
}

/** Differences from `baseline` to `current`, parameters in name order, then outcome and issues. */
export function diffHits(
  baseline: HitSummaryDto,
  current: HitSummaryDto,
  ignored: ReadonlySet<string> = ignoredParams(),
): FieldChange[] {
  const params = compareParams(baseline, current, ignored)
    .filter((row) => !row.ignored && row.status !== 'same')
    .map(({ name, baseline: before, current: after, text }) => ({
      name,
      baseline: before,
      current: after,
      text,
    }));
  return [...params, ...verdictChanges(baseline, current)];
}
