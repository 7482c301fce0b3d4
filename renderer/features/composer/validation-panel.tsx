import { describeVerdict } from '../../../shared/matomo/verdict';
import { issueCounts } from '../../../shared/query/query-row';
import { OutcomeBadge } from '../common/outcome-badge';
import { IssueList } from './issue-list';
import type { DraftAnalysis } from '../../requests/analyze-draft';

const BODY_KINDS: Record<string, string> = {
  gif: 'the 43-byte transparent GIF',
  empty: 'no body',
  text: 'a short text',
  'bulk-json': 'the bulk JSON summary',
  debug: 'the debug log (text/plain)',
};

/** What Matomo would do with the request as it stands: verdict, issues, and its answer. */
export function ValidationPanel({ analysis }: { analysis: DraftAnalysis | null }) {
  if (!analysis) return null;
  const hit = analysis.hits[0];
  const all = [...analysis.requestIssues, ...(hit?.issues ?? [])];
  const { errors, warnings } = issueCounts(all);
  const answer = analysis.response;
  return (
    <section className="cmp-validation" aria-label="Validation" aria-live="polite">
      {hit ? (
        <div className="cmp-verdict" data-outcome={hit.outcome}>
          <OutcomeBadge outcome={hit.outcome} errors={errors} warnings={warnings} />
          <span data-testid="composer-verdict">{describeVerdict(hit)}</span>
        </div>
      ) : null}
      <div className="cmp-answer muted" data-testid="composer-predicted">
        Matomo would answer <strong>{answer.status}</strong>
        {answer.contentType ? ` (${answer.contentType})` : ''} with{' '}
        {BODY_KINDS[answer.bodyKind] ?? answer.bodyKind}.
      </div>
      <IssueList issues={all} />
    </section>
  );
}
