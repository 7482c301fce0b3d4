import type { Issue } from '../../../shared/matomo/types';
import { sortIssues } from '../../../shared/matomo/validate';
import { IssueReferenceButton } from '../issue-reference/issue-reference-button';

/** Issues of the shared validator, worst first, each with its hint. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  const sorted = sortIssues(issues);
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
          <IssueReferenceButton code={issue.code} />
        </li>
      ))}
    </ul>
  );
}
