// The per-site settings that decide how Matomo 5 forms visits. In Matomo most are [Tracker]
// options of config/global.ini.php (overridable per site); the time zone is the site's own.
// A site profile may set them; a profile without them, or no profile, gets Matomo's defaults.

export interface SiteVisitSettings {
  /** The site's time zone: an IANA name (`Europe/Paris`) or `UTC`, `UTC+5.5`, `UTC-3`. */
  timezone?: string;
  /** Seconds of inactivity after which the next action opens a new visit. */
  visitStandardLength?: number;
  /** A hit whose campaign differs from the visit's opens a new visit. */
  createNewVisitWhenCampaignChanges?: boolean;
  /** A hit whose website referrer differs from the visit's opens a new visit. */
  createNewVisitWhenWebsiteReferrerChanges?: boolean;
  /** A hit on another day (in the site's time zone) than the last action opens a new visit. */
  createNewVisitAfterMidnight?: boolean;
  /** A user id replaces the visitor id (and a different user id is a different visitor). */
  enableUserIdOverwritesVisitorId?: boolean;
  /** The ids of the site's custom dimensions of visit scope (the others are action scope). */
  visitScopedDimensions?: number[];
}

export type ResolvedVisitSettings = Required<SiteVisitSettings>;

/**
 * Matomo's defaults: config/global.ini.php lines 963 (visit_standard_length = 1800), 1014
 * (create_new_visit_when_campaign_changes = 1), 1019 (…_website_referrer_changes = 0), 1023
 * (create_new_visit_after_midnight = 1) and 910 (enable_userid_overwrites_visitorid = 1).
 */
export const MATOMO_VISIT_DEFAULTS: ResolvedVisitSettings = {
  timezone: 'UTC',
  visitStandardLength: 1800,
  createNewVisitWhenCampaignChanges: true,
  createNewVisitWhenWebsiteReferrerChanges: false,
  createNewVisitAfterMidnight: true,
  enableUserIdOverwritesVisitorId: true,
  visitScopedDimensions: [],
};

export const VISIT_SETTING_KEYS = Object.keys(MATOMO_VISIT_DEFAULTS) as (keyof SiteVisitSettings)[];

export function resolveVisitSettings(site: SiteVisitSettings | undefined): ResolvedVisitSettings {
  if (!site) return MATOMO_VISIT_DEFAULTS;
  return {
    timezone: site.timezone || MATOMO_VISIT_DEFAULTS.timezone,
    visitStandardLength: site.visitStandardLength ?? MATOMO_VISIT_DEFAULTS.visitStandardLength,
    createNewVisitWhenCampaignChanges:
      site.createNewVisitWhenCampaignChanges ??
      MATOMO_VISIT_DEFAULTS.createNewVisitWhenCampaignChanges,
    createNewVisitWhenWebsiteReferrerChanges:
      site.createNewVisitWhenWebsiteReferrerChanges ??
      MATOMO_VISIT_DEFAULTS.createNewVisitWhenWebsiteReferrerChanges,
    createNewVisitAfterMidnight:
      site.createNewVisitAfterMidnight ?? MATOMO_VISIT_DEFAULTS.createNewVisitAfterMidnight,
    enableUserIdOverwritesVisitorId:
      site.enableUserIdOverwritesVisitorId ?? MATOMO_VISIT_DEFAULTS.enableUserIdOverwritesVisitorId,
    visitScopedDimensions: site.visitScopedDimensions ?? [],
  };
}

/** `UTC`, `UTC+5.5`, `UTC-3`: Matomo's fixed-offset zones. */
const FIXED_OFFSET = /^UTC(?:([+-])(\d{1,2}(?:\.\d+)?))?$/;

/** Matomo's `UTC+5.5` style zones as minutes east of UTC; null for an IANA name. */
export function fixedOffsetMinutes(zone: string): number | null {
  const match = FIXED_OFFSET.exec(zone);
  if (!match) return null;
  if (!match[1]) return 0;
  const minutes = Math.round(Number(match[2]) * 60);
  return match[1] === '-' ? -minutes : minutes;
}

/** Whether the time zone can be used (a fixed offset or an IANA name this runtime knows). */
export function isKnownTimezone(zone: string): boolean {
  if (FIXED_OFFSET.test(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with the visit settings of a profile as sent (`value` is the raw object), one
 * sentence per problem naming the field and the value; empty when all is well.
 */
export function visitSettingsProblems(value: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  const show = (v: unknown) => JSON.stringify(v);
  if (value.timezone !== undefined) {
    if (typeof value.timezone !== 'string' || !isKnownTimezone(value.timezone)) {
      problems.push(
        `${where}.timezone must be a time zone such as "Europe/Paris" or "UTC+2", got ${show(value.timezone)}.`,
      );
    }
  }
  const length = value.visitStandardLength;
  if (length !== undefined) {
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) {
      problems.push(
        `${where}.visitStandardLength must be a whole number of seconds (at least 1), got ${show(length)}.`,
      );
    }
  }
  for (const key of [
    'createNewVisitWhenCampaignChanges',
    'createNewVisitWhenWebsiteReferrerChanges',
    'createNewVisitAfterMidnight',
    'enableUserIdOverwritesVisitorId',
  ] as const) {
    if (value[key] !== undefined && typeof value[key] !== 'boolean') {
      problems.push(`${where}.${key} must be true or false, got ${show(value[key])}.`);
    }
  }
  const dims = value.visitScopedDimensions;
  if (
    dims !== undefined &&
    (!Array.isArray(dims) ||
      dims.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d < 1))
  ) {
    problems.push(
      `${where}.visitScopedDimensions must be a list of dimension ids (whole numbers from 1), got ${show(dims)}.`,
    );
  }
  return problems;
}

/** The visit settings present in a validated raw profile object. */
export function pickVisitSettings(value: Record<string, unknown>): SiteVisitSettings {
  const picked: Record<string, unknown> = {};
  for (const key of VISIT_SETTING_KEYS) if (value[key] !== undefined) picked[key] = value[key];
  return picked as SiteVisitSettings;
}
