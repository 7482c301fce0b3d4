// The findings that do not stop a hit: values Matomo drops, cuts or replaces (warnings), and
// requests that are unusual, fragile or leak a secret (lint). Each rule names its spec section.
import { actionType, isEvent } from './classify';
import { makeIssue } from './issue-codes';
import { dimensionId, findParamSpec, suggestParam } from './params';
import { detectSiteSearch, siteSearchSettings } from './site-search';
import { customTime, formatUtc } from './time';
import { eachName, NAMES_PER_STEP, sameNames } from './record-shapes';
import {
  firstNameWhere,
  hasText,
  intParam,
  isFilled,
  shown,
  textParam,
  type HitFacts,
} from './validate-context';
import type { Issue, ParamOccurrence, SiteProfile } from './types';
import { controlCharIssues, controlCharIssuesAtOnce } from './validate-invisible';

/** Parameters whose decode problems the stopping checks already explain (validate-gates.ts). */
const EXPLAINED_BY_GATES = new Set(['idsite', 'rec']);

/** Issues made between two pauses of decodedValueIssues. */
const ISSUES_PER_STEP = 4096;

/** docs/tracking-protocol.md#coercion, #parameters: values Matomo drops, replaces or cuts, found while decoding. */
function* decodedValueIssues({ input }: HitFacts): Generator<void, Issue[]> {
  const issues: Issue[] = [];
  for (const { name, problems } of input.problems) {
    if (EXPLAINED_BY_GATES.has(name)) continue;
    for (const problem of problems) {
      // One JSON parameter of megabytes may hold 100,000 problems (a slot each).
      if (issues.length % ISSUES_PER_STEP === ISSUES_PER_STEP - 1) yield;
      issues.push(
        makeIssue(problem.code, {
          param: name,
          message: problem.message,
          ...(problem.hint ? { hint: problem.hint } : {}),
        }),
      );
    }
  }
  return issues;
}

/**
 * Unknown names listed one by one per hit; the rest share one issue. A request of thousands of
 * made-up names gets a readable list, and its analysis stays short (each name is compared
 * with every known one for a "did you mean").
 */
export const UNKNOWN_NAMES_LISTED = 50;

/**
 * The names of the last hit whose names raised no finding. The hits of one tracker, and the
 * entries of a bulk, nearly always send the same names in the same order: comparing the list
 * costs less than looking each name up in the catalogue again (what is found depends on the
 * names alone).
 */
let namesFoundClean: readonly string[] | null = null;
/** Longer lists are looked up each time, and not kept. */
const CLEAN_NAMES_KEPT = 128;

/** True when `names` are those of the last hit whose names raised no finding. */
const namesFoundCleanAgain = (names: HitFacts['names']): boolean =>
  namesFoundClean !== null && sameNames(names, namesFoundClean);

/** docs/tracking-protocol.md#parameters: names Matomo does not read at all, or no longer reads. */
function* nameIssues({ names }: HitFacts): Generator<void, Issue[]> {
  const issues: Issue[] = [];
  let unknown = 0;
  let firstUnlisted: string | null = null;
  for (let n = 0; n < names.length; n++) {
    // A step after every NAMES_PER_STEP names, and after each unknown name looked for among
    // the known ones: fifty of them in one step (a request of thousands of made-up names)
    // held the server for tens of milliseconds.
    if (n % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
    const name = names[n] as string;
    const spec = findParamSpec(name);
    if (spec?.legacy) {
      issues.push(
        makeIssue('param.legacy', {
          param: name,
          message: `${name} (${spec.label}) was documented for older Matomo versions; Matomo 5 does not read it.`,
        }),
      );
    }
    // PHP array keys (name[…]) are reported by the parser as param.array.
    if (spec || name.includes('[')) continue;
    if (++unknown > UNKNOWN_NAMES_LISTED) {
      firstUnlisted ??= name;
      continue;
    }
    const suggestion = suggestParam(name);
    issues.push(
      makeIssue('param.unknown', {
        param: name,
        message: `Matomo does not read "${name}"${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
        ...(suggestion ? { hint: `Rename "${name}" to "${suggestion}".` } : {}),
      }),
    );
    yield;
  }
  if (firstUnlisted !== null) {
    const more = unknown - UNKNOWN_NAMES_LISTED;
    const closing = makeIssue('param.unknown', {
      param: firstUnlisted,
      message: `Matomo does not read ${more.toLocaleString('en-US')} more parameters of this request, from "${firstUnlisted}" on (the first ${UNKNOWN_NAMES_LISTED} are listed one by one).`,
    });
    // It stands for every name it does not list (docs/tracking-protocol.md#issue-cap).
    closing.more = more;
    issues.push(closing);
  }
  if (issues.length === 0 && names.length <= CLEAN_NAMES_KEPT) namesFoundClean = names;
  return issues;
}

/** docs/tracking-protocol.md#custom-time: a custom time in the future or older than 20 years is silently replaced by now. */
function customTimeIssues({ params, ctx }: HitFacts): Issue[] {
  const time = customTime(params, Math.floor(ctx.now / 1000));
  if (time.status !== 'ignored') return [];
  const why =
    time.reason === 'future'
      ? 'is in the future'
      : 'is more than 20 years old (a timestamp in milliseconds, or a tiny number?)';
  return [
    makeIssue('cdt.out_of_range', {
      param: params.cdt !== undefined ? 'cdt' : 'cdo',
      message: `The hit time ${formatUtc(time.seconds)} ${why}; Matomo ignores it and uses the time the hit arrives.`,
    }),
  ];
}

const EVENT_PARAMS = ['e_c', 'e_a', 'e_n', 'e_v'];
const CONTENT_PARAMS = ['c_p', 'c_t', 'c_i'];
const NO_NAMES: readonly string[] = [];

/**
 * docs/tracking-protocol.md#action-parameters–#events-goals-ecommerce: parameters that only
 * count together (added to `issues`, as the dimension and heartbeat checks after it are).
 */
function pairedParamIssues({ params, site }: HitFacts, issues: Issue[]): void {
  // The lists of names are made only for a hit that sends one of them (few do).
  const eventParams =
    firstNameWhere(params, EVENT_PARAMS, hasText) !== undefined
      ? EVENT_PARAMS.filter((name) => textParam(params, name))
      : NO_NAMES;
  if (eventParams.length > 0 && !isEvent(params)) {
    const missing = ['e_c', 'e_a'].filter((name) => !textParam(params, name));
    issues.push(
      makeIssue('event.incomplete', {
        param: missing[0],
        message: `${eventParams.join(', ')} sent without ${missing.join(' and ')}: Matomo records no event.`,
      }),
    );
  }
  const contentParams =
    firstNameWhere(params, CONTENT_PARAMS, isFilled) !== undefined
      ? CONTENT_PARAMS.filter((name) => isFilled(params, name))
      : NO_NAMES;
  if (contentParams.length > 0 && !isFilled(params, 'c_n')) {
    issues.push(
      makeIssue('content.incomplete', {
        param: 'c_n',
        message: `${contentParams.join(', ')} sent without c_n: Matomo records no content action.`,
      }),
    );
  }
  if (site && !site.siteSearch && isFilled(params, 'search')) {
    issues.push(
      makeIssue('search.not_enabled', {
        param: 'search',
        message: `search=${shown(params.search)}, but site search is off for site ${site.idsite} (${site.name}): Matomo records a page view instead.`,
      }),
    );
  }
}

/** docs/tracking-protocol.md#events-goals-ecommerce: custom dimensions the site's profile does not activate. */
function* inactiveDimensionSteps(
  { params }: HitFacts,
  site: SiteProfile,
  issues: Issue[],
): Generator<void, void> {
  yield* eachName(params, (name) => {
    const id = dimensionId(name);
    if (id === null || site.dimensions.includes(id)) return;
    issues.push(
      makeIssue('dimension.inactive', {
        param: name,
        message: `Custom dimension ${id} is not active for site ${site.idsite} (active: ${site.dimensions.join(', ') || 'none'}); Matomo ignores ${name}.`,
      }),
    );
  });
}

/** docs/tracking-protocol.md#action-parameters: what a heartbeat ignores. */
function heartbeatIssues({ params, site, ctx }: HitFacts, issues: Issue[]): void {
  if (intParam(params, 'ping', 0) !== 1) return;
  // A keyword in the page URL is part of the page, not an action sent with the heartbeat.
  const search = siteSearchSettings(site, ctx.headers);
  const fromUrl = detectSiteSearch(params, search)?.from === 'url';
  const found = actionType(params, { search });
  const action = found === 'site_search' && fromUrl ? null : found;
  const goal = intParam(params, 'idgoal', -1) >= 0;
  if (action || goal) {
    issues.push(
      makeIssue('ping.action_ignored', {
        param: 'ping',
        message: `ping=1 with ${action ? `a ${action.replace('_', ' ')}` : 'a goal'}: a heartbeat records no action or conversion.`,
      }),
    );
  }
}

/**
 * A site search found in the page URL (plugins/Actions/Actions/ActionSiteSearch.php lines
 * 113–214): says which parameter gave the keyword and the URL Matomo keeps for the action.
 */
function siteSearchIssues({ params, site, input, ctx }: HitFacts): Issue[] {
  if (input.type !== 'site_search') return [];
  const found = detectSiteSearch(params, siteSearchSettings(site, ctx.headers));
  if (!found || found.from !== 'url') return [];
  const category = found.category ? ` in category "${found.category}"` : '';
  return [
    makeIssue('search.from_url', {
      param: 'url',
      message: `The page URL's "${found.keywordParam}" parameter makes this a site search for "${found.keyword}"${category}, not a page view; Matomo keeps the action's URL as ${found.url || '(empty)'}, without the search parameters.`,
    }),
  ];
}

/** True when token_auth is among the URL query's occurrences. */
function hasQueryToken(occurrences: readonly ParamOccurrence[]): boolean {
  for (let i = 0; i < occurrences.length; i++) {
    const occurrence = occurrences[i] as ParamOccurrence;
    if (occurrence.name === 'token_auth' && occurrence.source === 'query') return true;
  }
  return false;
}

/** docs/tracking-protocol.md#core-parameters, #control-parameters, #custom-time: leaks and omissions that still record the hit. */
function transportIssues({ params, ctx, input }: HitFacts): Issue[] {
  const issues: Issue[] = [];
  // A bulk's URL query is no part of its entries (the parser keeps its names aside), but a
  // token there leaks all the same, and Matomo reads it only for invalid_indices (docs/tracking-protocol.md#bulk-request).
  const bulk = input.parsed.bulk;
  const tokenInQuery =
    bulk !== null
      ? (bulk.urlParams?.includes('token_auth') ?? false)
      : hasQueryToken(input.entry.occurrences);
  if (tokenInQuery) {
    issues.push(
      makeIssue('token.in_url', {
        param: 'token_auth',
        message:
          bulk !== null
            ? "token_auth is in the bulk request's URL query string, where web server logs, proxies and browser history keep it; Matomo reads it there only to decide whether the answer lists invalid_indices."
            : 'token_auth is in the URL query string: web server logs, proxies and browser history keep it.',
      }),
    );
  }
  // Matomo falls back to the Referer header only when both url and urlref are empty (docs/tracking-protocol.md#parameter-sources).
  const urlSent = textParam(params, 'url') !== '';
  const referer = ctx.headers.referer ?? '';
  const fallback = referer !== '' && textParam(params, 'urlref') === '';
  if (!urlSent && !fallback && input.type !== 'ping' && input.type !== 'unknown') {
    issues.push(
      makeIssue('url.missing', {
        param: 'url',
        message:
          'No url was sent (and no Referer header to fall back on): the action has no page URL.',
      }),
    );
  }
  if (intParam(params, 'debug', 0) === 1) {
    issues.push(
      makeIssue('debug.on_demand', {
        param: 'debug',
        message: 'debug=1 changes the answer only on a Matomo with debug_on_demand enabled.',
      }),
    );
  }
  return issues;
}

/** Every non-stopping finding of a hit, in steps (see eachName). */
export function* valueIssueSteps(facts: HitFacts): Generator<void, Issue[]> {
  // Appended list by list, not spread into a literal: nearly every list is empty, and seven
  // spreads per hit cost more than the checks that found nothing.
  // The checks in steps start a generator of their own only for a hit that needs one.
  const issues = facts.input.problems.length > 0 ? yield* decodedValueIssues(facts) : [];
  issuesBeforeDimensions(facts, issues);
  if (facts.site) yield* inactiveDimensionSteps(facts, facts.site, issues);
  issuesAfterDimensions(facts, issues);
  if (!namesFoundCleanAgain(facts.names)) append(issues, yield* nameIssues(facts));
  append(issues, controlCharIssuesAtOnce(facts) ?? (yield* controlCharIssues(facts)));
  return issues;
}

/**
 * valueIssueSteps of a hit none of whose checks needs steps (no decode problem, no site
 * profile, the names of the hit before, values read at once), without a generator: nearly
 * every entry of a bulk. Null for the others.
 */
export function valueIssuesAtOnce(facts: HitFacts): Issue[] | null {
  if (facts.input.problems.length > 0 || facts.site || !namesFoundCleanAgain(facts.names)) {
    return null;
  }
  // Found first, appended last: it changes nothing the other checks read.
  const control = controlCharIssuesAtOnce(facts);
  if (control === null) return null;
  const issues: Issue[] = [];
  issuesBeforeDimensions(facts, issues);
  issuesAfterDimensions(facts, issues);
  append(issues, control);
  return issues;
}

function issuesBeforeDimensions(facts: HitFacts, issues: Issue[]): void {
  append(issues, customTimeIssues(facts));
  pairedParamIssues(facts, issues);
}

function issuesAfterDimensions(facts: HitFacts, issues: Issue[]): void {
  heartbeatIssues(facts, issues);
  append(issues, siteSearchIssues(facts));
  append(issues, transportIssues(facts));
}

function append(issues: Issue[], more: readonly Issue[]): void {
  for (let i = 0; i < more.length; i++) issues.push(more[i] as Issue);
}
