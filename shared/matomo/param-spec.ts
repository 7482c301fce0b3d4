// Shape of one entry of the parameter catalogue (params.ts) and the helper the data files
// use to write entries compactly.

export const PARAM_GROUPS = [
  'General',
  'Visitor',
  'Action',
  'Event',
  'Content',
  'Site search',
  'Goal',
  'Ecommerce',
  'Performance',
  'Custom dimensions',
  'Custom variables',
  'Media',
  'Crash',
  'Authenticated overrides',
  'Control',
] as const;
export type ParamGroup = (typeof PARAM_GROUPS)[number];

/**
 * How a value is read (docs/tracking-protocol.md#coercion for the base types). The specialised kinds are strings
 * (or ints) to Matomo, with extra meaning Hitscope decodes:
 * - `url`: a URL split into its parts;
 * - `datetime`: Unix seconds or a date string (cdt);
 * - `timestamp`: Unix seconds as an int (_refts);
 * - `resolution`: `WIDTHxHEIGHT`;
 * - `visitor-id`: 16 hexadecimal characters;
 * - `token`: a token_auth;
 * - `json`: a JSON document (or any JSON value in a bulk object);
 * - `any`: never read, shown as sent.
 */
export type ParamType =
  | 'int'
  | 'float'
  | 'string'
  | 'url'
  | 'json'
  | 'datetime'
  | 'timestamp'
  | 'resolution'
  | 'visitor-id'
  | 'token'
  | 'any';

/** The JSON structure a `json` parameter must have. */
export type JsonShape = 'object' | 'array' | 'any';

export interface ParamSpec {
  /** Exact name, or the display form of a pattern (`dimensionN`). */
  name: string;
  /** For pattern entries: the names it covers. */
  pattern?: RegExp;
  group: ParamGroup;
  type: ParamType;
  /** Default Matomo uses when the value is missing, empty or of the wrong type. */
  defaultValue?: string | number | boolean;
  /** Characters kept; the rest is cut off. */
  maxLength?: number;
  /** Accepted numeric range (inclusive); outside it the value is ignored or replaced. */
  range?: { min?: number; max?: number };
  /** For `json` parameters: the structure Matomo expects. */
  jsonShape?: JsonShape;
  /** Needs a token_auth with write access when set to a non-empty value (docs/tracking-protocol.md#authenticated-overrides). */
  requiresAuth: boolean;
  /** Read by the Matomo 5 server (core or the named plugin). */
  readByMatomo5: boolean;
  /** Documented in older Matomo versions, read by none now and sent by no current tracker. */
  legacy: boolean;
  /** The plugin reading it, when not core (premium or marketplace plugins included). */
  plugin?: string;
  /**
   * Set by the tracker itself on every hit, never by the page's code (screen, plugins, local
   * time, cache buster, cookie timestamps): boilerplate a reader can fold away.
   */
  trackerSet?: boolean;
  label: string;
  description: string;
  /** Number of the docs/tracking-protocol.md section describing it, e.g. `2.2`. */
  spec: string;
}

type Options = Partial<
  Pick<
    ParamSpec,
    | 'pattern'
    | 'defaultValue'
    | 'maxLength'
    | 'range'
    | 'jsonShape'
    | 'requiresAuth'
    | 'readByMatomo5'
    | 'legacy'
    | 'plugin'
    | 'trackerSet'
  >
>;

/** Writes one catalogue entry; unspecified flags default to "read by Matomo 5, no auth". */
export function param(
  name: string,
  group: ParamGroup,
  type: ParamType,
  label: string,
  description: string,
  spec: string,
  options: Options = {},
): ParamSpec {
  // Every entry gets every property, in one order (absent ones undefined): the decoder and
  // validator read entries of all kinds at the same places, which stay fast only while the
  // entries share one object shape.
  return {
    name,
    pattern: options.pattern,
    group,
    type,
    defaultValue: options.defaultValue,
    maxLength: options.maxLength,
    range: options.range,
    jsonShape: options.jsonShape,
    requiresAuth: options.requiresAuth ?? false,
    readByMatomo5: options.readByMatomo5 ?? true,
    legacy: options.legacy ?? false,
    plugin: options.plugin,
    trackerSet: options.trackerSet,
    label,
    description,
    spec,
  };
}

/** A parameter only older Matomo versions documented; Matomo 5 reads nothing of it. */
export function legacyParam(
  name: string,
  group: ParamGroup,
  label: string,
  description: string,
  spec: string,
  options: Pick<Options, 'trackerSet'> = {},
): ParamSpec {
  return param(name, group, 'any', label, description, spec, {
    readByMatomo5: false,
    legacy: true,
    ...options,
  });
}
