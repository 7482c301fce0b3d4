import type { RequestRecordDto } from '../../../shared/api/types';
import { maybeMask } from '../../lib/mask-token';
import { formatBody } from '../../lib/raw-body';
import { HeaderList } from './header-list';

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
  const segments = formatBody(maybeMask(request.body, reveal), {
    contentType: request.headers['content-type'],
    bodyEncoding: request.bodyEncoding,
    hitIndex,
  });
  const response = request.response;
  return (
    <div className="raw-view" data-testid="raw-view">
      <h3>Request</h3>
      <pre className="raw-block request-line">
        {request.method} {maybeMask(request.url, reveal)}
      </pre>
      <HeaderList headers={request.headers} />
      {segments.length ? (
        <>
          <h4>
            Body{' '}
            <span className="muted small">
              ({request.bodySize} bytes{request.bodyTruncated ? ', cut' : ''})
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
                  {segment.text}
                </mark>
              ) : (
                <span key={i}>{segment.text}</span>
              ),
            )}
          </pre>
        </>
      ) : null}
      {request.error ? (
        <p className="param-note error">
          {request.error.code}: {request.error.message}
        </p>
      ) : null}
      <h3>Answer</h3>
      <pre className="raw-block">
        {response.status} · {response.contentType ?? 'no content type'} ·{' '}
        {response.durationMs.toFixed(1)} ms
      </pre>
      <HeaderList headers={response.headers} />
      <pre className="raw-block body">
        {response.body ||
          (response.bodyKind === 'gif' ? '(1×1 transparent GIF, 43 bytes)' : '(no body)')}
      </pre>
    </div>
  );
}
