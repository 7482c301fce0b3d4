import type { DecodedParam, Issue } from '../../../shared/matomo/types';
import { issueCodeSpec } from '../../../shared/matomo/issue-codes';
import { issueTotal } from '../../../shared/matomo/issue-cap';
import { sortIssues } from '../../../shared/matomo/validate';
import { Highlight } from '../common/highlight';
import { IssueReferenceButton } from '../issue-reference/issue-reference-button';

const SEVERITY_ICON = { error: '✕', warning: '⚠', info: 'i' } as const;

/** Every issue of the hit; clicking one shows its parameter, its "?" explains its code. */
export function IssuesList({
  issues,
  params,
  onIssue,
  onRelated,
}: {
  issues: Issue[];
  params: Record<string, DecodedParam>;
  onIssue: (param: string) => void;
  /** Opens the earlier hit a finding across hits names. */
  onRelated?: (hitId: string) => void;
}) {
  if (issues.length === 0) {
    return <p className="no-issues">No issues: the request follows the tracking protocol.</p>;
  }
  const sorted = sortIssues(issues);
  return (
    <section className="issues" aria-label="Issues">
      <h3>Issues ({issueTotal(issues).toLocaleString('en-US')})</h3>
      <ul>
        {sorted.map((issue, index) => {
          const target = issue.param && Object.hasOwn(params, issue.param) ? issue.param : null;
          const source = issueCodeSpec(issue.code)?.source;
          const content = (
            <>
              <span className={`severity severity-${issue.severity}`} aria-label={issue.severity}>
                {SEVERITY_ICON[issue.severity]}
              </span>
              <span className="issue-text">
                <span className="issue-head">
                  <code className="issue-code">{issue.code}</code>
                  {issue.param ? <span className="muted"> · {issue.param}</span> : null}
                  {source ? <span className="faint"> · Matomo {source}</span> : null}
                </span>
                <span className="issue-message">
                  <Highlight text={issue.message} />
                </span>
                {issue.hint ? <span className="issue-hint">Fix: {issue.hint}</span> : null}
              </span>
            </>
          );
          return (
            <li key={`${issue.code}-${index}`} className={`issue issue-${issue.severity}`}>
              {target ? (
                <button
                  type="button"
                  className="issue-button"
                  onClick={() => onIssue(target)}
                  title={`Show ${target}`}
                >
                  {content}
                </button>
              ) : (
                <div className="issue-button static">{content}</div>
              )}
              {issue.relatedHitId && onRelated ? (
                <button
                  type="button"
                  className="link-button related-hit"
                  onClick={() => onRelated(issue.relatedHitId as string)}
                  title={`Show hit ${issue.relatedHitId}`}
                >
                  Earlier hit
                </button>
              ) : null}
              <IssueReferenceButton code={issue.code} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
