// Builds validation inputs for the protocol tests: a query string (or bulk object) goes
// through the real parser as a GET, a form POST or a bulk entry, then is decoded, classified
// and validated with a fixed clock and no site profiles unless a test gives some.
import { classifyHit } from '../shared/matomo/classify';
import { decodeEntry } from '../shared/matomo/decode';
import { parseRequest } from '../shared/matomo/parse';
import { siteSearchSettings } from '../shared/matomo/site-search';
import { validateEntry } from '../shared/matomo/validate';
import type {
  DeviceInfo,
  HitType,
  Issue,
  Outcome,
  ParamValue,
  ParsedEntry,
  ParsedRequest,
  RawRequest,
  ValidationContext,
} from '../shared/matomo/types';

/** 2024-10-24 12:00:00 UTC. */
export const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
export const NOW_SECONDS = NOW / 1000;

export const HUMAN: DeviceInfo = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0',
  browser: 'Firefox',
  browserVersion: '130.0',
  os: 'GNU/Linux',
  osVersion: null,
  device: 'desktop',
  brand: null,
  model: null,
  bot: false,
  botName: null,
};

export const GOOGLEBOT: DeviceInfo = {
  ...HUMAN,
  userAgent: 'Googlebot',
  browser: null,
  bot: true,
  botName: 'Googlebot',
};

/**
 * Parameters documented for older Matomo versions that the 5.x server no longer reads
 * (tracking-protocol.md, parameter table and "Docs vs code").
 */
export const LEGACY_PARAM_NAMES = [
  'rand',
  'apiv',
  '_idvc',
  '_viewts',
  '_idts',
  '_ects',
  'gt_ms',
  'dir',
  'gears',
] as const;

/** Where the test parameters travel: GET query, POST form body, or one bulk JSON entry. */
export type Source = 'query' | 'body' | 'bulk';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The request the real parser builds from a query string or a bulk parameter object. */
export function parsedFrom(
  input: string | Record<string, ParamValue>,
  source: Source = typeof input === 'string' ? 'query' : 'bulk',
): ParsedRequest {
  return parseRequest(rawRequestFrom(input, source));
}

/** The tracking request that carries a query string or a bulk parameter object. */
export function rawRequestFrom(
  input: string | Record<string, ParamValue>,
  source: Source = typeof input === 'string' ? 'query' : 'bulk',
): RawRequest {
  const raw: RawRequest = {
    method: source === 'query' ? 'GET' : 'POST',
    path: '/matomo.php',
    query: source === 'query' && typeof input === 'string' ? input : '',
    headers: {},
    body: new Uint8Array(0),
  };
  if (source === 'body' && typeof input === 'string') {
    raw.headers = { 'content-type': 'application/x-www-form-urlencoded' };
    raw.body = bytes(input);
  }
  if (source === 'bulk') {
    raw.headers = { 'content-type': 'application/json' };
    const entry = typeof input === 'string' ? `?${input}` : input;
    raw.body = bytes(JSON.stringify({ requests: [entry] }));
  }
  return raw;
}

/** The single tracking request the parser builds from the input. */
export function entryFrom(
  input: string | Record<string, ParamValue>,
  source?: Source,
): ParsedEntry {
  const entry = parsedFrom(input, source).entries[0];
  if (!entry) throw new Error('the parser built no entry');
  return entry;
}

/** A GET request around an entry built or changed by hand. */
function requestAround(entry: ParsedEntry): ParsedRequest {
  return {
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    bulk: null,
    entries: [entry],
    issues: [],
    empty: Object.keys(entry.params).length === 0,
    debugRequested: false,
  };
}

export interface Checked {
  type: HitType;
  outcome: Outcome;
  issues: Issue[];
  codes: string[];
  /** The issue with this code, failing the test when absent. */
  issue(code: string): Issue;
}

export function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return { now: NOW, sites: [], headers: {}, ...overrides };
}

const isEntry = (input: unknown): input is ParsedEntry =>
  typeof input === 'object' && input !== null && 'occurrences' in input && 'rawQuery' in input;

/** Parse (unless given an entry), decode, classify and validate. */
export function check(
  input: string | Record<string, ParamValue> | ParsedEntry,
  options: { ctx?: Partial<ValidationContext>; device?: DeviceInfo; source?: Source } = {},
): Checked {
  const parsed = isEntry(input) ? requestAround(input) : parsedFrom(input, options.source);
  const entry = parsed.entries[0];
  if (!entry) throw new Error('the parser built no entry');
  const ctx = context(options.ctx);
  if (parsed.bulk?.tokenAuth !== undefined) ctx.bulkTokenAuth = parsed.bulk.tokenAuth;
  const site = ctx.sites.find((profile) => String(profile.idsite) === String(entry.params.idsite));
  const type = classifyHit(entry.params, { search: siteSearchSettings(site, ctx.headers) });
  const { decoded, problems } = decodeEntry(entry.params, { now: ctx.now });
  const { outcome, issues } = validateEntry(
    { entry, parsed, decoded, problems, type, device: options.device ?? HUMAN },
    ctx,
  );
  return {
    type,
    outcome,
    issues,
    codes: issues.map((issue) => issue.code),
    issue(code: string): Issue {
      const found = issues.find((issue) => issue.code === code);
      if (!found) {
        throw new Error(`expected issue ${code}, got ${issues.map((i) => i.code).join(', ')}`);
      }
      return found;
    },
  };
}

/** A valid page view to start from. */
export const BASE = 'idsite=1&rec=1&url=https%3A%2F%2Fexample.org%2F&action_name=Home';
