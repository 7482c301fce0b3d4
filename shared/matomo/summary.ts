// One line that says what a hit is about, fitting its type: the page title, the event path,
// the clicked URL, the search keyword, the goal or order and its revenue, … Shown in the hits
// table and searchable, so it uses the values as sent (trimmed), never a translation.
import { readFloat, readInt, readJson, readString } from './coerce';
import { decodeEcommerceItems } from './decode-json';
import { hasNoOwnKeys } from './record-shapes';
import type { SiteSearchMatch } from './site-search';
import type { DecodedParam, HitType, ParamValue } from './types';

const MAX_LENGTH = 160;

type Params = Record<string, ParamValue>;

const text = (params: Params, name: string): string => {
  const read = readString(params[name]);
  return read.ok ? read.value.trim() : '';
};

const number = (params: Params, name: string): number | null => {
  const read = readFloat(params[name]);
  return read.ok ? read.value : null;
};

const cut = (line: string): string =>
  line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;

const join = (parts: (string | null | false | undefined)[], separator: string): string =>
  parts.filter((part): part is string => typeof part === 'string' && part !== '').join(separator);

/**
 * Items Matomo would keep: entries without a SKU are skipped (decode-json.ts).
 * Taken from the hit's decoded parameters when the caller has them: read again, `ec_items` of
 * megabytes would be parsed a second time in one go.
 */
function itemCount(params: Params, decoded?: Record<string, DecodedParam>): number | null {
  let items: unknown;
  if (decoded !== undefined) items = decoded.ec_items?.value;
  else {
    const read = readJson(params.ec_items);
    if (!read.ok) return null;
    items = decodeEcommerceItems(read.value).value;
  }
  return Array.isArray(items) ? items.length : null;
}

function money(params: Params, name: string, label: string): string | null {
  const value = number(params, name);
  return value === null ? null : `${label} ${value}`;
}

function pageView(params: Params): string {
  return text(params, 'action_name') || text(params, 'url') || '(page without title or URL)';
}

function event(params: Params): string {
  const path = join([text(params, 'e_c'), text(params, 'e_a'), text(params, 'e_n')], ' › ');
  const value = number(params, 'e_v');
  return value === null ? path : `${path} = ${value}`;
}

function search(params: Params, found: SiteSearchMatch | null): string {
  const count = readInt(params.search_count);
  const keyword = found ? found.keyword : text(params, 'search');
  const category = found ? found.category : text(params, 'search_cat');
  return join(
    [
      `"${keyword}"`,
      category && `in ${category}`,
      count.ok && count.value >= 0 && `(${count.value} result${count.value === 1 ? '' : 's'})`,
    ],
    ' ',
  );
}

function content(params: Params, interaction: boolean): string {
  const piece = join([text(params, 'c_p'), text(params, 'c_t') && `→ ${text(params, 'c_t')}`], ' ');
  const name = text(params, 'c_n');
  const head = interaction ? `${text(params, 'c_i') || 'interaction'} on ${name}` : name;
  return piece ? `${head} (${piece})` : head;
}

function ecommerce(params: Params, order: boolean, decoded?: Record<string, DecodedParam>): string {
  const items = itemCount(params, decoded);
  return join(
    [
      order ? `Order ${text(params, 'ec_id')}` : 'Cart update',
      money(params, 'revenue', 'total'),
      items !== null && `${items} item${items === 1 ? '' : 's'}`,
    ],
    ' · ',
  );
}

function productView(params: Params): string {
  const category = text(params, '_pkc');
  const price = number(params, '_pkp');
  return (
    join(
      [
        join([text(params, '_pks'), text(params, '_pkn')], ' '),
        category && `(${category})`,
        price !== null && `@ ${price}`,
      ],
      ' ',
    ) || pageView(params)
  );
}

function media(params: Params): string {
  const played = readInt(params.ma_st);
  const length = readInt(params.ma_le);
  return join(
    [
      text(params, 'ma_mt') || 'media',
      `"${text(params, 'ma_ti') || text(params, 'ma_re') || text(params, 'ma_id')}"`,
      played.ok && `· ${played.value} s${length.ok ? ` of ${length.value} s` : ''} played`,
    ],
    ' ',
  );
}

/** "TypeError: x is undefined"; the type once when the message already starts with it. */
function crash(params: Record<string, ParamValue>): string {
  const type = text(params, 'cra_tp');
  const message = text(params, 'cra');
  if (type && message.startsWith(`${type}:`)) return message;
  return join([type, message], ': ');
}

/**
 * One line for the hit; `found` is the site search found for it (keyword, category),
 * `decoded` its parameters decoded (decodeEntry), when the caller has them.
 */
export function summarizeHit(
  type: HitType,
  params: Params,
  found: SiteSearchMatch | null = null,
  decoded?: Record<string, DecodedParam>,
): string {
  switch (type) {
    case 'pageview':
      return cut(pageView(params));
    case 'event':
      return cut(event(params));
    case 'site_search':
      return cut(search(params, found));
    case 'outlink':
      return cut(text(params, 'link'));
    case 'download':
      return cut(text(params, 'download'));
    case 'content_impression':
      return cut(content(params, false));
    case 'content_interaction':
      return cut(content(params, true));
    case 'goal':
      return cut(
        join([`Goal ${text(params, 'idgoal')}`, money(params, 'revenue', 'revenue')], ' · '),
      );
    case 'ecommerce_order':
      return cut(ecommerce(params, true, decoded));
    case 'ecommerce_cart':
      return cut(ecommerce(params, false, decoded));
    case 'product_view':
      return cut(productView(params));
    case 'ping':
      return cut(
        join(['Heartbeat', text(params, 'pv_id') && `for page view ${text(params, 'pv_id')}`], ' '),
      );
    case 'media':
      return cut(media(params));
    case 'crash':
      return cut(crash(params));
    case 'unknown':
      return hasNoOwnKeys(params) ? '(no parameters)' : '(custom action nothing handles)';
  }
}
