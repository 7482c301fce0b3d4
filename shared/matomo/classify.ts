// classify: what kind of hit a tracking request is, as Matomo decides it.
// - A heartbeat (ping=1) records no action and no goal (docs/tracking-protocol.md#action-parameters).
// - idgoal > 0 converts a goal; idgoal = 0 is an ecommerce order (with ec_id) or a cart
//   update; neither records a page action (docs/tracking-protocol.md#events-goals-ecommerce).
// - Otherwise the action with the highest priority wins: download > outlink > event >
//   content > site search > page view (docs/tracking-protocol.md#action-parameters, Matomo's factory priority).
// - Premium plugin hits (media ma_*, crash cra) and product page views are named apart.
import { readInt, readString } from './coerce';
import { phpTrim } from './php-text';
import { hasNoOwnKeys } from './record-shapes';
import { detectSiteSearch, type SiteSearchSettings } from './site-search';
import type { HitType, ParamValue } from './types';

export interface ClassifyOptions {
  /** The site's site search settings; none: on, with Matomo's default parameter names. */
  search?: SiteSearchSettings;
}

/** A string parameter as Matomo tests it with PHP empty(): "" and "0" count as not set. */
function filled(params: Record<string, ParamValue>, name: string): boolean {
  const read = readString(params[name]);
  return read.ok && read.value !== '0';
}

/** Non-empty in the strlen() sense, as the event check uses (docs/tracking-protocol.md#events-goals-ecommerce). */
function nonEmpty(params: Record<string, ParamValue>, name: string): boolean {
  const read = readString(params[name]);
  return read.ok && read.value.length > 0;
}

function intParam(params: Record<string, ParamValue>, name: string, fallback: number): number {
  const read = readInt(params[name]);
  return read.ok ? read.value : fallback;
}

const PRODUCT_VIEW_PARAMS = ['_pks', '_pkn', '_pkc', '_pkp'];

/** Event needs both category and action (docs/tracking-protocol.md#events-goals-ecommerce). */
export function isEvent(params: Record<string, ParamValue>): boolean {
  return nonEmpty(params, 'e_c') && nonEmpty(params, 'e_a');
}

/**
 * A content hit is an interaction when c_i, trimmed, is not empty in the strlen() sense: "0"
 * is an interaction, blank text an impression (plugins/Contents/Columns/ContentInteraction.php
 * lines 47–61).
 */
function isInteraction(params: Record<string, ParamValue>): boolean {
  const read = readString(params.c_i);
  return read.ok && phpTrim(read.value) !== '';
}

/** The action Matomo's action factory picks, or null when none claims the request. */
export function actionType(
  params: Record<string, ParamValue>,
  options: ClassifyOptions = {},
): HitType | null {
  if (filled(params, 'download')) return 'download';
  if (filled(params, 'link')) return 'outlink';
  if (isEvent(params)) return 'event';
  if (filled(params, 'c_n'))
    return isInteraction(params) ? 'content_interaction' : 'content_impression';
  if (detectSiteSearch(params, options.search)) return 'site_search';
  return null;
}

export function classifyHit(
  params: Record<string, ParamValue>,
  options: ClassifyOptions = {},
): HitType {
  if (hasNoOwnKeys(params)) return 'unknown';
  if (intParam(params, 'ping', 0) === 1) return 'ping';
  const idgoal = intParam(params, 'idgoal', -1);
  if (idgoal > 0) return 'goal';
  if (idgoal === 0) return filled(params, 'ec_id') ? 'ecommerce_order' : 'ecommerce_cart';
  if (filled(params, 'ma_id')) return 'media';
  if (filled(params, 'cra')) return 'crash';
  const action = actionType(params, options);
  if (action) return action;
  // ca=1 asks for a custom action that nothing claimed: Matomo refuses it (docs/tracking-protocol.md#action-parameters).
  if (intParam(params, 'ca', 0) !== 0) return 'unknown';
  // A loop, not `.some((name) => …)`: that made a function for each hit classified.
  for (let i = 0; i < PRODUCT_VIEW_PARAMS.length; i++) {
    if (filled(params, PRODUCT_VIEW_PARAMS[i] as string)) return 'product_view';
  }
  return 'pageview';
}
