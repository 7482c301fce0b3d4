import { RevealTokenButton } from './reveal-token-button';
import { useState } from 'react';
import type { RequestRecordDto } from '../../../shared/api/types';
import { plural } from '../../lib/format';
import { maskedRequest } from '../../lib/mask-token';
import { RequestExchange } from './request-exchange';
import { useRequestRecord } from './use-request-record';
import '../../styles/failed-requests.css';
import { Highlight } from '../common/highlight';
import { LocalTime } from '../common/local-time';

function FailedVerdict({ request }: { request: RequestRecordDto }) {
  const error = request.error;
  const hint = request.issues.find((issue) => issue.code === error?.code)?.hint;
  const imported = request.imported;
  return (
    <div className="verdict verdict-failed" data-testid="failed-verdict">
      <h2 className="verdict-sentence">
        Refused before analysis with {request.response.status}: no hit was recorded.
      </h2>
      <div className="verdict-facts">
        <span className="badge failed">{error?.code ?? 'failed'}</span>
        <span className="muted">
          {request.method} {request.path}
        </span>
        <LocalTime className="muted" at={request.receivedAt} />
        {imported ? (
          <span className="muted">imported{imported.file ? ` from ${imported.file}` : ''}</span>
        ) : null}
      </div>
      <p className="failed-error">
        <Highlight text={error?.message ?? ''} />
      </p>
      {hint ? <p className="failed-hint muted">{hint}</p> : null}
    </div>
  );
}

/** A request that was analysed (a bulk): its hits, its answer and its request-level issues. */
function RequestVerdict({ request }: { request: RequestRecordDto }) {
  // Hits its line in the data file lost: counted, never listed as hits to open.
  const lost = request.lostHitIds?.length ?? 0;
  return (
    <div className="verdict" data-testid="request-verdict">
      <h2 className="verdict-sentence">
        {request.transport === 'bulk' ? 'Bulk request' : 'Request'} carrying{' '}
        {plural(request.hitIds.length + lost, 'hit')}, answered {request.response.status}.
      </h2>
      {lost > 0 ? (
        <p className="failed-error" data-testid="request-lost-hits">
          {plural(lost, 'hit')} of this request could not be read:{' '}
          {lost === 1 ? 'it was' : 'they were'} in a damaged line of the data file, set aside in the
          file the data alert names.
        </p>
      ) : null}
      <div className="verdict-facts">
        <span className="muted">
          {request.method} {request.path}
        </span>
        <LocalTime className="muted" at={request.receivedAt} />
      </div>
      {request.issues.length > 0 ? (
        <ul className="request-issues">
          {request.issues.map((issue, i) => (
            <li key={i}>
              <span className={`badge ${issue.severity === 'error' ? 'rejected' : 'excluded'}`}>
                {issue.code}
              </span>{' '}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A request on its own: one that failed before analysis (why, then the raw request and the
 * answer), or a bulk request selected by its row (its hits, answer and request issues).
 */
export function FailedRequestView({ requestId }: { requestId: string }) {
  const state = useRequestRecord(requestId);
  const [reveal, setReveal] = useState(false);
  if (state.status === 'loading') return <div className="inspector-empty muted">Loading…</div>;
  if (state.status === 'error') {
    return (
      <div className="inspector-empty" role="alert">
        Could not load this request: {state.message}
      </div>
    );
  }
  const { request } = state;
  const hasToken = maskedRequest(request, false).hasToken;
  return (
    <div className="inspector-body" data-request-id={request.id}>
      {request.error ? <FailedVerdict request={request} /> : <RequestVerdict request={request} />}
      {hasToken ? (
        <div className="inspector-toolbar" role="toolbar" aria-label="Request actions">
          <RevealTokenButton
            reveal={reveal}
            onReveal={setReveal}
            title="token_auth is masked in the views"
          />
        </div>
      ) : null}
      <div
        className="inspector-scroll"
        role="region"
        tabIndex={0}
        aria-label={request.error ? 'Failed request' : 'HTTP request'}
      >
        <RequestExchange request={request} reveal={reveal} hitIndex={null} />
      </div>
    </div>
  );
}
