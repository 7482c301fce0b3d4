// The goals one hit would convert, as Matomo 5 decides it, and why the others would not.
// - plugins/Goals/Tracker/GoalsRequestProcessor.php lines 54–79, 114–118: idgoal > 0 converts
//   that goal by hand (it must exist) and records no action, so no other goal is matched;
// - lines 81–99: otherwise, when the request records an action, every goal definition is
//   tried on it (an ecommerce request has converted already and has no action, a ping has no
//   action at all: plugins/Ecommerce/Tracker/EcommerceRequestProcessor.php lines 56–63);
// - core/Tracker/GoalManager.php lines 161–211: url and title goals look at page views only
//   (a site search is its own action type), file at downloads, external_website at outlinks,
//   event_* at events; `manually` goals are never matched; lines 213–249: visit_duration
//   compares the minutes since the visit's first action with the pattern, on any action;
// - lines 736–747 and core/Db/Schema/Mysql.php line 246: a goal without allow_multiple is
//   inserted with buster 0, so the key (idvisit, idgoal, buster) ignores a second conversion
//   in the same visit (core/Tracker/Model.php lines 55–70, INSERT IGNORE);
// - plugins/Ecommerce/Columns/Revenue.php lines 108–114, core/Tracker/Request.php line 364:
//   the revenue is the hit's `revenue` when it reads as a float, else the goal's default,
//   rounded to 2 decimals unless whole (plugins/Ecommerce/Columns/BaseConversion.php lines
//   23–36); GoalManager.php lines 795–805: an event goal with "event value as revenue" takes
//   e_v instead when one was sent.
import { readFloat, roundMoney } from '../coerce';
import { phpTrim } from '../php-text';
import { detectSiteSearch, type SiteSearchSettings } from '../site-search';
import type { HitType, Outcome, ParamValue } from '../types';
import { looksLikeUrl } from '../url-parts';
import { intParam, textParam } from '../validate-context';
import {
  GOAL_ATTRIBUTE_LABELS,
  isEventGoalAttribute,
  type GoalDefinition,
  type GoalMatchAttribute,
} from './goal-definition';
import { goalPatternMatches } from './goal-pattern';

export interface GoalHit {
  type: HitType;
  params: Record<string, ParamValue>;
  outcome?: Outcome;
}

export interface GoalVisitContext {
  /** Goals converted by earlier hits of the same visit. */
  converted?: ReadonlySet<number>;
  /** Seconds from the visit's first action to this hit; unknown: visit_duration goals wait. */
  visitSeconds?: number;
  /** The site's search settings, to name the keyword of a site search. */
  search?: SiteSearchSettings;
}

export interface GoalConversion {
  idgoal: number;
  name: string;
  revenue: number;
  /** Where the revenue came from. */
  revenueFrom: 'hit' | 'goal' | 'event';
  /** What matched, in words. */
  because: string;
}

export interface GoalMiss {
  idgoal: number;
  name: string;
  reason: string;
  /** Lower is closer to converting. */
  closeness: number;
}

export interface GoalPrediction {
  conversions: GoalConversion[];
  /** Every goal that did not convert, closest first. */
  misses: GoalMiss[];
}

/** The action type Matomo records for a hit, in GoalManager's terms, or null (no action). */
type ActionKind = 'page' | 'site_search' | 'download' | 'outlink' | 'event' | 'other';

function actionKind(type: HitType): ActionKind | null {
  switch (type) {
    case 'pageview':
    case 'product_view':
      return 'page';
    case 'site_search':
    case 'download':
    case 'outlink':
    case 'event':
      return type;
    case 'content_impression':
    case 'content_interaction':
      return 'other';
    default:
      return null;
  }
}

const KIND_FOR: Partial<Record<GoalMatchAttribute, ActionKind>> = {
  url: 'page',
  title: 'page',
  file: 'download',
  external_website: 'outlink',
  event_category: 'event',
  event_action: 'event',
  event_name: 'event',
};

const KIND_WORDS: Record<ActionKind, string> = {
  page: 'page view',
  site_search: 'site search',
  download: 'download',
  outlink: 'outlink',
  event: 'event',
  other: 'content hit',
};

/** Action::getActionUrlRaw: the URL when it looks like one (PageUrl::getUrlIfLookValid). */
function validUrl(text: string): string {
  return looksLikeUrl(text) ? text : '';
}

/** The text GoalManager::detectGoalMatch (lines 181–199) compares for an attribute. */
function matchedText(attribute: GoalMatchAttribute, params: Record<string, ParamValue>): string {
  switch (attribute) {
    case 'title':
      return phpTrim(textParam(params, 'action_name'));
    case 'event_category':
      return phpTrim(textParam(params, 'e_c'));
    case 'event_action':
      return phpTrim(textParam(params, 'e_a'));
    case 'event_name':
      return phpTrim(textParam(params, 'e_n'));
    case 'file':
      return validUrl(textParam(params, 'download'));
    case 'external_website':
      return validUrl(textParam(params, 'link'));
    default:
      return validUrl(textParam(params, 'url'));
  }
}

const THING: Partial<Record<GoalMatchAttribute, string>> = {
  url: 'URL',
  title: 'page title',
  event_category: 'event category',
  event_action: 'event action',
  event_name: 'event name',
  file: 'file URL',
  external_website: 'outlink URL',
};

function revenueOf(goal: GoalDefinition, params: Record<string, ParamValue>, event: boolean) {
  if (event && goal.eventValueAsRevenue) {
    const value = readFloat(params.e_v);
    if (value.ok) return { revenue: roundMoney(value.value), revenueFrom: 'event' as const };
  }
  const sent = readFloat(params.revenue);
  if (sent.ok) return { revenue: roundMoney(sent.value), revenueFrom: 'hit' as const };
  return { revenue: roundMoney(goal.revenue ?? 0), revenueFrom: 'goal' as const };
}

type Verdict =
  { match: true; because: string } | { match: false; reason: string; closeness: number };

/** Why a text pattern did or did not match. */
function patternVerdict(goal: GoalDefinition, text: string): Verdict {
  const thing = THING[goal.matchAttribute] ?? goal.matchAttribute;
  const caseSensitive = goal.caseSensitive === true;
  const shown = `${goal.patternType} \`${goal.pattern}\``;
  if (goalPatternMatches(goal.patternType, goal.pattern, text, caseSensitive)) {
    return { match: true, because: `the ${thing} \`${text}\` matches ${shown}` };
  }
  if (text === '') {
    return { match: false, reason: `the hit has no ${thing} to match ${shown}`, closeness: 3 };
  }
  if (caseSensitive && goalPatternMatches(goal.patternType, goal.pattern, text, false)) {
    return {
      match: false,
      reason: `pattern \`${goal.pattern}\` is case-sensitive; the ${thing} is \`${text}\``,
      closeness: 1,
    };
  }
  return {
    match: false,
    reason: `the ${thing} \`${text}\` does not match ${shown}`,
    closeness: 2,
  };
}

/** detectNumericGoalMatch (GoalManager.php lines 213–249): minutes strictly greater. */
function durationVerdict(goal: GoalDefinition, seconds: number | undefined): Verdict {
  const minutes = Number(goal.pattern);
  if (seconds === undefined) {
    return { match: false, reason: 'the visit duration is not known yet', closeness: 3 };
  }
  const spent = `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return seconds / 60 > minutes
    ? { match: true, because: `the visit has lasted ${spent}, more than ${minutes} min` }
    : {
        match: false,
        reason: `the visit has lasted ${spent}, not more than ${minutes} min`,
        closeness: 2,
      };
}

function verdictFor(
  goal: GoalDefinition,
  hit: GoalHit,
  kind: ActionKind,
  visit: GoalVisitContext,
): Verdict {
  const attribute = goal.matchAttribute;
  if (attribute === 'visit_duration') return durationVerdict(goal, visit.visitSeconds);
  if (attribute === 'manually') {
    return {
      match: false,
      reason: `a manual goal converts only with idgoal=${goal.idgoal}`,
      closeness: 4,
    };
  }
  const wanted = KIND_FOR[attribute] as ActionKind;
  if (kind === 'site_search' && wanted === 'page') {
    const keyword = detectSiteSearch(hit.params, visit.search)?.keyword;
    return {
      match: false,
      reason: `this hit became a site search${keyword ? ` (keyword "${keyword}")` : ''}, ${attribute === 'url' ? 'URL' : 'page title'} goals don't match it`,
      closeness: 1,
    };
  }
  if (kind !== wanted) {
    return {
      match: false,
      reason: `${GOAL_ATTRIBUTE_LABELS[attribute].toLowerCase()} goals look at ${KIND_WORDS[wanted]}s; this hit is a ${KIND_WORDS[kind]}`,
      closeness: 4,
    };
  }
  return patternVerdict(goal, matchedText(attribute, hit.params));
}

function noActionReason(hit: GoalHit): string {
  switch (hit.type) {
    case 'ping':
      return 'a ping records no action, so no goal is matched';
    case 'ecommerce_order':
      return 'an ecommerce order converts the order, not the site goals';
    case 'ecommerce_cart':
      return 'a cart update converts the abandoned-cart goal, not the site goals';
    case 'goal':
      return `this hit converts goal ${intParam(hit.params, 'idgoal', 0)} by hand and records no action, so no other goal is matched`;
    default:
      return `a ${hit.type} hit records no action Matomo's goals look at`;
  }
}

function repeatCheck(goal: GoalDefinition, visit: GoalVisitContext): GoalMiss | null {
  if (goal.allowMultiple || !visit.converted?.has(goal.idgoal)) return null;
  return {
    idgoal: goal.idgoal,
    name: goal.name,
    reason: 'already converted in this visit and multiple conversions are off',
    closeness: 0,
  };
}

/** The manual conversion of idgoal=N (GoalsRequestProcessor lines 58–77). */
function manualPrediction(
  hit: GoalHit,
  goals: readonly GoalDefinition[],
  visit: GoalVisitContext,
): GoalPrediction {
  const idgoal = intParam(hit.params, 'idgoal', 0);
  const goal = goals.find((item) => item.idgoal === idgoal);
  const misses: GoalMiss[] = goals
    .filter((item) => item !== goal)
    .map((item) => ({
      idgoal: item.idgoal,
      name: item.name,
      reason: noActionReason(hit),
      closeness: 5,
    }));
  if (!goal) return { conversions: [], misses };
  const repeat = repeatCheck(goal, visit);
  if (repeat) return { conversions: [], misses: [repeat, ...misses] };
  return {
    conversions: [
      {
        idgoal,
        name: goal.name,
        ...revenueOf(goal, hit.params, false),
        because: `idgoal=${idgoal} converts it by hand`,
      },
    ],
    misses,
  };
}

/**
 * The goals `hit` would convert, given the site's goal definitions and what its visit has
 * converted before it, and every other goal with the reason it would not convert.
 */
export function predictGoals(
  hit: GoalHit,
  goals: readonly GoalDefinition[],
  visit: GoalVisitContext = {},
): GoalPrediction {
  if (goals.length === 0) return { conversions: [], misses: [] };
  if (hit.outcome && hit.outcome !== 'recorded') {
    const reason = `the hit is ${hit.outcome}, so Matomo converts nothing`;
    return {
      conversions: [],
      misses: goals.map((goal) => ({ idgoal: goal.idgoal, name: goal.name, reason, closeness: 6 })),
    };
  }
  if (hit.type === 'goal') return manualPrediction(hit, goals, visit);
  const kind = actionKind(hit.type);
  const conversions: GoalConversion[] = [];
  const misses: GoalMiss[] = [];
  for (const goal of goals) {
    if (kind === null) {
      misses.push({
        idgoal: goal.idgoal,
        name: goal.name,
        reason: noActionReason(hit),
        closeness: 5,
      });
      continue;
    }
    const verdict = verdictFor(goal, hit, kind, visit);
    if (!verdict.match) {
      misses.push({
        idgoal: goal.idgoal,
        name: goal.name,
        reason: verdict.reason,
        closeness: verdict.closeness,
      });
      continue;
    }
    const repeat = repeatCheck(goal, visit);
    if (repeat) {
      misses.push(repeat);
      continue;
    }
    conversions.push({
      idgoal: goal.idgoal,
      name: goal.name,
      ...revenueOf(goal, hit.params, kind === 'event' && isEventGoalAttribute(goal.matchAttribute)),
      because: verdict.because,
    });
  }
  misses.sort((a, b) => a.closeness - b.closeness);
  return { conversions, misses };
}
