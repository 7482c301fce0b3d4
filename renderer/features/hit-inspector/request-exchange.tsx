import { useMemo } from 'react';
import type { RequestRecordDto } from '../../../shared/api/types';
import { maskedRequest } from '../../lib/mask-token';
import { formatBody } from '../../lib/raw-body';
import { HeaderList } from './header-list';
import { Highlight } from '../common/highlight';

/** An HTTP request as received (line, headers, body, error) and the answer that was sent. */
export function RequestExchange({
  request,
  reveal,
  hitIndex,
}: {
  request: RequestRecordDto;
  reveal: boolean;
  /** Bulk entry to highlight in the body, when a bulk hit is shown. */
  hitIndex: number | null;
}) {
  // Everything below shows the masked record: URL, headers, body and the answer (a debug
  // answer quotes the token).
  const shown = useMemo(() => maskedRequest(request, reveal).shown, [request, reveal]);
  // A binary body is only described (its size), never shown: described as it was received.
  // Memoized: formatting parses and prints a whole bulk body.
  const segments = useMemo(
    () =>
      formatBody(shown.bodyEncoding === 'base64' ? request.body : shown.body, {
        contentType: shown.headers['content-type'],
        bodyEncoding: shown.bodyEncoding,
        hitIndex,
      }),
    [shown, request.body, hitIndex],
  );
  const response = shown.response;
  return (
    <div className="raw-view" data-testid="raw-view">
      <h3>Request</h3>
      <pre className="raw-block request-line">
        {shown.method} <Highlight text={shown.url} />
      </pre>
      <HeaderList headers={shown.headers} />
      {segments.length ? (
        <>
          <h4>
            Body{' '}
            <span className="muted small">
              ({shown.bodySize} bytes{shown.bodyTruncated ? ', cut' : ''})
            </span>
          </h4>
          <pre className="raw-block body">
            {segments.map((segment, i) =>
              segment.highlight ? (
                <mark
                  key={i}
                  className="bulk-entry"
                  data-testid="bulk-entry-highlight"
                  ref={(element) => element?.scrollIntoView?.({ block: 'center' })}
                >
                  <Highlight text={segment.text} />
                </mark>
              ) : (
                <Highlight key={i} text={segment.text} />
              ),
            )}
          </pre>
        </>
      ) : null}
      {shown.error ? (
        <p className="param-note error">
          {shown.error.code}: <Highlight text={shown.error.message} />
        </p>
      ) : null}
      <h3>Answer</h3>
      <pre className="raw-block">
        {response.status} · {response.contentType ?? 'no content type'} ·{' '}
        {response.durationMs.toFixed(1)} ms
      </pre>
      <HeaderList headers={response.headers} />
      <pre className="raw-block body">
        {response.body ? (
          <Highlight text={response.body} />
        ) : response.bodyKind === 'gif' ? (
          '(1×1 transparent GIF, 43 bytes)'
        ) : (
          '(no body)'
        )}
      </pre>
    </div>
  );
}
