// Validation of settings coming from the UI (PUT /api/settings) and of site-profile files
// (`--sites FILE`). Every error names the field and the value so the user can fix it.
import type { DebugMode, LimitsDto, SettingsDto } from '../../shared/api/types';
import {
  DEFAULT_LIMITS,
  LIMIT_BOUNDS,
  MAX_TRACKING_PATHS,
  trackingPathProblem,
} from '../../shared/api/settings-rules';
import { readGoalDefinitions } from '../../shared/matomo/goals/goal-definition';
import { siteProfileListProblems } from '../../shared/matomo/site-profile-lists';
import {
  pickVisitSettings,
  VISIT_SETTING_KEYS,
  visitSettingsProblems,
} from '../../shared/matomo/site-visit-settings';
import type { SiteProfile } from '../../shared/matomo/types';

export const DEBUG_MODES: readonly DebugMode[] = ['off', 'on-demand', 'always'];

export { DEFAULT_LIMITS, LIMIT_BOUNDS };

export const MAX_HITS_BOUNDS: [number, number] = [1, 5_000_000];

export class SettingsError extends Error {}

/** The settings a user may change; the others are facts about this server. */
export type EditableSettings = Pick<
  SettingsDto,
  'debugMode' | 'sites' | 'upstreamUrl' | 'maxHits' | 'extraTrackingPaths' | 'limits'
>;
const EDITABLE: readonly (keyof EditableSettings)[] = [
  'debugMode',
  'sites',
  'upstreamUrl',
  'maxHits',
  'extraTrackingPaths',
  'limits',
];
const READ_ONLY = new Set(['dataDir', 'trackerUrl', 'version']);

function fail(message: string): never {
  throw new SettingsError(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function intIn(name: string, value: unknown, [min, max]: [number, number]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function stringList(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    fail(`${name} must be a list of strings, got ${JSON.stringify(value)}.`);
  }
  return value as string[];
}

function intList(name: string, value: unknown): number[] {
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'number' || !Number.isInteger(item) || item < 0)
  ) {
    fail(`${name} must be a list of non-negative integers, got ${JSON.stringify(value)}.`);
  }
  return value as number[];
}

export function validateDebugMode(value: unknown): DebugMode {
  if (typeof value !== 'string' || !(DEBUG_MODES as readonly string[]).includes(value)) {
    fail(`debugMode must be one of ${DEBUG_MODES.join(', ')}, got ${JSON.stringify(value)}.`);
  }
  return value as DebugMode;
}

export function validateLimits(value: unknown, base: LimitsDto): LimitsDto {
  if (!isRecord(value)) fail(`limits must be an object, got ${JSON.stringify(value)}.`);
  const result = { ...base };
  for (const [key, raw] of Object.entries(value)) {
    if (!(key in LIMIT_BOUNDS)) {
      fail(`Unknown limit "${key}"; known: ${Object.keys(LIMIT_BOUNDS).join(', ')}.`);
    }
    const name = key as keyof LimitsDto;
    result[name] = intIn(`limits.${name}`, raw, LIMIT_BOUNDS[name]);
  }
  return result;
}

/** Optional lists that model Matomo's per-site settings (site search, exclusions). */
const LISTS = [
  'searchKeywordParams',
  'searchCategoryParams',
  'campaignNameParams',
  'campaignKeywordParams',
  'excludedIps',
  'excludedUserAgents',
] as const;

/** A site profile with defaults for missing lists (a file may give only idsite and name). */
export function validateSiteProfile(value: unknown, where: string): SiteProfile {
  if (!isRecord(value)) fail(`${where} must be an object, got ${JSON.stringify(value)}.`);
  const known: string[] = [
    ...['idsite', 'name', 'urls', 'goals', 'goalDefinitions', 'dimensions', 'siteSearch'],
    ...['tokens', ...LISTS],
    ...VISIT_SETTING_KEYS,
  ];
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      fail(`${where} has an unknown field "${key}"; known: ${known.join(', ')}.`);
  }
  const idsite = intIn(`${where}.idsite`, value.idsite, [1, 2_147_483_647]);
  const name = value.name ?? `Site ${idsite}`;
  if (typeof name !== 'string') fail(`${where}.name must be a string.`);
  const urls = stringList(`${where}.urls`, value.urls ?? []);
  for (const url of urls) {
    if (!/^https?:\/\/[^\s/]+/i.test(url)) {
      fail(`${where}.urls contains "${url}", which is not an http(s) URL.`);
    }
  }
  const siteSearch = value.siteSearch ?? true;
  if (typeof siteSearch !== 'boolean') fail(`${where}.siteSearch must be true or false.`);
  const profile: SiteProfile = {
    idsite,
    name,
    urls,
    goals: intList(`${where}.goals`, value.goals ?? []),
    dimensions: intList(`${where}.dimensions`, value.dimensions ?? []),
    siteSearch,
    tokens: stringList(`${where}.tokens`, value.tokens ?? []),
  };
  for (const list of LISTS) {
    if (value[list] !== undefined) profile[list] = stringList(`${where}.${list}`, value[list]);
  }
  if (value.goalDefinitions !== undefined) {
    const read = readGoalDefinitions(value.goalDefinitions, `${where}.goalDefinitions`);
    if (read.problems[0]) fail(read.problems[0]);
    profile.goalDefinitions = read.goals;
  }
  Object.assign(profile, pickVisitSettings(value));
  const problem = [
    ...visitSettingsProblems(value, where),
    ...siteProfileListProblems(profile, where),
  ][0];
  if (problem) fail(problem);
  return profile;
}

/** A list of site profiles; accepts `[…]` or `{"sites":[…]}` (the shape of a settings export). */
export function validateSites(value: unknown, where = 'sites'): SiteProfile[] {
  const list = isRecord(value) && Array.isArray(value.sites) ? value.sites : value;
  if (!Array.isArray(list)) fail(`${where} must be a list of site profiles.`);
  const sites = list.map((item, i) => validateSiteProfile(item, `${where}[${i}]`));
  const seen = new Set<number>();
  for (const site of sites) {
    if (seen.has(site.idsite)) fail(`${where} lists idsite ${site.idsite} twice.`);
    seen.add(site.idsite);
  }
  return sites;
}

export function validateUpstreamUrl(value: unknown): string {
  if (typeof value !== 'string') fail('upstreamUrl must be a string.');
  if (value === '') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`upstreamUrl "${value}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`upstreamUrl must use http or https, got "${url.protocol}".`);
  }
  return value;
}

export function validateTrackingPaths(value: unknown): string[] {
  const paths = stringList('extraTrackingPaths', value);
  if (paths.length > MAX_TRACKING_PATHS) {
    fail(`extraTrackingPaths may list at most ${MAX_TRACKING_PATHS} paths.`);
  }
  for (const path of paths) {
    const problem = trackingPathProblem(path);
    if (problem) fail(problem);
  }
  return [...new Set(paths)];
}

/** Validates a partial update against the current settings and returns the new editable set. */
export function applySettingsPatch(current: EditableSettings, patch: unknown): EditableSettings {
  if (!isRecord(patch)) fail('Settings must be a JSON object.');
  const next: EditableSettings = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (READ_ONLY.has(key)) continue; // Sent back by a UI that PUTs the whole object.
    switch (key as keyof EditableSettings) {
      case 'debugMode':
        next.debugMode = validateDebugMode(value);
        break;
      case 'sites':
        next.sites = validateSites(value);
        break;
      case 'upstreamUrl':
        next.upstreamUrl = validateUpstreamUrl(value);
        break;
      case 'maxHits':
        next.maxHits = intIn('maxHits', value, MAX_HITS_BOUNDS);
        break;
      case 'extraTrackingPaths':
        next.extraTrackingPaths = validateTrackingPaths(value);
        break;
      case 'limits':
        next.limits = validateLimits(value, current.limits);
        break;
      default:
        fail(`Unknown setting "${key}"; known: ${EDITABLE.join(', ')}.`);
    }
  }
  return next;
}
