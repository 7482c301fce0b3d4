// Checks that need the hits before this one in the same visit. Each finding names the
// earlier hit it conflicts with (`relatedHitId`) when there is one. The rules and the
// Matomo code they come from are in issue-codes.ts; the visit state they read is kept by
// VisitIndex as hits arrive.
import { readFloat, readJson } from '../matomo/coerce';
import { decodeEcommerceItems, type EcommerceItem } from '../matomo/decode-json';
import { makeIssue } from '../matomo/issue-codes';
import type { HitType, ParamValue } from '../matomo/types';
import { textParam } from '../matomo/validate-context';
import type { CrossHitIssue } from './types';

/** A value seen earlier in the visit, with the hit that sent it. */
export interface SeenValue<T> {
  value: T;
  hitId: string;
}

/** What the checks remember of a visit. */
export interface VisitCheckState {
  /** `|`-separated pv_ids (their first 6 characters) of the visit's page views, or null. */
  pageviews: string | null;
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

const withRelated = (issue: CrossHitIssue, relatedHitId: string | null): CrossHitIssue => {
  if (relatedHitId) issue.relatedHitId = relatedHitId;
  return issue;
};

/** Money as Matomo stores it: rounded to cents (core/Tracker/GoalManager.php lines 326–335). */
const cents = (value: number): number => Math.round(value * 100);
const money = (value: number): string => (value / 100).toFixed(2);

function itemsOf(params: Record<string, ParamValue>): EcommerceItem[] {
  const json = readJson(params.ec_items);
  if (!json.ok) return [];
  const items = decodeEcommerceItems(json.value).value;
  return Array.isArray(items) ? (items as EcommerceItem[]) : [];
}

const amount = (params: Record<string, ParamValue>, name: string): number => {
  const read = readFloat(params[name]);
  return read.ok ? cents(read.value) : 0;
};

function orderFindings(
  params: Record<string, ParamValue>,
  state: VisitCheckState,
  out: CrossHitIssue[],
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
  const items = itemsOf(params);
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
    out.push(
      withRelated(
        makeIssue('order.no_cart', {
          message: `Order ${orderId} comes with no cart update and no product view before it in the visit.`,
        }),
        state.firstPageviewHit,
      ),
    );
  }
}

/** Matomo keeps the first 6 characters of pv_id (plugins/Actions/Columns/IdPageview.php line 36). */
const pageviewKey = (pvId: string): string => pvId.slice(0, 6);

const PV_LINKED: ReadonlySet<HitType> = new Set([
  'event',
  'content_impression',
  'content_interaction',
]);

/** `_id` or `uid` of the hit differs from the one sent before in the visit. */
function visitorChanged(
  params: Record<string, ParamValue>,
  name: '_id' | 'uid',
  seen: SeenValue<string> | null,
  out: CrossHitIssue[],
): void {
  if (!seen) return;
  const value = textParam(params, name);
  if (value !== '' && value !== seen.value) {
    out.push(
      withRelated(
        makeIssue('visitor.id_changed', {
          param: name,
          message: `${name} changed within the visit, from ${seen.value} to ${value}.`,
        }),
        seen.hitId,
      ),
    );
  }
}

/** The findings of a hit joining a visit; the state is not changed (see recordInState). */
export function crossHitFindings(
  type: HitType,
  params: Record<string, ParamValue>,
  state: VisitCheckState,
  visitScopedDimensions: readonly number[],
): CrossHitIssue[] {
  const out: CrossHitIssue[] = [];
  if (type === 'ecommerce_order') orderFindings(params, state, out);
  const pvId = textParam(params, 'pv_id');
  if (PV_LINKED.has(type) && pvId !== '' && !state.pageviews?.includes(`|${pageviewKey(pvId)}|`)) {
    out.push(
      withRelated(
        makeIssue('pv_id.unmatched', {
          param: 'pv_id',
          message: state.pageviews
            ? `pv_id ${pvId} matches no page view of this visit (the last page view has pv_id ${state.pageviews.split('|').at(-2) ?? ''}).`
            : `pv_id ${pvId} matches no page view: the visit has none before this hit.`,
        }),
        state.lastPageviewHit,
      ),
    );
  }
  if (type === 'ping' && state.firstPageviewHit === null) {
    out.push(
      withRelated(
        makeIssue('ping.no_pageview', {
          message: 'This ping extends a visit that has no page view.',
        }),
        state.firstHitId,
      ),
    );
  }
  visitorChanged(params, '_id', state.lastVisitorParam, out);
  visitorChanged(params, 'uid', state.lastUserId, out);
  const idvc = readFloat(params._idvc);
  if (idvc.ok && state.visitCount && Math.trunc(idvc.value) < state.visitCount.value) {
    out.push(
      withRelated(
        makeIssue('idvc.backwards', {
          param: '_idvc',
          message: `_idvc is ${Math.trunc(idvc.value)}, lower than the ${state.visitCount.value} this visitor sent before.`,
        }),
        state.visitCount.hitId,
      ),
    );
  }
  for (const id of visitScopedDimensions) {
    const name = `dimension${id}`;
    const value = textParam(params, name);
    const seen = state.dimensions?.get(id);
    if (seen && value !== '' && value !== seen.value) {
      out.push(
        withRelated(
          makeIssue('dimension.changed', {
            param: name,
            message: `Visit-scoped ${name} changed within the visit, from ${seen.value} to ${value}; Matomo keeps the last value for the whole visit.`,
          }),
          seen.hitId,
        ),
      );
    }
  }
  return out;
}

/** Remembers what later hits of the visit are checked against. */
export function recordInState(
  hitId: string,
  type: HitType,
  params: Record<string, ParamValue>,
  state: VisitCheckState,
  visitScopedDimensions: readonly number[],
): void {
  if (type === 'pageview' || type === 'site_search' || type === 'product_view') {
    const pvId = textParam(params, 'pv_id');
    state.pageviews ??= '|';
    const key = `${pageviewKey(pvId)}|`;
    if (pvId !== '' && !state.pageviews.includes(`|${key}`)) state.pageviews += key;
    state.firstPageviewHit ??= hitId;
    state.lastPageviewHit = hitId;
  }
  if (state.shopHit === null && (type === 'ecommerce_cart' || type === 'product_view')) {
    state.shopHit = hitId;
  }
  const id = textParam(params, '_id');
  // The value and the first hit that sent it (a new object only when the value changes).
  if (id !== '' && state.lastVisitorParam?.value !== id)
    state.lastVisitorParam = { value: id, hitId };
  const uid = textParam(params, 'uid');
  if (uid !== '' && state.lastUserId?.value !== uid) state.lastUserId = { value: uid, hitId };
  const idvc = readFloat(params._idvc);
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
