// Validation of settings coming from the UI (PUT /api/settings), of the saved settings file
// and of site-profile files (`--sites FILE`), with the schemas of shared/api/settings-body:
// one declaration for the route, the store and the files. Every error names the field and
// the value so the user can fix it.
import {
  DEBUG_MODES,
  decodeSettings,
  MAX_HITS_BOUNDS,
  settingsPatchSchema,
  siteProfileSchema,
  sitesSchema,
} from '../../shared/api/settings-body';
import { DEFAULT_LIMITS, LIMIT_BOUNDS } from '../../shared/api/settings-rules';
import type { SettingsDto } from '../../shared/api/types';
import type { SiteProfile } from '../../shared/matomo/types';

export { DEBUG_MODES, DEFAULT_LIMITS, LIMIT_BOUNDS, MAX_HITS_BOUNDS };

export class SettingsError extends Error {}

/** The settings a user may change; the others are facts about this server. */
export type EditableSettings = Pick<
  SettingsDto,
  'debugMode' | 'sites' | 'upstreamUrl' | 'maxHits' | 'extraTrackingPaths' | 'limits'
>;

const EDITABLE = ['debugMode', 'sites', 'upstreamUrl', 'maxHits', 'extraTrackingPaths'] as const;

function decoded<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new SettingsError(result.message);
  return result.value;
}

/** A site profile with defaults for missing lists (a file may give only idsite and name). */
export function validateSiteProfile(value: unknown, where: string): SiteProfile {
  return decoded(decodeSettings(siteProfileSchema, value, where));
}

/** A list of site profiles; accepts `[…]` or `{"sites":[…]}` (the shape of a settings export). */
export function validateSites(value: unknown, where = 'sites'): SiteProfile[] {
  const list =
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'sites' in value
      ? (value as { sites: unknown }).sites
      : value;
  return decoded(decodeSettings(sitesSchema, list, where));
}

/** Validates a partial update against the current settings and returns the new editable set. */
export function applySettingsPatch(current: EditableSettings, patch: unknown): EditableSettings {
  // Facts about the server (dataDir, trackerUrl, version) that a UI sends back are skipped.
  const { limits, ...changes } = decoded(decodeSettings(settingsPatchSchema, patch));
  const next: EditableSettings = { ...current };
  for (const key of EDITABLE) {
    const value = (changes as Partial<EditableSettings>)[key];
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  if (limits !== undefined) {
    const given = Object.entries(limits).filter(([, limit]) => limit !== undefined);
    next.limits = { ...current.limits, ...Object.fromEntries(given) };
  }
  return next;
}
