// The rules a site's visits are formed by: its visit settings as resolved (Matomo's defaults
// where the profile says nothing), which of them the profile sets, and a key that changes
// whenever anything the visit engine reads of the site profiles changes, so that the visits
// of the stored hits can be formed again.
import {
  resolveVisitSettings,
  VISIT_SETTING_KEYS,
  type SiteVisitSettings,
} from '../matomo/site-visit-settings';
import type { VisitRulesDto } from './types';
import type { VisitSite } from './visit-index';

export function visitRulesOf(site: SiteVisitSettings | undefined): VisitRulesDto {
  const fromProfile = site ? VISIT_SETTING_KEYS.filter((key) => site[key] !== undefined) : [];
  return { ...resolveVisitSettings(site), fromProfile };
}

/** Equal for two lists of profiles exactly when the visit engine would form the same visits. */
export function visitRulesKey(sites: readonly VisitSite[]): string {
  return JSON.stringify(
    [...sites]
      .sort((a, b) => a.idsite - b.idsite)
      .map((site) => [
        site.idsite,
        resolveVisitSettings(site),
        site.urls ?? [],
        site.campaignNameParams ?? [],
        site.campaignKeywordParams ?? [],
      ]),
  );
}
