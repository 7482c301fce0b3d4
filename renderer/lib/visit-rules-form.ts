// A site profile's visit rules as the Settings form edits them: the visit length and the time
// zone as text, and each yes/no rule (new visit when the campaign or the referrer changes, at
// midnight; the user id as visitor id) as Matomo's default, on or off. The dimension scopes
// (set in the settings file or the API) are kept as they are.
import {
  isKnownTimezone,
  MATOMO_VISIT_DEFAULTS,
  VISIT_SETTING_KEYS,
  type SiteVisitSettings,
} from '../../shared/matomo/site-visit-settings';

/** '' keeps Matomo's default (the profile does not set the rule). */
export type RuleChoice = '' | 'on' | 'off';

export interface VisitRulesDraft {
  /** Seconds; empty: Matomo's default. */
  visitLength: string;
  campaignChange: RuleChoice;
  referrerChange: RuleChoice;
  /** The site's time zone; empty: UTC, Matomo's default for a site without one. */
  timezone: string;
  midnight: RuleChoice;
  userIdOverwrites: RuleChoice;
  /** The profile's other visit settings, saved back unchanged. */
  kept: SiteVisitSettings;
}

const choiceOf = (value: boolean | undefined): RuleChoice =>
  value === undefined ? '' : value ? 'on' : 'off';

/** The rules the form edits; the profile's other visit settings are kept as they are. */
const EDITED: readonly (keyof SiteVisitSettings)[] = [
  'visitStandardLength',
  'createNewVisitWhenCampaignChanges',
  'createNewVisitWhenWebsiteReferrerChanges',
  'timezone',
  'createNewVisitAfterMidnight',
  'enableUserIdOverwritesVisitorId',
];

export function toVisitRulesDraft(site: SiteVisitSettings): VisitRulesDraft {
  const kept: Record<string, unknown> = {};
  for (const key of VISIT_SETTING_KEYS) {
    if (!EDITED.includes(key) && site[key] !== undefined) kept[key] = site[key];
  }
  return {
    visitLength: site.visitStandardLength === undefined ? '' : String(site.visitStandardLength),
    campaignChange: choiceOf(site.createNewVisitWhenCampaignChanges),
    referrerChange: choiceOf(site.createNewVisitWhenWebsiteReferrerChanges),
    timezone: site.timezone ?? '',
    midnight: choiceOf(site.createNewVisitAfterMidnight),
    userIdOverwrites: choiceOf(site.enableUserIdOverwritesVisitorId),
    kept: kept as SiteVisitSettings,
  };
}

/** The problem with a visit length as typed, or null (empty means Matomo's default). */
export function visitLengthProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) && Number(trimmed) >= 1
    ? null
    : 'A whole number of seconds, at least 1 (empty: 1800, Matomo’s default).';
}

/** The problem with a time zone as typed, or null (empty means UTC, Matomo's default). */
export function timezoneProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || isKnownTimezone(trimmed)) return null;
  return 'A time zone such as Europe/Paris, or UTC, UTC+5.5, UTC-3 (empty: UTC).';
}

/** The visit settings the draft sets, with one message in `errors` per problem. */
export function fromVisitRulesDraft(
  draft: VisitRulesDraft,
  site: string,
  errors: string[],
): SiteVisitSettings {
  const settings: SiteVisitSettings = { ...draft.kept };
  const length = draft.visitLength.trim();
  if (visitLengthProblem(length)) {
    errors.push(`${site}: visit length "${length}" is not a whole number of seconds (at least 1).`);
  } else if (length !== '') settings.visitStandardLength = Number(length);
  if (draft.campaignChange !== '') {
    settings.createNewVisitWhenCampaignChanges = draft.campaignChange === 'on';
  }
  if (draft.referrerChange !== '') {
    settings.createNewVisitWhenWebsiteReferrerChanges = draft.referrerChange === 'on';
  }
  const timezone = draft.timezone.trim();
  if (timezoneProblem(timezone)) {
    errors.push(`${site}: time zone "${timezone}" is not one this computer knows.`);
  } else if (timezone !== '') settings.timezone = timezone;
  if (draft.midnight !== '') settings.createNewVisitAfterMidnight = draft.midnight === 'on';
  if (draft.userIdOverwrites !== '') {
    settings.enableUserIdOverwritesVisitorId = draft.userIdOverwrites === 'on';
  }
  return settings;
}

/** Matomo's defaults of the rules the form edits, for its help texts. */
export const VISIT_RULE_DEFAULTS = {
  visitLength: MATOMO_VISIT_DEFAULTS.visitStandardLength,
  campaignChange: MATOMO_VISIT_DEFAULTS.createNewVisitWhenCampaignChanges,
  referrerChange: MATOMO_VISIT_DEFAULTS.createNewVisitWhenWebsiteReferrerChanges,
  timezone: MATOMO_VISIT_DEFAULTS.timezone,
  midnight: MATOMO_VISIT_DEFAULTS.createNewVisitAfterMidnight,
  userIdOverwrites: MATOMO_VISIT_DEFAULTS.enableUserIdOverwritesVisitorId,
} as const;
