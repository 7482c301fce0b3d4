import { RevealTokenButton } from './reveal-token-button';
import { useState } from 'react';
import type { RequestRecordDto } from '../../../shared/api/types';
import { formatLocalDateTime } from '../../lib/format';
import { maskedRequest } from '../../lib/mask-token';
import { RequestExchange } from './request-exchange';
import { useRequestRecord } from './use-request-record';
import '../../styles/failed-requests.css';

function FailedVerdict({ request }: { request: RequestRecordDto }) {
  const error = request.error;
  const hint = request.issues.find((issue) => issue.code === error?.code)?.hint;
  const imported = request.imported;
  return (
    <div className="verdict verdict-failed" data-testid="failed-verdict">
      <p className="verdict-sentence">
        Refused before analysis with {request.response.status}: no hit was recorded.
      </p>
      <div className="verdict-facts">
        <span className="badge failed">{error?.code ?? 'failed'}</span>
        <span className="muted">
          {request.method} {request.path}
        </span>
        <span className="muted">{formatLocalDateTime(Date.parse(request.receivedAt))}</span>
        {imported ? (
          <span className="muted">imported{imported.file ? ` from ${imported.file}` : ''}</span>
        ) : null}
      </div>
      <p className="failed-error">{error?.message}</p>
      {hint ? <p className="failed-hint muted">{hint}</p> : null}
    </div>
  );
}

/** A request that failed before analysis: why, then the raw request and the answer. */
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
      <FailedVerdict request={request} />
      {hasToken ? (
        <div className="inspector-toolbar" role="toolbar" aria-label="Request actions">
          <RevealTokenButton
            reveal={reveal}
            onReveal={setReveal}
            title="token_auth is masked in the views"
          />
        </div>
      ) : null}
      <div className="inspector-scroll" role="region" tabIndex={0} aria-label="Failed request">
        <RequestExchange request={request} reveal={reveal} hitIndex={null} />
      </div>
    </div>
  );
}
