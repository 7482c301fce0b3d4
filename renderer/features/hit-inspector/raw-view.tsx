import type { HitDetailDto } from '../../../shared/api/types';
import { maybeMaskQuery } from '../../lib/mask-token';
import { RequestExchange } from './request-exchange';
import { Highlight } from '../common/highlight';
import { CutNotice } from './cut-notice';
import { useState } from 'react';

/** The HTTP request as received and the answer that was sent. */
export function RawView({ detail, reveal }: { detail: HitDetailDto; reveal: boolean }) {
  const { hit, request } = detail;
  const [whole, setWhole] = useState<{ id: string; query: string } | null>(null);
  if (!request) {
    const query = whole?.id === hit.id ? whole.query : hit.rawQuery;
    return (
      <div className="raw-view">
        <p className="muted">The HTTP request of this hit is no longer stored.</p>
        <pre className="raw-block">
          <Highlight text={`${hit.method} ${hit.path}?${maybeMaskQuery(query, reveal)}`} />
        </pre>
        {hit.cut?.rawQuery ? (
          <CutNotice
            size={hit.cut.rawQuery}
            shown={hit.rawQuery}
            source={{ hitId: hit.id }}
            label="raw query"
            onWhole={(text) => setWhole({ id: hit.id, query: text })}
          />
        ) : null}
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
