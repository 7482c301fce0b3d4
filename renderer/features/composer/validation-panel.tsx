import { describeVerdict } from '../../../shared/matomo/verdict';
import { issueCounts } from '../../../shared/query/query-row';
import { OutcomeBadge } from '../common/outcome-badge';
import { IssueList } from './issue-list';
import type { DraftAnalysis } from '../../requests/analyze-draft';
import { fieldList } from '../../requests/draft';

const BODY_KINDS: Record<string, string> = {
  gif: 'the 43-byte transparent GIF',
  empty: 'no body',
  text: 'a short text',
  'bulk-json': 'the bulk JSON summary',
  debug: 'the debug log (text/plain)',
};

/** Each entry of a bulk, in Matomo's order, with its verdict. */
function BulkVerdicts({ analysis }: { analysis: DraftAnalysis }) {
  return (
    <ol
      className="cmp-bulk-verdicts"
      aria-label="Bulk entries"
      data-testid="composer-bulk-verdicts"
    >
      {analysis.hits.map((hit) => {
        const { errors, warnings } = issueCounts(hit.issues);
        return (
          <li key={hit.index} className="cmp-verdict" data-outcome={hit.outcome}>
            <OutcomeBadge outcome={hit.outcome} errors={errors} warnings={warnings} />
            <span>
              Entry {hit.index + 1}: {describeVerdict(hit)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** What Matomo would do with the request as it stands: verdict, issues, and its answer. */
export function ValidationPanel({
  analysis,
  bulk = false,
  emptyRequired = [],
  untouched = false,
}: {
  analysis: DraftAnalysis | null;
  /** The request is a bulk: every entry is checked, not only the first. */
  bulk?: boolean;
  /** Required fields of the kind of hit that are still empty. */
  emptyRequired?: readonly string[];
  /** Nothing typed into the required fields yet: no verdict, only what to fill in. */
  untouched?: boolean;
}) {
  if (!analysis) return null;
  const missing =
    emptyRequired.length > 0 ? (
      <p className="cmp-missing-list" data-testid="composer-missing">
        Required and still empty: {fieldList(emptyRequired)}.
      </p>
    ) : null;
  if (untouched) {
    return (
      <section className="cmp-validation" aria-label="Validation" aria-live="polite">
        <div className="cmp-verdict" data-outcome="pending">
          <span data-testid="composer-verdict">
            Fill in the required fields to see what Matomo would do with this hit.
          </span>
        </div>
        {missing}
      </section>
    );
  }
  if (bulk) {
    return (
      <section className="cmp-validation" aria-label="Validation" aria-live="polite">
        <div className="cmp-answer muted" data-testid="composer-verdict">
          Bulk request: {analysis.hits.length} of its entries reach Matomo as hits.
        </div>
        <BulkVerdicts analysis={analysis} />
        <div className="cmp-answer muted" data-testid="composer-predicted">
          Matomo would answer <strong>{analysis.response.status}</strong> with{' '}
          {BODY_KINDS[analysis.response.bodyKind] ?? analysis.response.bodyKind}.
        </div>
        <IssueList
          issues={[...analysis.requestIssues, ...analysis.hits.flatMap((h) => h.issues)]}
        />
      </section>
    );
  }
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
      {analysis.devicesDetected ? null : (
        <p className="cmp-answer muted" data-testid="composer-device-pending">
          The user agent is not checked yet (the device detector is loading): a bot would still be
          shown as a visitor.
        </p>
      )}
      {missing}
      <IssueList issues={all} />
    </section>
  );
}
