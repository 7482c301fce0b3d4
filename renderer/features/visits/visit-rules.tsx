import type { VisitRulesDto } from '../../../shared/visits/types';
import { durationLabel } from '../../lib/visit-labels';

/** Where a rule's value comes from: the site profile, or Matomo's default. */
function Origin({ rules, keys }: { rules: VisitRulesDto; keys: (keyof VisitRulesDto)[] }) {
  const own = keys.some((key) => (rules.fromProfile as string[]).includes(key));
  return <span className="muted">{own ? ' (site profile)' : ' (Matomo’s default)'}</span>;
}

/** The rules the visit was formed by: visit length, new visit on campaign or referrer change. */
export function VisitRules({ rules }: { rules: VisitRulesDto }) {
  return (
    <ul className="visit-rules-list" data-testid="visit-rules">
      <li>
        visit length {durationLabel(rules.visitStandardLength)}
        <Origin rules={rules} keys={['visitStandardLength']} />
      </li>
      <li>
        {rules.createNewVisitWhenCampaignChanges ? 'new visit' : 'same visit'} when the campaign
        changes
        <Origin rules={rules} keys={['createNewVisitWhenCampaignChanges']} />
      </li>
      <li>
        {rules.createNewVisitWhenWebsiteReferrerChanges ? 'new visit' : 'same visit'} when the
        website referrer changes
        <Origin rules={rules} keys={['createNewVisitWhenWebsiteReferrerChanges']} />
      </li>
      {rules.createNewVisitAfterMidnight ? (
        <li>
          new visit at midnight, {rules.timezone}
          <Origin rules={rules} keys={['createNewVisitAfterMidnight', 'timezone']} />
        </li>
      ) : null}
    </ul>
  );
}
