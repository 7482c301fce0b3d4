import type { ParamValue } from '../../../shared/matomo/types';
import {
  creditConversion,
  type ReferrerAttribution,
} from '../../../shared/matomo/attribution/conversion-attribution';
import type { SiteProfile } from '../../../shared/matomo/types';
import { referrerLabel } from '../../lib/referrer-label';

/**
 * How Matomo would attribute the hit's visit (campaign, search engine, social network,
 * website or direct entry) and, when the hit converts, which referrer the conversion is
 * credited to.
 */
export function AttributionSection({
  params,
  site,
  visitReferrer,
  converts,
}: {
  params: Record<string, ParamValue>;
  site: SiteProfile | undefined;
  /** The referrer of the hit's visit; undefined while the visit is not known. */
  visitReferrer: ReferrerAttribution | undefined;
  converts: boolean;
}) {
  const credit =
    converts && visitReferrer ? creditConversion(params, visitReferrer, site?.urls ?? []) : null;
  return (
    <section className="attribution-section" aria-label="Attribution">
      <h3>Attribution</h3>
      <dl className="device-facts">
        <dt>Visit</dt>
        <dd data-testid="visit-referrer">
          {visitReferrer ? referrerLabel(visitReferrer) : 'not known (the hit is in no visit)'}
        </dd>
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
