import { useMemo, useState } from 'react';
import type { RequestRecordDto } from '../../../shared/api/types';
import { maskedRequest } from '../../lib/mask-token';
import { formatBody } from '../../lib/raw-body';
import { HeaderList } from './header-list';
import { Highlight } from '../common/highlight';
import { CutNotice } from './cut-notice';

/** An HTTP request as received (line, headers, body, error) and the answer that was sent. */
export function RequestExchange({
  request: received,
  reveal,
  hitIndex,
}: {
  request: RequestRecordDto;
  reveal: boolean;
  /** Bulk entry to highlight in the body, when a bulk hit is shown. */
  hitIndex: number | null;
}) {
  // A long query or body arrives cut (docs/api.md, Long values): "Show all" puts the whole
  // text in its place.
  const [whole, setWhole] = useState<{ id: string; query?: string; body?: string }>({ id: '' });
  const own = whole.id === received.id ? whole : { id: received.id };
  const request = useMemo(
    () =>
      own.query === undefined && own.body === undefined
        ? received
        : {
            ...received,
            ...(own.query === undefined
              ? {}
              : { query: own.query, url: `${received.path}?${own.query}` }),
            ...(own.body === undefined ? {} : { body: own.body }),
          },
    [received, own.query, own.body],
  );
  const cut = received.cut;
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
      {cut?.query ? (
        <CutNotice
          size={cut.query}
          shown={received.query}
          source={{ requestId: received.id, part: 'query' }}
          label="query string"
          onWhole={(query) => setWhole({ ...own, query })}
        />
      ) : null}
      <HeaderList headers={shown.headers} />
      {segments.length ? (
        <>
          <h4>
            Body{' '}
            <span className="muted small">
              ({shown.bodySize} bytes{shown.bodyTruncated ? ', cut' : ''})
            </span>
          </h4>
          {cut?.body ? (
            <CutNotice
              size={cut.body}
              shown={received.body}
              source={{ requestId: received.id }}
              label="body"
              {...(received.bodyTruncated ? { received: received.bodySize } : {})}
              {...(received.bodyEncoding === 'utf8'
                ? { onWhole: (body: string) => setWhole({ ...own, body }) }
                : {})}
            />
          ) : null}
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
