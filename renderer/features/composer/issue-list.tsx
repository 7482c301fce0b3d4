import type { Issue } from '../../../shared/matomo/types';

/** Issues of the shared validator, worst first, each with its hint. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...issues].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="cmp-issues">
      {sorted.map((issue, i) => (
        <li
          key={`${issue.code}-${i}`}
          className={`cmp-issue ${issue.severity}`}
          data-code={issue.code}
        >
          <span className="cmp-issue-code">{issue.code}</span> {issue.message}
          {issue.hint ? <span className="cmp-issue-hint"> {issue.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}
