// Checks that need the hits before this one in the same visit. Each finding names the
// earlier hit it conflicts with (`relatedHitId`) when there is one. The rules and the
// Matomo code they come from are in issue-codes.ts; the visit state they read is kept by
// VisitIndex as hits arrive.
import { readFloat } from '../matomo/coerce';
import { makeIssue } from '../matomo/issue-codes';
import type { HitType, ParamValue } from '../matomo/types';
import { textOf, textParam } from '../matomo/validate-context';
import { orderItemsOf } from './order-items';
import type { StoredFinding } from './stored-finding';
import type { DecodedValues } from './types';

/** A value seen earlier in the visit, with the hit that sent it. */
export interface SeenValue<T> {
  value: T;
  hitId: string;
}

/** What the checks remember of a visit. */
export interface VisitCheckState {
  /** The pv_ids (see PageviewKey) of the visit's page views: a list, a set when long. */
  pageviews: PageviewKey[] | Set<PageviewKey> | null;
  /** The last pv_id added to `pageviews`. */
  lastPageviewKey: PageviewKey | null;
  firstPageviewHit: string | null;
  lastPageviewHit: string | null;
  /** The first cart update or product view of the visit. */
  shopHit: string | null;
  lastVisitorParam: SeenValue<string> | null;
  lastUserId: SeenValue<string> | null;
  /** Highest _idvc so far for this visitor (carried over from the visitor's previous visit). */
  visitCount: SeenValue<number> | null;
  dimensions: Map<number, SeenValue<string>> | null;
  firstHitId: string;
}

export function emptyCheckState(firstHitId: string): VisitCheckState {
  return {
    pageviews: null,
    lastPageviewKey: null,
    firstPageviewHit: null,
    lastPageviewHit: null,
    shopHit: null,
    lastVisitorParam: null,
    lastUserId: null,
    visitCount: null,
    dimensions: null,
    firstHitId,
  };
}

/** Page view ids a visit keeps in a list before a set: most visits have a few. */
const PAGEVIEW_LIST_MAX = 32;

/** Money as Matomo stores it: rounded to cents (core/Tracker/GoalManager.php lines 326–335). */
const cents = (value: number): number => Math.round(value * 100);
const money = (value: number): string => (value / 100).toFixed(2);

const amount = (params: Record<string, ParamValue>, name: string): number => {
  const read = readFloat(params[name]);
  return read.ok ? cents(read.value) : 0;
};

function orderFindings(
  params: Record<string, ParamValue>,
  decoded: DecodedValues | undefined,
  state: VisitCheckState,
  out: StoredFinding[],
): void {
  const revenue = amount(params, 'revenue');
  const orderId = textParam(params, 'ec_id');
  if (revenue === 0) {
    out.push(
      makeIssue('order.zero_revenue', {
        param: 'revenue',
        message: `Order ${orderId} has a revenue of 0: Matomo records it, but it adds nothing to revenue reports.`,
      }),
    );
  }
  const items = orderItemsOf(params, decoded);
  if (items.length > 0) {
    // Matomo stores each item's price rounded to cents and its quantity as an integer
    // (GoalManager.php lines 515–560) and never compares them with the revenue.
    const itemsTotal = items.reduce((sum, item) => sum + cents(item.price) * item.quantity, 0);
    const subtotal = params.ec_st === undefined ? null : amount(params, 'ec_st');
    const expected =
      (subtotal ?? itemsTotal) +
      amount(params, 'ec_tx') +
      amount(params, 'ec_sh') -
      amount(params, 'ec_dt');
    if (subtotal !== null && subtotal !== itemsTotal) {
      out.push(
        makeIssue('order.revenue_mismatch', {
          param: 'ec_st',
          message: `Order ${orderId}: the subtotal ec_st is ${money(subtotal)} but the items add up to ${money(itemsTotal)}.`,
        }),
      );
    } else if (revenue !== 0 && revenue !== expected) {
      out.push(
        makeIssue('order.revenue_mismatch', {
          param: 'revenue',
          message: `Order ${orderId}: the revenue is ${money(revenue)} but the items${subtotal === null ? '' : ' (subtotal)'} plus tax and shipping minus discount make ${money(expected)}.`,
        }),
      );
    }
  }
  if (state.shopHit === null) {
    const issue = makeIssue('order.no_cart', {
      message: `Order ${orderId} comes with no cart update and no product view before it in the visit.`,
    });
    if (state.firstPageviewHit) issue.relatedHitId = state.firstPageviewHit;
    out.push(issue);
  }
}

/**
 * The first 6 characters of a pv_id, all Matomo keeps (plugins/Actions/Columns/IdPageview.php
 * line 36): as a number when each is one byte (a tracker's pv_id is 6 letters and digits),
 * its length in the low 3 bits and the characters above (at most 51 bits, exact in a double);
 * else as text. A number is compared in one instruction and held in the list itself.
 */
export type PageviewKey = number | string;

export function pageviewKey(pvId: string): PageviewKey {
  const length = Math.min(pvId.length, 6);
  let key = length;
  let scale = 8;
  for (let i = 0; i < length; i++) {
    const c = pvId.charCodeAt(i);
    if (c > 0xff) return pvId.slice(0, 6);
    key += c * scale;
    scale *= 256;
  }
  return key;
}

/** The text of a pageview key. */
export function pageviewKeyText(key: PageviewKey): string {
  if (typeof key === 'string') return key;
  let rest = Math.floor(key / 8);
  let text = '';
  for (let i = key % 8; i > 0; i--) {
    text += String.fromCharCode(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return text;
}

const PV_LINKED: ReadonlySet<HitType> = new Set([
  'event',
  'content_impression',
  'content_interaction',
]);

/** `_id` or `uid` of the hit differs from the one sent before in the visit. */
function visitorChanged(
  value: string,
  param: '_id' | 'uid',
  seen: SeenValue<string> | null,
  out: StoredFinding[],
): void {
  if (!seen) return;
  if (value !== '' && value !== seen.value) {
    out.push({
      code: 'visitor.id_changed',
      param,
      from: seen.value,
      to: value,
      relatedHitId: seen.hitId,
    });
  }
}

function hasPageview(pageviews: VisitCheckState['pageviews'], key: PageviewKey): boolean {
  if (pageviews === null) return false;
  return Array.isArray(pageviews) ? pageviews.includes(key) : pageviews.has(key);
}

/** Findings of the hit, filled by crossHitFindings (copied out only when there are some). */
const found: StoredFinding[] = [];
const NO_FINDINGS: readonly StoredFinding[] = Object.freeze([]);

/**
 * The findings of a hit joining a visit; the state is not changed (see recordInState).
 * `decoded`: the hit's values as its analysis decoded them, when it brings them.
 * `visitorParam` is the hit's _id text, when read already.
 */
export function crossHitFindings(
  type: HitType,
  params: Record<string, ParamValue>,
  decoded: DecodedValues | undefined,
  state: VisitCheckState,
  visitScopedDimensions: readonly number[],
  visitorParam = textOf(params._id),
): readonly StoredFinding[] {
  found.length = 0;
  if (type === 'ecommerce_order') orderFindings(params, decoded, state, found);
  // The names are read literally (see textOf).
  const pvId = textOf(params.pv_id);
  if (PV_LINKED.has(type) && pvId !== '' && !hasPageview(state.pageviews, pageviewKey(pvId))) {
    found.push({
      code: 'pv_id.unmatched',
      pvId,
      // The text names the last page view's pv_id when the visit has one.
      lastKey:
        state.firstPageviewHit === null
          ? null
          : state.lastPageviewKey === null
            ? ''
            : pageviewKeyText(state.lastPageviewKey),
      relatedHitId: state.lastPageviewHit,
    });
  }
  if (type === 'ping' && state.firstPageviewHit === null) {
    found.push({ code: 'ping.no_pageview', relatedHitId: state.firstHitId });
  }
  visitorChanged(visitorParam, '_id', state.lastVisitorParam, found);
  visitorChanged(textOf(params.uid), 'uid', state.lastUserId, found);
  if (state.visitCount !== null && params._idvc !== undefined) {
    const idvc = readFloat(params._idvc);
    if (idvc.ok && Math.trunc(idvc.value) < state.visitCount.value) {
      found.push({
        code: 'idvc.backwards',
        value: Math.trunc(idvc.value),
        seen: state.visitCount.value,
        relatedHitId: state.visitCount.hitId,
      });
    }
  }
  for (const id of visitScopedDimensions) {
    const value = textParam(params, `dimension${id}`);
    const seen = state.dimensions?.get(id);
    if (seen && value !== '' && value !== seen.value) {
      found.push({
        code: 'dimension.changed',
        dimension: id,
        from: seen.value,
        to: value,
        relatedHitId: seen.hitId,
      });
    }
  }
  return found.length === 0 ? NO_FINDINGS : found.slice();
}

/** Remembers what later hits of the visit are checked against (`visitorParam`: as above). */
export function recordInState(
  hitId: string,
  type: HitType,
  params: Record<string, ParamValue>,
  state: VisitCheckState,
  visitScopedDimensions: readonly number[],
  visitorParam = textOf(params._id),
): void {
  if (type === 'pageview' || type === 'site_search' || type === 'product_view') {
    const pvId = textOf(params.pv_id);
    if (pvId !== '') addPageview(state, pageviewKey(pvId));
    state.firstPageviewHit ??= hitId;
    state.lastPageviewHit = hitId;
  }
  if (state.shopHit === null && (type === 'ecommerce_cart' || type === 'product_view')) {
    state.shopHit = hitId;
  }
  const id = visitorParam;
  // The value and the first hit that sent it (a new object only when the value changes).
  if (id !== '' && state.lastVisitorParam?.value !== id)
    state.lastVisitorParam = { value: id, hitId };
  const uid = textOf(params.uid);
  if (uid !== '' && state.lastUserId?.value !== uid) state.lastUserId = { value: uid, hitId };
  const idvc = params._idvc === undefined ? NOT_SENT : readFloat(params._idvc);
  if (idvc.ok && (!state.visitCount || Math.trunc(idvc.value) > state.visitCount.value)) {
    state.visitCount = { value: Math.trunc(idvc.value), hitId };
  }
  for (const dim of visitScopedDimensions) {
    const value = textParam(params, `dimension${dim}`);
    if (value === '' || state.dimensions?.get(dim)?.value === value) continue;
    state.dimensions ??= new Map();
    state.dimensions.set(dim, { value, hitId });
  }
}

const NOT_SENT = { ok: false } as const;

function addPageview(state: VisitCheckState, key: PageviewKey): void {
  const pageviews = state.pageviews;
  if (pageviews === null) state.pageviews = [key];
  else if (hasPageview(pageviews, key)) return;
  else if (!Array.isArray(pageviews)) pageviews.add(key);
  else if (pageviews.length < PAGEVIEW_LIST_MAX) pageviews.push(key);
  else state.pageviews = new Set([...pageviews, key]);
  state.lastPageviewKey = key;
}
