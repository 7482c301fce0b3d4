// A site profile's visit rules as the Settings form edits them: the visit length as text, and
// each "new visit when …" rule as Matomo's default, on or off. The other visit settings of the
// profile (time zone, midnight, user id, dimension scopes; set in the settings file or the
// API) are kept as they are.
import {
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
  return settings;
}

/** Matomo's defaults of the rules the form edits, for its help texts. */
export const VISIT_RULE_DEFAULTS = {
  visitLength: MATOMO_VISIT_DEFAULTS.visitStandardLength,
  campaignChange: MATOMO_VISIT_DEFAULTS.createNewVisitWhenCampaignChanges,
  referrerChange: MATOMO_VISIT_DEFAULTS.createNewVisitWhenWebsiteReferrerChanges,
} as const;
