// Small views over a hit's issues shared by the composer and the inspector.
import type { Issue, Severity } from '../../shared/matomo/types';

/** The issues that name each parameter, in their order; issues naming none are left out. */
export function issuesByParam(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (!issue.param) continue;
    const list = map.get(issue.param);
    if (list) list.push(issue);
    else map.set(issue.param, [issue]);
  }
  return map;
}

/** The worst severity among the issues (error, then warning, then info), or null for none. */
export function worstSeverity(issues: readonly Issue[]): Severity | null {
  if (issues.some((i) => i.severity === 'error')) return 'error';
  if (issues.some((i) => i.severity === 'warning')) return 'warning';
  return issues.length ? 'info' : null;
}
