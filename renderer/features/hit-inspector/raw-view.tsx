import type { HitDetailDto } from '../../../shared/api/types';
import { maybeMaskQuery } from '../../lib/mask-token';
import { RequestExchange } from './request-exchange';
import { Highlight } from '../common/highlight';

/** The HTTP request as received and the answer that was sent. */
export function RawView({ detail, reveal }: { detail: HitDetailDto; reveal: boolean }) {
  const { hit, request } = detail;
  if (!request) {
    return (
      <div className="raw-view">
        <p className="muted">The HTTP request of this hit is no longer stored.</p>
        <pre className="raw-block">
          <Highlight text={`${hit.method} ${hit.path}?${maybeMaskQuery(hit.rawQuery, reveal)}`} />
        </pre>
      </div>
    );
  }
  return (
    <RequestExchange
      request={request}
      reveal={reveal}
      hitIndex={hit.transport === 'bulk' ? hit.index : null}
    />
  );
}
