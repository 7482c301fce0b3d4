// The hit filter shared by /api/hits, /api/wait, /api/export, the hit store and the UI.
// Pure: it runs in the server (store queries) and in the renderer (live filtering of the
// stream), so both sides agree on what "matches" means.
import { HIT_TYPES, OUTCOMES } from '../matomo/types';
import type { HitType, Issue, Outcome, ParamValue } from '../matomo/types';
import { compileQuery, type RowPredicate } from '../query/compile-query';
import { toQueryRow, type VisitOfHit } from '../query/query-row';
import { drain } from '../steps';
import { PARAM_PRESENT, paramValueText } from '../matomo/param-text';
import { eachName } from '../matomo/record-shapes';
import { withFindings, type FindingsOfHit } from '../visits/with-findings';
import { LOWER_SLICE_CHARS, termsNotIn } from './lower-includes';
import { isRunId } from './runs';
import type { HitDto, HitFilterDto } from './types';

/**
 * Tells `visit` every hit with findings: their codes, and a way to make them (their messages
 * are made only when read).
 */
export type HitsWithFindings = (
  visit: (
    hitId: string,
    codes: readonly { code: string }[],
    findings: () => readonly Issue[],
  ) => void,
) => void;

/**
 * A filter as the server runs it: the API's filter, plus where the `visit:` and `visitor:`
 * terms read a hit's visit, and where `issue:`, `has:`, `hasIssues` and free text read a
 * hit's cross-hit findings (the hits in the store carry neither).
 */
export type HitFilter = HitFilterDto & {
  visitOf?: VisitOfHit;
  findingsOf?: FindingsOfHit;
  /** Every hit with findings (as findingsOf gives them): read once by a search of them all. */
  everyFinding?: HitsWithFindings;
};

/** Keys of a HitFilter that say where to look, not what to match. */
const LOOKUP_KEYS = new Set(['visitOf', 'findingsOf', 'everyFinding']);

/** Bad filter input (unknown outcome, non-numeric idsite, …); the API answers 400 with it. */
export class HitFilterError extends Error {
  override name = 'HitFilterError';
}

const PARAM_PREFIX = 'param.';

/**
 * The part of URLSearchParams the parser reads. shared/ is compiled without DOM or Node
 * types, so the global class is not named here; a URLSearchParams fits this shape.
 */
export interface SearchParamsLike extends Iterable<[string, string]> {
  get(name: string): string | null;
  getAll(name: string): string[];
}

/** A filter's one-or-many value as a list (none when absent). */
export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Compiles a `query` (the search box's language, shared/query/) or throws HitFilterError
 * with the compiler's explanation: a term the table would skip as a problem is an error here,
 * because an API client asked for exactly that filter.
 */
export function checkHitQuery(query: string): string | undefined {
  const compiled = compileQuery(query);
  if (compiled.problems.length > 0) {
    throw new HitFilterError(`Invalid query "${query}": ${compiled.problems.join(' ')}`);
  }
  return compiled.empty ? undefined : query;
}

// One compiled predicate per filter object: a store scan tests every hit against the same
// filter, so the query is compiled once per request, not once per hit.
const compiledQueries = new WeakMap<HitFilterDto, { query: string; test: RowPredicate }>();

function queryPredicate(filter: HitFilterDto, query: string): RowPredicate {
  let compiled = compiledQueries.get(filter);
  if (compiled?.query !== query) {
    compiled = { query, test: compileQuery(query).test };
    compiledQueries.set(filter, compiled);
  }
  return compiled.test;
}

function* matchesTextSteps(
  hit: HitDto,
  issues: readonly Issue[],
  terms: string[],
): Generator<void, boolean> {
  // Every whitespace-separated term must occur (case-insensitive) in one of the hit's texts:
  // the raw query (as sent, still percent-encoded), the summary, the path, the user agent,
  // every parameter value (decoded: url, action_name, e_c, search, …) and the issue codes.
  // Each text is searched alone (a term holds no whitespace, so none could span two joined
  // by a line break), without a list of texts or of terms left in between: a hit of 100,000
  // parameters made them for each value, and was joined into one text of megabytes before.
  // A text of megabytes is read in slices (termsNotIn), never lower-cased whole; the values
  // of such a hit over several steps (eachName), not enumerated again when listed.
  const found = terms.map(() => false);
  let left = terms.length;
  /** True once every term is found, `text` included. */
  const look = (text: string): boolean => {
    if (text.length > LOWER_SLICE_CHARS) {
      const missing = new Set(
        termsNotIn(
          text,
          terms.filter((_, i) => found[i] !== true),
        ),
      );
      terms.forEach((term, i) => {
        if (found[i] === true || missing.has(term)) return;
        found[i] = true;
        left--;
      });
      return left === 0;
    }
    let lower: string | undefined;
    for (let i = 0; i < terms.length; i++) {
      if (found[i] === true) continue;
      lower ??= text.toLowerCase();
      if (!lower.includes(terms[i] as string)) continue;
      found[i] = true;
      if (--left === 0) return true;
    }
    return false;
  };
  if ([hit.rawQuery, hit.summary, hit.path, hit.userAgent, hit.id].some(look)) return true;
  const params = hit.params;
  if (yield* eachName(params, (name) => look(paramValueText(params[name] as ParamValue)))) {
    return true;
  }
  return issues.some((issue) => look(issue.code));
}

function matchesParams(hit: HitDto, params: Record<string, string>): boolean {
  for (const [name, expected] of Object.entries(params)) {
    if (!Object.hasOwn(hit.params, name)) return false;
    if (expected === PARAM_PRESENT) continue;
    if (paramValueText(hit.params[name]) !== expected) return false;
  }
  return true;
}

/** True when `filter` sets no criterion (absent values, no param criteria): it matches all. */
export function isEmptyHitFilter(filter: HitFilterDto): boolean {
  return Object.entries(filter).every(
    ([key, value]) =>
      value === undefined ||
      LOOKUP_KEYS.has(key) ||
      (key === 'params' && Object.keys(value as Record<string, string>).length === 0),
  );
}

/**
 * True when `hit` satisfies every criterion of `filter` (an empty filter matches all).
 * Reads only the fields the store keeps in compact form (not occurrences, decoded, device),
 * so the hit store can filter its memory window without rebuilding full hits.
 */
export function matchesHitFilter(hit: HitDto, filter: HitFilter): boolean {
  return drain(matchesHitFilterSteps(hit, filter));
}

/**
 * matchesHitFilter in steps: the free text is looked for in a hit's parameter values a step
 * of them at a time (eachName), as a hit may carry 100,000 of them.
 */
export function* matchesHitFilterSteps(hit: HitDto, filter: HitFilter): Generator<void, boolean> {
  const outcomes = asArray(filter.outcome);
  if (outcomes.length > 0 && !outcomes.includes(hit.outcome)) return false;
  const types = asArray(filter.type);
  if (types.length > 0 && !types.includes(hit.type)) return false;
  const sites = asArray(filter.idsite);
  if (sites.length > 0 && (hit.idsite === null || !sites.includes(hit.idsite))) return false;
  if (filter.requestId !== undefined && hit.requestId !== filter.requestId) return false;
  if (filter.run !== undefined && hit.run !== filter.run) return false;
  const issues = filter.findingsOf
    ? withFindings(hit.issues, filter.findingsOf(hit.id))
    : hit.issues;
  if (filter.hasIssues !== undefined && issues.length > 0 !== filter.hasIssues) return false;
  if (filter.params && !matchesParams(hit, filter.params)) return false;
  if (filter.q !== undefined) {
    const terms = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (terms.length > 0 && !(yield* matchesTextSteps(hit, issues, terms))) return false;
  }
  if (
    filter.query !== undefined &&
    !queryPredicate(filter, filter.query)(toQueryRow(hit, filter.visitOf, issues))
  ) {
    return false;
  }
  return true;
}

/** Values of a repeatable query key: `a=1,2&a=3` → ['1','2','3'] (empty items dropped). */
function listValues(sp: SearchParamsLike, key: string): string[] {
  return sp
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function oneOrMany<T>(values: T[]): T | T[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

function parseEnumList<T extends string>(
  sp: SearchParamsLike,
  key: string,
  allowed: readonly T[],
): T | T[] | undefined {
  const values = listValues(sp, key);
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new HitFilterError(
        `Unknown ${key} "${value}": expected one of ${allowed.join(', ')} (comma-separated or repeated).`,
      );
    }
  }
  return oneOrMany(values as T[]);
}

function parseSites(sp: SearchParamsLike): number | number[] | undefined {
  const sites = listValues(sp, 'idsite').map((value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
      throw new HitFilterError(`Invalid idsite "${value}": expected a positive integer.`);
    }
    return Number(value);
  });
  return oneOrMany(sites);
}

/** A run id of a filter, or HitFilterError saying what a run id looks like. */
function runFilter(value: string): string {
  if (!isRunId(value)) {
    throw new HitFilterError(
      `Invalid run "${value}": expected a run id (letters, digits, ".", "_" or "-", up to 64).`,
    );
  }
  return value;
}

/** Parses a boolean query flag: 1/true/yes or 0/false/no. */
export function parseBooleanFlag(key: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes') return true;
  if (v === '0' || v === 'false' || v === 'no') return false;
  throw new HitFilterError(`Invalid ${key} "${value}": expected 1, 0, true or false.`);
}

/**
 * Reads a filter from a query string: `outcome`, `type`, `idsite` (comma-separated or
 * repeated), `q`, `query` (the search box's language), `param.NAME=value` (`*` = present),
 * `hasIssues`, `requestId`, `run`.
 * Other keys (limit, before, format, …) are left to the caller. Throws HitFilterError.
 */
export function hitFilterFromSearchParams(sp: SearchParamsLike): HitFilterDto {
  const filter: HitFilterDto = {};
  const outcome = parseEnumList<Outcome>(sp, 'outcome', OUTCOMES);
  if (outcome !== undefined) filter.outcome = outcome;
  const type = parseEnumList<HitType>(sp, 'type', HIT_TYPES);
  if (type !== undefined) filter.type = type;
  const idsite = parseSites(sp);
  if (idsite !== undefined) filter.idsite = idsite;
  const q = sp.get('q');
  if (q !== null && q.trim() !== '') filter.q = q.trim();
  const query = sp.get('query');
  if (query !== null) {
    const checked = checkHitQuery(query.trim());
    if (checked !== undefined) filter.query = checked;
  }
  const requestId = sp.get('requestId');
  if (requestId !== null && requestId !== '') filter.requestId = requestId;
  const run = sp.get('run');
  if (run !== null && run !== '') filter.run = runFilter(run);
  const hasIssues = sp.get('hasIssues');
  if (hasIssues !== null && hasIssues !== '') {
    filter.hasIssues = parseBooleanFlag('hasIssues', hasIssues);
  }
  for (const [key, value] of sp) {
    if (!key.startsWith(PARAM_PREFIX)) continue;
    const name = key.slice(PARAM_PREFIX.length);
    if (name === '')
      throw new HitFilterError('Empty parameter name in "param.=": use param.NAME=value.');
    // A repeated key keeps its last value, like the effective parameter values themselves.
    filter.params = { ...filter.params, [name]: value };
  }
  return filter;
}

/** The inverse of hitFilterFromSearchParams: a query string without `?`, for API clients. */
export function hitFilterToQuery(filter: HitFilterDto): string {
  const pairs: [string, string][] = [];
  const outcome = asArray(filter.outcome);
  if (outcome.length > 0) pairs.push(['outcome', outcome.join(',')]);
  const type = asArray(filter.type);
  if (type.length > 0) pairs.push(['type', type.join(',')]);
  const idsite = asArray(filter.idsite);
  if (idsite.length > 0) pairs.push(['idsite', idsite.join(',')]);
  if (filter.q !== undefined && filter.q !== '') pairs.push(['q', filter.q]);
  if (filter.query !== undefined && filter.query !== '') pairs.push(['query', filter.query]);
  if (filter.requestId !== undefined) pairs.push(['requestId', filter.requestId]);
  if (filter.run !== undefined) pairs.push(['run', filter.run]);
  if (filter.hasIssues !== undefined) pairs.push(['hasIssues', filter.hasIssues ? '1' : '0']);
  for (const [name, value] of Object.entries(filter.params ?? {})) {
    pairs.push([PARAM_PREFIX + name, value]);
  }
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function enumListFromJson<T extends string>(
  key: string,
  value: unknown,
  allowed: readonly T[],
): T | T[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      throw new HitFilterError(
        `Unknown ${key} ${JSON.stringify(v)}: expected one of ${allowed.join(', ')}.`,
      );
    }
  }
  return oneOrMany(values as T[]);
}

function sitesFromJson(value: unknown): number | number[] | undefined {
  const values = Array.isArray(value) ? value : [value];
  const sites = values.map((v) => {
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
      throw new HitFilterError(`Invalid idsite ${JSON.stringify(v)}: expected a positive integer.`);
    }
    return n;
  });
  return oneOrMany(sites);
}

const JSON_FILTER_KEYS = [
  'outcome',
  'type',
  'idsite',
  'q',
  'query',
  'params',
  'requestId',
  'hasIssues',
  'run',
];

/**
 * Reads a filter from a JSON value (the `filter` of POST /api/wait). Same fields as
 * HitFilterDto; `params` values may be strings, numbers or booleans. Throws HitFilterError.
 */
export function hitFilterFromJson(value: unknown): HitFilterDto {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new HitFilterError('filter must be an object such as {"type":"pageview","idsite":1}.');
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!JSON_FILTER_KEYS.includes(key)) {
      throw new HitFilterError(
        `Unknown filter field "${key}"; known: ${JSON_FILTER_KEYS.join(', ')}.`,
      );
    }
  }
  const filter: HitFilterDto = {};
  if (input.outcome !== undefined) {
    filter.outcome = enumListFromJson<Outcome>('outcome', input.outcome, OUTCOMES);
  }
  if (input.type !== undefined)
    filter.type = enumListFromJson<HitType>('type', input.type, HIT_TYPES);
  if (input.idsite !== undefined) filter.idsite = sitesFromJson(input.idsite);
  if (input.q !== undefined) {
    if (typeof input.q !== 'string') throw new HitFilterError('filter.q must be a string.');
    if (input.q.trim() !== '') filter.q = input.q.trim();
  }
  if (input.query !== undefined) {
    if (typeof input.query !== 'string') throw new HitFilterError('filter.query must be a string.');
    const checked = checkHitQuery(input.query.trim());
    if (checked !== undefined) filter.query = checked;
  }
  if (input.requestId !== undefined) {
    if (typeof input.requestId !== 'string') {
      throw new HitFilterError('filter.requestId must be a string.');
    }
    filter.requestId = input.requestId;
  }
  if (input.run !== undefined) {
    if (typeof input.run !== 'string') throw new HitFilterError('filter.run must be a string.');
    filter.run = runFilter(input.run);
  }
  if (input.hasIssues !== undefined) {
    if (typeof input.hasIssues !== 'boolean') {
      throw new HitFilterError('filter.hasIssues must be true or false.');
    }
    filter.hasIssues = input.hasIssues;
  }
  if (input.params !== undefined) {
    const params = input.params;
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new HitFilterError('filter.params must be an object of NAME: value ("*" = present).');
    }
    filter.params = {};
    for (const [name, v] of Object.entries(params)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw new HitFilterError(`filter.params.${name} must be a string, number or boolean.`);
      }
      filter.params[name] = String(v);
    }
  }
  return filter;
}
