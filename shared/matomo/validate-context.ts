// What every validation rule needs to know about one hit, computed once: the parameters,
// their decoded values, the site profile (if the user described the site) and whether the
// request authenticates for the overrides that need token_auth (docs/tracking-protocol.md#custom-time).
import { readInt, readString } from './coerce';
import type { ParamProblems } from './decode';
import type {
  DecodedParam,
  DeviceInfo,
  HitType,
  ParamValue,
  ParsedEntry,
  ParsedRequest,
  SiteProfile,
  ValidationContext,
} from './types';
import { jsonTextStart } from './json-text-start';
import { namesOf } from './record-shapes';

export interface ValidateInput {
  entry: ParsedEntry;
  parsed: ParsedRequest;
  decoded: Record<string, DecodedParam>;
  /** The decode problems of `decoded`, as `decodeEntry` lists them (found in the same pass). */
  problems: readonly ParamProblems[];
  type: HitType;
  device: DeviceInfo;
  /**
   * The names of `entry.params` (namesOf), when the caller listed them already: a bulk's
   * entries are listed once each, not once per check that reads every name.
   */
  names?: readonly string[];
}

export interface HitFacts {
  input: ValidateInput;
  ctx: ValidationContext;
  params: Record<string, ParamValue>;
  /** The names of `params`, in order (namesOf), for the checks that read every one. */
  names: readonly string[];
  /** The idsite as Matomo reads it (0 when missing or not an integer). */
  idsite: number;
  /** The profile of that site; undefined when none was configured (or the site is unknown). */
  site: SiteProfile | undefined;
  /** True when site-dependent checks may run (at least one profile exists). */
  profilesKnown: boolean;
  /** The token that applies: the bulk body's, else the hit's own token_auth (docs/tracking-protocol.md#bulk-request). */
  token: string | null;
  authenticated: boolean;
}

const has = (params: Record<string, ParamValue>, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(params, name);

/** A parameter's text as Matomo reads it ('' when missing, empty or not text). */
export function textParam(params: Record<string, ParamValue>, name: string): string {
  // Most reads find text: Object.prototype holds no text, so a string read is the hit's own
  // value and needs no ownership check (the visit engine reads a dozen values per hit).
  const value = params[name];
  if (typeof value === 'string') return value;
  return value === undefined || !has(params, name) ? '' : textOf(value);
}

/**
 * textParam of a value read by a literal name (`params.uid`, never `params[name]`): a read site
 * of its own learns the shape of the hits' parameters and is a few instructions, where one
 * read site shared by every name searches the object each time. The names read this way are
 * no property of Object.prototype, so a value found is the hit's own.
 */
export function textOf(value: ParamValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  const read = readString(value);
  return read.ok ? read.value : '';
}

/** An int parameter as Matomo reads it, or `fallback`. */
export function intParam(
  params: Record<string, ParamValue>,
  name: string,
  fallback: number,
): number {
  // Most names asked for are absent: one read settles them without an ownership check.
  const value = params[name];
  if (value === undefined || !has(params, name)) return fallback;
  const read = readInt(value);
  return read.ok ? read.value : fallback;
}

/** PHP empty() on a text parameter: missing, "" and "0" are empty. */
export function isFilled(params: Record<string, ParamValue>, name: string): boolean {
  const text = textParam(params, name);
  return text !== '' && text !== '0';
}

/** True when the text parameter is not empty ("0" is text). */
export const hasText = (params: Record<string, ParamValue>, name: string): boolean =>
  textParam(params, name) !== '';

/**
 * The first of `names` that `test` (a function of the module, never one made per hit) finds
 * in the hit, or undefined. The checks that use it run for every hit and nearly always find
 * none: `names.find((name) => …)` made a function for each hit (a bulk of 10,000 page views
 * made tens of thousands of them).
 */
export function firstNameWhere(
  params: Record<string, ParamValue>,
  names: readonly string[],
  test: (params: Record<string, ParamValue>, name: string) => boolean,
): string | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (test(params, name)) return name;
  }
  return undefined;
}

/**
 * A token authenticates when it is non-empty and either no profile describes the site, the
 * profile accepts any token, or the token is one of the profile's tokens. Hitscope cannot
 * check a token against a real Matomo, so without a profile any token is taken as valid.
 */
export function isTokenAccepted(token: string | null, site: SiteProfile | undefined): boolean {
  if (!token) return false;
  if (!site || site.tokens.length === 0) return true;
  return site.tokens.includes(token);
}

/** The profile of the hit's site, found by idsite as Matomo reads it (0 when invalid). */
export function siteOf(
  params: Record<string, ParamValue>,
  sites: readonly SiteProfile[],
): SiteProfile | undefined {
  const idsite = intParam(params, 'idsite', 0);
  // A loop, not sites.find((profile) => …): every hit asks, twice (see firstNameWhere).
  for (let i = 0; i < sites.length; i++) {
    const profile = sites[i] as SiteProfile;
    if (profile.idsite === idsite) return profile;
  }
  return undefined;
}

/**
 * The key of an ecommerce order for the duplicate-order check (docs/tracking-protocol.md#events-goals-ecommerce: an order id is
 * recorded once per site): idsite and ec_id as Matomo reads them. The capture server's store
 * remembers recorded orders under this same key.
 */
export function orderKey(params: Record<string, ParamValue>): string {
  return `${intParam(params, 'idsite', 0)}:${textParam(params, 'ec_id')}`;
}

export function hitFacts(input: ValidateInput, ctx: ValidationContext): HitFacts {
  const params = input.entry.params;
  const idsite = intParam(params, 'idsite', 0);
  const site = siteOf(params, ctx.sites);
  const token = ctx.bulkTokenAuth || textParam(params, 'token_auth') || null;
  return {
    input,
    ctx,
    params,
    names: input.names ?? namesOf(params),
    idsite,
    site,
    profilesKnown: ctx.sites.length > 0,
    token,
    authenticated: isTokenAccepted(token, site),
  };
}

/** Quoted raw value for messages. */
export function shown(value: ParamValue | undefined): string {
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? value : jsonTextStart(value, 61);
  return `"${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
}
