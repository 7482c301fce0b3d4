import type { HitDto } from '../../../shared/api/types';

/**
 * Which visit Matomo would record the hit in, why it opened (on its first hit), and a link
 * that lists the visit's hits (the `visit:` search term).
 */
export function VisitNote({
  hit,
  onShowVisit,
}: {
  hit: Pick<HitDto, 'visitId' | 'visitorId' | 'visitReason' | 'outcome'>;
  onShowVisit: (query: string) => void;
}) {
  if (!hit.visitId) {
    if (hit.visitReason?.code !== 'ping_ignored' && hit.outcome === 'recorded') return null;
    return (
      <p className="visit-note muted" data-testid="visit-note">
        {hit.visitReason?.text ?? 'In no visit: Matomo does not record this hit.'}
      </p>
    );
  }
  return (
    <p className="visit-note" data-testid="visit-note">
      <span>
        Visit <code>{hit.visitId}</code>
        {hit.visitorId ? (
          <>
            {' '}
            of visitor <code>{hit.visitorId}</code>
          </>
        ) : null}
        {hit.visitReason ? <span className="muted"> · {hit.visitReason.text}</span> : null}
      </span>{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => onShowVisit(`visit:${hit.visitId}`)}
      >
        Show this visit&apos;s hits
      </button>
    </p>
  );
}
