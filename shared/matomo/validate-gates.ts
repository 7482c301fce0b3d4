// The checks that stop a hit, in the order Matomo runs them (docs/tracking-protocol.md#check-order). The first one that
// fails decides the outcome; Matomo never reaches the later ones, so neither does Hitscope:
// an excluded request is still rejected for a bad site or an unauthenticated override, but
// not for a bad cid, idgoal, pf_* or a duplicate order.
import { actionType } from './classify';
import { siteSearchSettings } from './site-search';
import { makeIssue } from './issue-codes';
import { hasNoOwnKeys } from './record-shapes';
import { knownGoalIds } from './goals/goal-definition';
import { phpEmpty, phpTrim } from './php-text';
import { AUTH_FREE_CUSTOM_TIME_AGE, customTime, formatUtc } from './time';
import {
  firstNameWhere,
  intParam,
  isFilled,
  orderKey,
  shown,
  textParam,
  type HitFacts,
} from './validate-context';
import type { Issue } from './types';
import { refusedCidLength } from './visitor';
import {
  botIpRange,
  excludedIp,
  excludedUserAgent,
  pingNewVisit,
  prefetch,
  referrerSpam,
} from './validate-exclusions';

type Gate = (facts: HitFacts) => Issue | null;

/** docs/tracking-protocol.md#check-order step 1: a request without any parameter is counted but processes nothing. */
const emptyRequest: Gate = ({ params }) =>
  hasNoOwnKeys(params)
    ? makeIssue('request.empty', {
        message: 'The request has no parameters: Matomo counts it and records nothing.',
      })
    : null;

/** docs/tracking-protocol.md#check-order step 2: idsite must be a positive integer and, with profiles, a known site. */
const siteCheck: Gate = ({ params, idsite, site, profilesKnown }) => {
  const raw = params.idsite;
  if (raw === undefined || raw === null || raw === '') {
    return makeIssue('idsite.missing', {
      param: 'idsite',
      message: "idsite is missing: Matomo rejects the request (Invalid idSite: '0').",
    });
  }
  if (idsite <= 0) {
    return makeIssue('idsite.invalid', {
      param: 'idsite',
      message: `idsite=${shown(raw)} is not a positive integer (Matomo reads ${idsite}) and is rejected.`,
    });
  }
  if (profilesKnown && !site) {
    return makeIssue('idsite.unknown', {
      param: 'idsite',
      message: `No site with id ${idsite} is described in the site profiles: Matomo rejects hits for unknown sites.`,
    });
  }
  return null;
};

/** docs/tracking-protocol.md#check-order step 4, #authenticated-overrides: geo overrides need token_auth. */
const GEO_OVERRIDES = ['country', 'region', 'city', 'lat', 'long'];
const geoOverrides: Gate = ({ params, authenticated, token }) => {
  if (authenticated) return null;
  const used = firstNameWhere(params, GEO_OVERRIDES, isFilled);
  if (!used) return null;
  return makeIssue('auth.required', {
    param: used,
    message: `${used}=${shown(params[used])} overrides the visitor location and needs a valid token_auth${token ? ' (the token sent is not accepted for this site)' : ''}.`,
  });
};

/** docs/tracking-protocol.md#check-order step 4, #custom-time: a custom time 24 h or older needs token_auth. */
const customTimeAuth: Gate = ({ params, ctx, authenticated }) => {
  const time = customTime(params, Math.floor(ctx.now / 1000));
  if (time.status !== 'used' || authenticated || time.ageSeconds < AUTH_FREE_CUSTOM_TIME_AGE) {
    return null;
  }
  return makeIssue('cdt.too_old', {
    param: time.param,
    message: `The hit time ${formatUtc(time.seconds)} is ${time.ageSeconds} seconds old (24 h or more) and no valid token_auth was sent.`,
  });
};

/** docs/tracking-protocol.md#check-order step 5, #authenticated-overrides: cip needs token_auth. */
const ipOverride: Gate = ({ params, authenticated, token }) => {
  if (authenticated || !isFilled(params, 'cip')) return null;
  return makeIssue('auth.required', {
    param: 'cip',
    message: `cip=${shown(params.cip)} overrides the visitor IP and needs a valid token_auth${token ? ' (the token sent is not accepted for this site)' : ''}.`,
  });
};

/** docs/tracking-protocol.md#exclusions rule 1: bots are discarded unless bots is non-zero. */
const botExclusion: Gate = ({ params, input }) => {
  if (!input.device.bot || intParam(params, 'bots', 0) !== 0) return null;
  const name = input.device.botName ?? 'a bot';
  return makeIssue('bot.excluded', {
    param: params.ua !== undefined ? 'ua' : undefined,
    message: `The user agent is ${name} ("${input.device.userAgent.slice(0, 80)}"); without bots=1 Matomo discards the hit.`,
  });
};

/** docs/tracking-protocol.md#exclusions rule 2, #core-parameters: rec must be truthy. */
const recCheck: Gate = ({ params }) => {
  if (intParam(params, 'rec', 0) !== 0) return null;
  const raw = params.rec;
  const detail = raw === undefined ? 'rec is missing' : `rec=${shown(raw)} reads as 0`;
  return makeIssue('rec.missing', {
    param: 'rec',
    message: `${detail}: Matomo answers success but records nothing.`,
  });
};

/**
 * The install check marks the check done and records nothing, when its raw value is not PHP
 * empty(): "0" is no install check (plugins/JsTrackerInstallCheck/JsTrackerInstallCheck.php
 * lines 46–61).
 */
const installCheck: Gate = ({ params }) =>
  phpEmpty(params.tracker_install_check)
    ? null
    : makeIssue('install_check.excluded', {
        param: 'tracker_install_check',
        message: `tracker_install_check=${shown(params.tracker_install_check)}: Matomo only confirms the tracker installation and records nothing.`,
      });

/**
 * A forced visitor id must be 16 bytes (core/Tracker/Request.php lines 746–771), counted on the
 * sanitised value: & as &amp; (visitor.ts, refusedCidLength).
 */
const visitorId: Gate = ({ params }) => {
  const bytes = refusedCidLength(params);
  if (bytes === null) return null;
  const cid = textParam(params, 'cid');
  return makeIssue('cid.length', {
    param: 'cid',
    message: `cid "${cid}" is ${bytes} bytes long to Matomo (UTF-8, with & < > " ' escaped as HTML entities); it must be exactly 16.`,
  });
};

/** docs/tracking-protocol.md#check-order step 6, #action-parameters: ca=1 must be claimed by an action (media and crash by their plugins). */
const customAction: Gate = ({ params, input, site, ctx }) => {
  if (intParam(params, 'ca', 0) === 0) return null;
  if (input.type === 'media' || input.type === 'crash') return null;
  if (actionType(params, { search: siteSearchSettings(site, ctx.headers) })) return null;
  return makeIssue('ca.unclaimed', {
    param: 'ca',
    message: `ca=${shown(params.ca)} marks a custom action, but the hit has no event, content, link, download or search: Matomo refuses it.`,
  });
};

/**
 * An event's category and action and a content name are trimmed when Matomo looks up their
 * action: blank text is an error (plugins/Events/Columns/EventCategory.php lines 48–62,
 * EventAction.php lines 48–62, plugins/Contents/Columns/ContentName.php lines 49–63).
 */
const BLANK_CHECKS = [
  { type: 'event', param: 'e_c', code: 'event.blank' },
  { type: 'event', param: 'e_a', code: 'event.blank' },
  { type: 'content_impression', param: 'c_n', code: 'content.blank' },
  { type: 'content_interaction', param: 'c_n', code: 'content.blank' },
] as const;
const blankActionName: Gate = ({ params, input }) => {
  const blank = BLANK_CHECKS.find(
    (check) => check.type === input.type && phpTrim(textParam(params, check.param)) === '',
  );
  if (!blank) return null;
  return makeIssue(blank.code, {
    param: blank.param,
    message: `${blank.param}=${shown(params[blank.param])} is blank once trimmed: Matomo refuses the ${input.type === 'event' ? 'event' : 'content hit'} (400).`,
  });
};

/** docs/tracking-protocol.md#check-order step 6, #events-goals-ecommerce: a manual goal must exist for the site (site profile needed). */
const goalExists: Gate = ({ params, site, input }) => {
  if (input.type !== 'goal' || !site) return null;
  const idgoal = intParam(params, 'idgoal', -1);
  const known = knownGoalIds(site);
  if (known.includes(idgoal)) return null;
  return makeIssue('idgoal.unknown', {
    param: 'idgoal',
    message: `Goal ${idgoal} does not exist for site ${site.idsite} (${site.name}); known goals: ${known.join(', ') || 'none'}.`,
  });
};

/** docs/tracking-protocol.md#events-goals-ecommerce: ec_items that decode to something other than a list make Matomo skip the conversion. */
const ecommerceItems: Gate = ({ input }) => {
  if (input.type !== 'ecommerce_order' && input.type !== 'ecommerce_cart') return null;
  const items = input.decoded.ec_items;
  if (!items || items.value !== null) return null;
  return makeIssue('ec_items.ignored', {
    param: 'ec_items',
    message: `ec_items=${shown(items.raw)} is not a list of items: Matomo answers success but records no ${input.type === 'ecommerce_order' ? 'order' : 'cart'}.`,
  });
};

/** docs/tracking-protocol.md#check-order step 7, #action-parameters: on a page view, pf_* below -1 is an error. */
const PERFORMANCE = ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'];
const isNegativeTiming = (params: HitFacts['params'], name: string): boolean =>
  intParam(params, name, -1) < -1;
const performance: Gate = ({ params, input }) => {
  if (input.type !== 'pageview' && input.type !== 'product_view') return null;
  const negative = firstNameWhere(params, PERFORMANCE, isNegativeTiming);
  if (!negative) return null;
  return makeIssue('pf.negative', {
    param: negative,
    message: `${negative}=${shown(params[negative])} is negative; Matomo rejects the page view ("can't be negative").`,
  });
};

/** docs/tracking-protocol.md#check-order step 7, #events-goals-ecommerce: an order id may be recorded once per site. */
const duplicateOrder: Gate = ({ params, idsite, ctx, input }) => {
  if (input.type !== 'ecommerce_order' || !ctx.seenOrders) return null;
  const orderId = textParam(params, 'ec_id');
  if (!ctx.seenOrders.has(orderKey(params))) return null;
  return makeIssue('ec_id.duplicate', {
    param: 'ec_id',
    message: `Order "${orderId}" was already recorded for site ${idsite}; Matomo rejects the second one.`,
  });
};

/** Order of docs/tracking-protocol.md#check-order: site, overrides (geo, time, IP), exclusion, visitor, action, goals, recording. */
export const GATES: readonly Gate[] = [
  emptyRequest,
  siteCheck,
  geoOverrides,
  customTimeAuth,
  ipOverride,
  botExclusion,
  botIpRange,
  recCheck,
  installCheck,
  excludedIp,
  excludedUserAgent,
  referrerSpam,
  prefetch,
  visitorId,
  customAction,
  goalExists,
  pingNewVisit,
  blankActionName,
  ecommerceItems,
  performance,
  duplicateOrder,
];

/** The issue of the first check that stops the hit, or null when none does. */
export function firstStop(facts: HitFacts): Issue | null {
  for (const gate of GATES) {
    const issue = gate(facts);
    if (issue) return issue;
  }
  return null;
}
