// The body of `PUT /api/settings` and the shape of a site-profile file (`--sites FILE`),
// declared once with valibot like the other route bodies (./bodies.ts). The server's settings
// store decodes every update and every saved file with these schemas; the Settings dialog
// checks the same rules (./settings-rules.ts) before it saves.
//
// Messages of field schemas start with "must …": decodeSettings puts the field's place in
// front (`sites[0].idsite must be …`), so one schema serves every place it is used.
import * as v from 'valibot';
import { readGoalDefinitions } from '../matomo/goals/goal-definition';
import { siteProfileListProblems } from '../matomo/site-profile-lists';
import { VISIT_SETTING_KEYS, visitSettingsProblems } from '../matomo/site-visit-settings';
import type { SiteProfile } from '../matomo/types';
import { LIMIT_BOUNDS, MAX_TRACKING_PATHS, trackingPathProblem } from './settings-rules';
import type { DebugMode, LimitsDto } from './types';

export const DEBUG_MODES: readonly DebugMode[] = ['off', 'on-demand', 'always'];
export const MAX_HITS_BOUNDS: [number, number] = [1, 5_000_000];
const IDSITE_BOUNDS: [number, number] = [1, 2_147_483_647];

const got = (issue: v.BaseIssue<unknown>) => JSON.stringify(issue.input);

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function intIn([min, max]: [number, number]) {
  const message = (issue: v.BaseIssue<unknown>) =>
    `must be an integer from ${min} to ${max}, got ${got(issue)}.`;
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(min, message),
    v.maxValue(max, message),
  );
}

function stringList() {
  const message = (issue: v.BaseIssue<unknown>) =>
    `must be a list of strings, got ${JSON.stringify(listInput(issue))}.`;
  return v.array(v.string(message), message);
}

/** The whole list a message is about (an item's issue carries the item only). */
function listInput(issue: v.BaseIssue<unknown>): unknown {
  return issue.path?.[0]?.input ?? issue.input;
}

function intList() {
  const message = (issue: v.BaseIssue<unknown>) =>
    `must be a list of non-negative integers, got ${JSON.stringify(listInput(issue))}.`;
  return v.array(v.pipe(v.number(message), v.integer(message), v.minValue(0, message)), message);
}

/** An object whose unknown fields are named, with the known ones. */
function strictFields<E extends v.ObjectEntries>(
  entries: E,
  unknown: string,
  notObject: string,
  known = Object.keys(entries).join(', '),
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, notObject),
    v.strictObject(entries, (issue) =>
      issue.expected === 'never'
        ? `${unknown} "${String(issue.input)}"; known: ${known}.`
        : notObject,
    ),
  );
}

const optionalList = () => v.optional(stringList());

/** A site profile; a file may give only idsite (and a name): the rest has defaults. */
export const siteProfileSchema = v.pipe(
  strictFields(
    {
      idsite: intIn(IDSITE_BOUNDS),
      name: v.optional(v.string('must be a string.')),
      urls: v.optional(
        v.array(
          v.pipe(
            v.string('must be a list of strings.'),
            v.check(
              (url) => /^https?:\/\/[^\s/]+/i.test(url),
              (issue) => `contains "${String(issue.input)}", which is not an http(s) URL.`,
            ),
          ),
          'must be a list of strings.',
        ),
        [],
      ),
      goals: v.optional(intList(), []),
      dimensions: v.optional(intList(), []),
      siteSearch: v.optional(v.boolean('must be true or false.'), true),
      tokens: v.optional(stringList(), []),
      searchKeywordParams: optionalList(),
      searchCategoryParams: optionalList(),
      excludedIps: optionalList(),
      excludedUserAgents: optionalList(),
      campaignNameParams: optionalList(),
      campaignKeywordParams: optionalList(),
      // Checked as a whole below: goal and visit rules name their own fields.
      goalDefinitions: v.optional(v.unknown()),
      ...Object.fromEntries(VISIT_SETTING_KEYS.map((key) => [key, v.optional(v.unknown())])),
    },
    'has an unknown field',
    'must be an object.',
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const site = dataset.value as Record<string, unknown>;
    const problem = [
      ...(site.goalDefinitions === undefined
        ? []
        : readGoalDefinitions(site.goalDefinitions, `${SITE}.goalDefinitions`).problems),
      ...visitSettingsProblems(site, SITE),
    ][0];
    if (problem) addIssue({ message: problem });
  }),
  v.transform((site): SiteProfile => {
    const { name, goalDefinitions, ...rest } = site;
    const profile = { ...rest, name: name ?? `Site ${site.idsite}` } as SiteProfile;
    if (goalDefinitions !== undefined) {
      profile.goalDefinitions = readGoalDefinitions(goalDefinitions, SITE).goals;
    }
    for (const key of Object.keys(profile) as (keyof SiteProfile)[]) {
      if (profile[key] === undefined) delete profile[key];
    }
    return profile;
  }),
  // A list problem names the site itself: a full sentence (see decodeSettings).
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = siteProfileListProblems(dataset.value, SITE)[0];
    if (problem) addIssue({ message: problem });
  }),
);

/** Stands for the place of a site profile in a list-problem sentence; decodeSettings fills it. */
const SITE = '{site}';

export const sitesSchema = v.pipe(
  v.array(siteProfileSchema, 'must be a list of site profiles.'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<number>();
    for (const site of dataset.value) {
      if (seen.has(site.idsite)) addIssue({ message: `lists idsite ${site.idsite} twice.` });
      seen.add(site.idsite);
    }
  }),
);

/** The scheme of an absolute URL (`https`), or null when the text is not one. */
function schemeOf(value: string): string | null {
  return /^([a-z][a-z0-9+.-]*):\S+$/i.exec(value)?.[1]?.toLowerCase() ?? null;
}

const upstreamUrlSchema = v.pipe(
  v.string('must be a string.'),
  v.check(
    (value) => value === '' || schemeOf(value) !== null,
    (issue) => `"${String(issue.input)}" is not a URL.`,
  ),
  v.check(
    (value) => value === '' || /^https?:\/\/[^\s/?#]+/i.test(value),
    (issue) => `must use http or https, got "${schemeOf(String(issue.input))}:".`,
  ),
);

const trackingPathsSchema = v.pipe(
  stringList(),
  v.maxLength(MAX_TRACKING_PATHS, `may list at most ${MAX_TRACKING_PATHS} paths.`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const path of dataset.value) {
      const problem = trackingPathProblem(path);
      if (problem) return addIssue({ message: problem });
    }
  }),
  v.transform((paths) => [...new Set(paths)]),
);

const limitsSchema = strictFields(
  Object.fromEntries(
    Object.entries(LIMIT_BOUNDS).map(([name, bounds]) => [name, v.optional(intIn(bounds))]),
  ) as Record<keyof LimitsDto, v.OptionalSchema<ReturnType<typeof intIn>, undefined>>,
  'Unknown limit',
  `must be an object.`,
);

/** Facts about this server a UI sends back when it PUTs the whole settings object. */
const READ_ONLY = ['dataDir', 'trackerUrl', 'version'] as const;

/** `PUT /api/settings`: the settings to change; the server keeps the others. */
export const settingsPatchSchema = strictFields(
  {
    debugMode: v.optional(
      v.picklist(
        DEBUG_MODES,
        (issue) => `must be one of ${DEBUG_MODES.join(', ')}, got ${got(issue)}.`,
      ),
    ),
    sites: v.optional(sitesSchema),
    upstreamUrl: v.optional(upstreamUrlSchema),
    maxHits: v.optional(intIn(MAX_HITS_BOUNDS)),
    extraTrackingPaths: v.optional(trackingPathsSchema),
    limits: v.optional(limitsSchema),
    ...Object.fromEntries(READ_ONLY.map((name) => [name, v.optional(v.unknown())])),
  },
  'Unknown setting',
  'Settings must be a JSON object.',
  'debugMode, sites, upstreamUrl, maxHits, extraTrackingPaths, limits',
);

export type SettingsPatch = Omit<v.InferOutput<typeof settingsPatchSchema>, 'limits'> & {
  limits?: Partial<LimitsDto>;
};

/** The place an issue's path leads to: `sites[0].urls`. */
function placeOf(path: readonly { key: unknown }[] | undefined, root: string): string {
  let place = root;
  for (const item of path ?? []) {
    place +=
      typeof item.key === 'number' ? `[${item.key}]` : `${place ? '.' : ''}${String(item.key)}`;
  }
  return place;
}

export type SettingsDecoding<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Decodes with one of the schemas above; the first problem is reported (an unknown field
 * before the others), named with its place under `root` (`sites` for a site-profile file).
 */
export function decodeSettings<S extends v.GenericSchema<unknown, unknown>>(
  schema: S,
  value: unknown,
  root = '',
): SettingsDecoding<v.InferOutput<S>> {
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues.find((i) => i.expected === 'never') ?? result.issues[0];
  const path = issue.expected === 'never' ? issue.path?.slice(0, -1) : issue.path;
  const place = placeOf(path, root);
  const message = issue.message.replace(SITE, place);
  if (/^(must|may|has|lists|contains|")/.test(message) && place !== '') {
    return { ok: false, message: `${place} ${message}` };
  }
  return { ok: false, message };
}
