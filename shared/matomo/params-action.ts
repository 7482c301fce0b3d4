// Parameter catalogue, part 2: what the hit is about — actions, events, content, site
// search, goals, ecommerce and page performance (docs/tracking-protocol.md#action-parameters–#events-goals-ecommerce).
import { legacyParam, param, type ParamSpec } from './param-spec';

export const ACTION_PARAMS: ParamSpec[] = [
  param(
    'link',
    'Action',
    'url',
    'Outlink URL',
    'A click on a link to another site; the fragment is kept.',
    '2.4',
  ),
  param('download', 'Action', 'url', 'Download URL', 'A click on a file download.', '2.4'),
  param(
    'pv_id',
    'Action',
    'string',
    'Page view id',
    'Six characters tying events, pings and timings to their page view.',
    '2.4',
    { maxLength: 6, trackerSet: true },
  ),
  param(
    'bw_bytes',
    'Action',
    'int',
    'Bandwidth',
    'Size of the page or download in bytes, sent by the log importer.',
    '2.4',
    { plugin: 'Bandwidth', range: { min: 0 } },
  ),
];

export const EVENT_PARAMS: ParamSpec[] = [
  param(
    'e_c',
    'Event',
    'string',
    'Event category',
    'Group of the event; an event needs it with e_a. Blank once trimmed: the event is refused (400).',
    '2.5',
  ),
  param(
    'e_a',
    'Event',
    'string',
    'Event action',
    'What happened; an event needs it with e_c. Blank once trimmed: the event is refused (400).',
    '2.5',
  ),
  param('e_n', 'Event', 'string', 'Event name', 'Optional label of the event.', '2.5'),
  param('e_v', 'Event', 'float', 'Event value', 'Optional number attached to the event.', '2.5'),
];

export const CONTENT_PARAMS: ParamSpec[] = [
  param(
    'c_n',
    'Content',
    'string',
    'Content name',
    'Name of the content block shown or clicked; 0 is no content hit, blank text is refused (400).',
    '2.5',
  ),
  param(
    'c_p',
    'Content',
    'string',
    'Content piece',
    'The piece shown: an image path, a text, …',
    '2.5',
  ),
  param(
    'c_t',
    'Content',
    'string',
    'Content target',
    'Where the content leads when clicked.',
    '2.5',
  ),
  param(
    'c_i',
    'Content',
    'string',
    'Content interaction',
    'Kind of interaction (e.g. click); any text not blank once trimmed, even 0, turns an impression into an interaction.',
    '2.5',
  ),
];

export const SEARCH_PARAMS: ParamSpec[] = [
  param(
    'search',
    'Site search',
    'string',
    'Search keyword',
    'What the visitor searched for; trimmed, blank text is a page view. Without it, the page URL is read for keyword parameters (q, query, s, …).',
    '2.4',
  ),
  param(
    'search_cat',
    'Site search',
    'string',
    'Search category',
    'Category the search was limited to.',
    '2.4',
    { maxLength: 200 },
  ),
  param(
    'search_count',
    'Site search',
    'int',
    'Result count',
    'Number of results; 0 marks a search without results.',
    '2.4',
    { defaultValue: -1, range: { min: 0 } },
  ),
];

export const GOAL_PARAMS: ParamSpec[] = [
  param(
    'idgoal',
    'Goal',
    'int',
    'Goal id',
    'Above 0 converts that goal; 0 makes the hit an ecommerce order or cart update.',
    '2.5',
    { defaultValue: -1, range: { min: 0 } },
  ),
  param(
    'revenue',
    'Goal',
    'float',
    'Revenue',
    'Goal revenue, or the grand total of an order (rounded to cents).',
    '2.5',
  ),
];

const money = (name: string, label: string, description: string): ParamSpec =>
  param(name, 'Ecommerce', 'float', label, description, '2.5');

export const ECOMMERCE_PARAMS: ParamSpec[] = [
  param(
    'ec_id',
    'Ecommerce',
    'string',
    'Order id',
    'Unique order reference; with idgoal=0 it makes the hit an order.',
    '2.5',
  ),
  param(
    'ec_items',
    'Ecommerce',
    'json',
    'Items',
    'JSON list of [sku, name, category, price, quantity] for the cart or order.',
    '2.5',
    { jsonShape: 'array' },
  ),
  money('ec_st', 'Subtotal', 'Order subtotal, before shipping, tax and discount.'),
  money('ec_tx', 'Tax', 'Tax amount of the order.'),
  money('ec_sh', 'Shipping', 'Shipping cost of the order.'),
  money('ec_dt', 'Discount', 'Discount granted on the order.'),
  param('_pks', 'Ecommerce', 'string', 'Product SKU', 'SKU of the product page viewed.', '2.5'),
  param('_pkn', 'Ecommerce', 'string', 'Product name', 'Name of the product page viewed.', '2.5'),
  param(
    '_pkc',
    'Ecommerce',
    'string',
    'Product category',
    'Category of the product or category page: text, or a JSON list of up to 5.',
    '2.5',
  ),
  param('_pkp', 'Ecommerce', 'float', 'Product price', 'Price of the product page viewed.', '2.5'),
];

const timing = (name: string, label: string, description: string): ParamSpec =>
  param(name, 'Performance', 'int', label, `${description} (milliseconds).`, '2.4', {
    defaultValue: -1,
    range: { min: 0, max: 16777215 },
    trackerSet: true,
  });

export const PERFORMANCE_PARAMS: ParamSpec[] = [
  timing('pf_net', 'Network time', 'Time to connect and look up the host'),
  timing('pf_srv', 'Server time', 'Time the server took to answer'),
  timing('pf_tfr', 'Transfer time', 'Time to download the page'),
  timing('pf_dm1', 'DOM processing', 'Time to build the DOM'),
  timing('pf_dm2', 'DOM completion', 'Time from DOM ready to complete'),
  timing('pf_onl', 'On-load time', 'Time spent in load handlers'),
  legacyParam(
    'gt_ms',
    'Performance',
    'Generation time',
    'Page generation time in ms, replaced by pf_*; not read.',
    '2.2',
  ),
];
