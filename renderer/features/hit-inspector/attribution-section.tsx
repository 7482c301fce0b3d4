import type { HitDto } from '../../../shared/api/types';
import { creditConversion } from '../../../shared/matomo/attribution/conversion-attribution';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { VisitDetailDto } from '../../../shared/visits/types';
import { referrerLabel } from '../../lib/referrer-label';
import { durationLabel } from '../../lib/visit-labels';
import { useAppStore } from '../../store/store-context';

/**
 * The visit the hit belongs to (with a link to it in the Visits view; why it opened is in the
 * visit note above), how Matomo would
 * attribute that visit (campaign, search engine, social network, website or direct entry)
 * and, when the hit converts, which referrer the conversion is credited to.
 */
export function AttributionSection({
  hit,
  visit,
  site,
  converts,
}: {
  hit: Pick<HitDto, 'params' | 'visitId' | 'outcome'>;
  visit: VisitDetailDto | null;
  site: SiteProfile | undefined;
  converts: boolean;
}) {
  const openVisit = useAppStore((s) => s.openVisit);
  const credit =
    converts && visit ? creditConversion(hit.params, visit.referrer, site?.urls ?? []) : null;
  return (
    <section className="attribution-section" aria-label="Visit and attribution">
      <h3>Visit and attribution</h3>
      <dl className="device-facts">
        <dt>Visit</dt>
        <dd>
          {hit.visitId ? (
            <>
              <button
                type="button"
                className="link-button"
                onClick={() => openVisit(hit.visitId as string)}
              >
                Open the visit
              </button>
              {visit ? (
                <span className="muted">
                  {' '}
                  — {visit.actionCount} {visit.actionCount === 1 ? 'action' : 'actions'},{' '}
                  {durationLabel(visit.durationSeconds)}, visitor{' '}
                  <span className="mono">{visit.visitorId}</span>
                </span>
              ) : null}
            </>
          ) : hit.outcome === 'recorded' ? (
            'none: Matomo would record it in no visit'
          ) : (
            `none: a ${hit.outcome} hit takes part in no visit`
          )}
        </dd>
        <dt>Referrer</dt>
        <dd data-testid="visit-referrer">{visit ? referrerLabel(visit.referrer) : '—'}</dd>
        {credit ? (
          <>
            <dt>Conversion</dt>
            <dd data-testid="conversion-referrer">
              {referrerLabel(credit)} <span className="muted">— from {credit.from}</span>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
