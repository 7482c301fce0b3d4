// Builds validation inputs for the protocol tests: a query string (or bulk object) becomes a
// parsed entry, decoded, classified and validated with a fixed clock and no site profiles
// unless a test gives some.
import { classifyHit } from '../shared/matomo/classify';
import { decodeParams } from '../shared/matomo/decode';
import { validateEntry } from '../shared/matomo/validate';
import type {
  DeviceInfo,
  HitType,
  Issue,
  Outcome,
  ParamOccurrence,
  ParamValue,
  ParsedEntry,
  ParsedRequest,
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

const decodePart = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** Minimal query parsing for tests: `+` is a space, the last duplicate wins. */
export function entryFrom(
  input: string | Record<string, ParamValue>,
  source: 'query' | 'body' | 'bulk' = typeof input === 'string' ? 'query' : 'bulk',
): ParsedEntry {
  const occurrences: ParamOccurrence[] = [];
  if (typeof input === 'string') {
    for (const pair of input.split('&')) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      const name = decodePart(at < 0 ? pair : pair.slice(0, at));
      const value = at < 0 ? '' : decodePart(pair.slice(at + 1));
      occurrences.push({ name, value, raw: pair, source });
    }
  } else {
    for (const [name, value] of Object.entries(input)) occurrences.push({ name, value, source });
  }
  const params: Record<string, ParamValue> = {};
  for (const occurrence of occurrences) params[occurrence.name] = occurrence.value;
  return {
    index: 0,
    params,
    occurrences,
    rawQuery: typeof input === 'string' ? input : '',
    issues: [],
  };
}

export function requestFor(
  entry: ParsedEntry,
  transport: ParsedRequest['transport'] = 'get',
): ParsedRequest {
  return {
    transport,
    method: transport === 'get' ? 'GET' : 'POST',
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

/** Decode, classify and validate a query string or bulk object. */
export function check(
  input: string | Record<string, ParamValue> | ParsedEntry,
  options: {
    ctx?: Partial<ValidationContext>;
    device?: DeviceInfo;
    transport?: ParsedRequest['transport'];
  } = {},
): Checked {
  const entry =
    typeof input === 'object' && 'occurrences' in input && 'rawQuery' in input
      ? (input as ParsedEntry)
      : entryFrom(input as string | Record<string, ParamValue>);
  const ctx = context(options.ctx);
  const site = ctx.sites.find((profile) => String(profile.idsite) === String(entry.params.idsite));
  const type = classifyHit(entry.params, { siteSearch: site?.siteSearch });
  const decoded = decodeParams(entry.params, { now: ctx.now });
  const { outcome, issues } = validateEntry(
    {
      entry,
      parsed: requestFor(entry, options.transport),
      decoded,
      type,
      device: options.device ?? HUMAN,
    },
    ctx,
  );
  return {
    type,
    outcome,
    issues,
    codes: issues.map((issue) => issue.code),
    issue(code: string): Issue {
      const found = issues.find((issue) => issue.code === code);
      if (!found)
        throw new Error(`expected issue ${code}, got ${issues.map((i) => i.code).join(', ')}`);
      return found;
    },
  };
}

/** A valid page view to start from. */
export const BASE = 'idsite=1&rec=1&url=https%3A%2F%2Fexample.org%2F&action_name=Home';
