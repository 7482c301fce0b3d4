// Starting points for composing a tracking request, one per kind of hit. Each lists the
// parameters that matter for that kind, in the order the JS tracker sends them (docs/tracking-protocol.md#js-tracker),
// which ones Matomo needs to see the hit as that kind (docs/tracking-protocol.md#action-parameters–#events-goals-ecommerce), and the values that
// are fixed by the kind (`ca=1` for events and content, `idgoal=0` for ecommerce, `ping=1`).
// Labels and help come from the parameter catalogue; only the examples live here.
import type { HitType } from './types';

export const TEMPLATE_IDS = [
  'pageview',
  'event',
  'site_search',
  'outlink',
  'download',
  'goal',
  'ecommerce_order',
  'ecommerce_cart',
  'product_view',
  'content_impression',
  'content_interaction',
  'ping',
  'blank',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateField {
  name: string;
  /** Matomo needs it for the hit to be of this kind. */
  required?: boolean;
  /** Value set by the kind itself (shown, editable, but rarely changed). */
  fixed?: string;
  /** Value filled in when the template is applied. */
  initial?: string;
  /** Shown as a placeholder. */
  example?: string;
}

export interface HitTemplate {
  id: TemplateId;
  label: string;
  /** One line: what the template sends and what Matomo does with it. */
  description: string;
  /** The hit type the request is classified as (docs/tracking-protocol.md#action-parameters priority). */
  hitType: HitType | null;
  fields: TemplateField[];
  /** Shows the ecommerce item editor for `ec_items`. */
  items?: boolean;
}

const url: TemplateField = { name: 'url', example: 'https://shop.example/page' };
const pageUrl: TemplateField = { ...url, required: true };

export const HIT_TEMPLATES: Record<TemplateId, HitTemplate> = {
  pageview: {
    id: 'pageview',
    label: 'Page view',
    description: 'A page was shown: its URL and title.',
    hitType: 'pageview',
    fields: [
      { name: 'action_name', example: 'Home' },
      pageUrl,
      { name: 'urlref', example: 'https://www.search.example/' },
    ],
  },
  event: {
    id: 'event',
    label: 'Event',
    description: 'An interaction: category and action are both needed for Matomo to see an event.',
    hitType: 'event',
    fields: [
      { name: 'e_c', required: true, example: 'Video' },
      { name: 'e_a', required: true, example: 'Play' },
      { name: 'e_n', example: 'Intro' },
      { name: 'e_v', example: '12.5' },
      { name: 'ca', fixed: '1' },
      url,
    ],
  },
  site_search: {
    id: 'site_search',
    label: 'Site search',
    description: 'A search on the site; recorded as a page view when the site has search off.',
    hitType: 'site_search',
    fields: [
      { name: 'search', required: true, example: 'running shoes' },
      { name: 'search_cat', example: 'Shoes' },
      { name: 'search_count', example: '42' },
      url,
    ],
  },
  outlink: {
    id: 'outlink',
    label: 'Outlink',
    description: 'A click on a link leaving the site.',
    hitType: 'outlink',
    fields: [{ name: 'link', required: true, example: 'https://partner.example/' }, url],
  },
  download: {
    id: 'download',
    label: 'Download',
    description: 'A click on a file to download.',
    hitType: 'download',
    fields: [
      { name: 'download', required: true, example: 'https://shop.example/catalog.pdf' },
      url,
    ],
  },
  goal: {
    id: 'goal',
    label: 'Goal',
    description: 'A manual goal conversion; the goal must exist for the site.',
    hitType: 'goal',
    fields: [
      { name: 'idgoal', required: true, example: '1' },
      { name: 'revenue', example: '10' },
      url,
    ],
  },
  ecommerce_order: {
    id: 'ecommerce_order',
    label: 'Ecommerce order',
    description: 'A completed order: idgoal=0 with an order id unique per site, and its items.',
    hitType: 'ecommerce_order',
    items: true,
    fields: [
      { name: 'idgoal', fixed: '0' },
      { name: 'ec_id', required: true, example: 'ORDER-1001' },
      { name: 'revenue', required: true, example: '59.90' },
      { name: 'ec_st', example: '49.90' },
      { name: 'ec_tx', example: '8.00' },
      { name: 'ec_sh', example: '5.00' },
      { name: 'ec_dt', example: '3.00' },
      { name: 'ec_items' },
      url,
    ],
  },
  ecommerce_cart: {
    id: 'ecommerce_cart',
    label: 'Cart update',
    description: 'The cart changed: idgoal=0 without an order id, with the whole cart.',
    hitType: 'ecommerce_cart',
    items: true,
    fields: [
      { name: 'idgoal', fixed: '0' },
      { name: 'revenue', required: true, example: '49.90' },
      { name: 'ec_items' },
      url,
    ],
  },
  product_view: {
    id: 'product_view',
    label: 'Product view',
    description: 'A page view of a product page, with the product it shows.',
    hitType: 'product_view',
    fields: [
      { name: '_pks', required: true, example: 'SKU-42' },
      { name: '_pkn', example: 'Trail shoe' },
      { name: '_pkc', example: '["Shoes","Trail"]' },
      { name: '_pkp', example: '89.90' },
      { name: 'action_name', example: 'Trail shoe' },
      pageUrl,
    ],
  },
  content_impression: {
    id: 'content_impression',
    label: 'Content impression',
    description: 'A content block was shown (banner, teaser): name and piece.',
    hitType: 'content_impression',
    fields: [
      { name: 'c_n', required: true, example: 'Spring banner' },
      { name: 'c_p', example: '/img/spring.jpg' },
      { name: 'c_t', example: 'https://shop.example/spring' },
      { name: 'ca', fixed: '1' },
      url,
    ],
  },
  content_interaction: {
    id: 'content_interaction',
    label: 'Content interaction',
    description: 'Someone interacted with a content block (click, hover…).',
    hitType: 'content_interaction',
    fields: [
      { name: 'c_i', required: true, example: 'click' },
      { name: 'c_n', required: true, example: 'Spring banner' },
      { name: 'c_p', example: '/img/spring.jpg' },
      { name: 'c_t', example: 'https://shop.example/spring' },
      { name: 'ca', fixed: '1' },
      url,
    ],
  },
  ping: {
    id: 'ping',
    label: 'Heartbeat ping',
    description: 'Extends the time on the page of an earlier page view; never starts a visit.',
    hitType: 'ping',
    fields: [{ name: 'ping', fixed: '1' }, url],
  },
  blank: {
    id: 'blank',
    label: 'Blank',
    description: 'No parameters but the defaults: build any request by hand.',
    hitType: null,
    fields: [],
  },
};

export const TEMPLATE_LIST: HitTemplate[] = TEMPLATE_IDS.map((id) => HIT_TEMPLATES[id]);

/** The template for a classified hit (media, crash and unknown hits open as blank). */
export function templateForHitType(type: HitType): TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(type) ? (type as TemplateId) : 'blank';
}

/**
 * The parameters a template adds by itself: only the values fixed by the kind (`ca=1`,
 * `idgoal=0`, `ping=1`). The other fields stay empty in the form until filled, so nothing
 * empty is sent.
 */
export function templateParams(id: TemplateId): { name: string; value: string }[] {
  return HIT_TEMPLATES[id].fields
    .filter((f) => (f.fixed ?? f.initial) !== undefined)
    .map((f) => ({ name: f.name, value: f.fixed ?? f.initial ?? '' }));
}

/**
 * The template matching a request's parameters, following how Matomo reads them: a goal or
 * ecommerce conversion records no page action (docs/tracking-protocol.md#events-goals-ecommerce), a ping none either (#action-parameters), then
 * the action priority download > outlink > event > content > site search > page view.
 */
export function templateForParams(params: Record<string, string | undefined>): TemplateId {
  const has = (name: string) => (params[name] ?? '') !== '';
  if (has('idgoal')) {
    const goal = Number(params.idgoal);
    if (goal === 0) return has('ec_id') ? 'ecommerce_order' : 'ecommerce_cart';
    if (goal > 0) return 'goal';
  }
  if (params.ping === '1') return 'ping';
  if (has('download')) return 'download';
  if (has('link')) return 'outlink';
  if (has('e_c') && has('e_a')) return 'event';
  if (has('c_n')) return has('c_i') ? 'content_interaction' : 'content_impression';
  if (has('search')) return 'site_search';
  if (has('_pks') || has('_pkn')) return 'product_view';
  if (has('action_name') || has('url')) return 'pageview';
  return 'blank';
}

/** Names a template shows, for telling "fields of this kind" from "other parameters". */
export function templateFieldNames(id: TemplateId): Set<string> {
  return new Set(HIT_TEMPLATES[id].fields.map((f) => f.name));
}
