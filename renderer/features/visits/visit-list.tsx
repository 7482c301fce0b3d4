import type { VisitSummaryDto } from '../../../shared/visits/types';
import { formatLocalDateTime } from '../../lib/format';
import { referrerLabel } from '../../lib/referrer-label';
import { durationLabel } from '../../lib/visit-labels';

/** The visits, newest first: one button each, the selected one marked. */
export function VisitList({
  visits,
  selectedId,
  onSelect,
}: {
  visits: VisitSummaryDto[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <ul className="visit-list" aria-label="Visits">
      {visits.map((visit) => (
        <li key={visit.id}>
          <button
            type="button"
            className="visit-item"
            aria-current={visit.id === selectedId ? 'true' : undefined}
            data-visit-id={visit.id}
            onClick={() => onSelect(visit.id)}
          >
            <span className="visit-item-head">
              <span className="visit-time">{formatLocalDateTime(Date.parse(visit.startedAt))}</span>
              <span className="muted">site {visit.idsite}</span>
            </span>
            <span className="visit-item-line mono">
              {visit.userId ? `${visit.userId} · ` : ''}
              {visit.visitorId}
            </span>
            <span className="visit-item-line">
              {visit.actionCount} {visit.actionCount === 1 ? 'action' : 'actions'} ·{' '}
              {durationLabel(visit.durationSeconds)} · {referrerLabel(visit.referrer)}
            </span>
            <span className="badge visit-reason" data-code={visit.boundary.code}>
              {visit.boundary.text}
            </span>
            {visit.issueCount > 0 ? (
              <span className="badge warn">
                {visit.issueCount} {visit.issueCount === 1 ? 'finding' : 'findings'}
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
