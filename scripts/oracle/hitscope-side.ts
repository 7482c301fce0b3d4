// Hitscope's answers to the oracle corpus, from the same decoder the capture server uses.
// Bundled and run by run.mjs; each answer has the shape matomo-side.php prints.
import { readFloat, readInt, readJson, roundMoney } from '../../shared/matomo/coerce';
import { decodeValue } from '../../shared/matomo/decode';
import {
  ecommercePrice,
  type CustomVariable,
  type EcommerceItem,
} from '../../shared/matomo/decode-json';
import { phpUrlQuery } from '../../shared/matomo/php-parse-url';
import { phpStrtotime } from '../../shared/matomo/php-strtotime';
import { localTime } from '../../shared/matomo/time';
import { BASE, check } from '../../test-support/matomo-hit';
import { refusedCidLength, visitorId } from '../../shared/matomo/visitor';
import { decodeComponent } from '../../shared/matomo/query-string';
import { findParamSpec } from '../../shared/matomo/params';
import { phpEmpty, phpTrim } from '../../shared/matomo/php-text';
import { sanitizeText } from '../../shared/matomo/sanitize';
import type { UrlParts } from '../../shared/matomo/url-parts';

export interface OracleCase {
  kind:
    | 'getRequestVar'
    | 'param'
    | 'trim'
    | 'empty'
    | 'strtotime'
    | 'json_decode'
    | 'parse_url'
    | 'ec_items'
    | 'custom_variables'
    | 'url'
    | 'local_time'
    | 'visitor_id'
    | 'event_value'
    | 'product_price'
    | 'resolution'
    | 'page_performance'
    | 'action_name'
    | 'price'
    | 'revenue';
  /**
   * For `param`: the tracking parameter, read with its catalogue type and default; for
   * `custom_variables`: `_cvar` or `cvar`.
   */
  name?: string;
  /** The input as text, or `hex` for bytes that are not UTF-8. */
  input?: string;
  hex?: string;
  type?: 'string' | 'int' | 'float';
  default?: string | number | boolean;
}

const toHex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

const escaped = (hex: string): string => hex.replace(/../g, (byte) => `%${byte}`);

/** The text the decoder makes of a value's bytes (Latin-1 when they are not UTF-8). */
function valueText(item: OracleCase): string {
  if (item.hex === undefined) return item.input ?? '';
  return decodeComponent(escaped(item.hex)).text;
}

function phpValue(value: unknown): { type: string; value: unknown } {
  if (typeof value === 'string') return { type: 'string', value: toHex(value) };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'number', value };
  return { type: 'NULL', value: null };
}

function requestVar(item: OracleCase): { type: string; value: unknown } {
  const text = valueText(item);
  const fallback = item.default;
  if (item.type === 'float') {
    const read = readFloat(text);
    if (read.ok) return phpValue(read.value);
    // An empty value returns the default as it is; a refused one the default cast to float.
    if (read.reason === 'empty') return phpValue(fallback);
    return phpValue(Number(fallback) || 0);
  }
  if (item.type === 'int') {
    const read = readInt(text);
    return phpValue(read.ok ? read.value : Math.trunc(Number(fallback) || 0));
  }
  return phpValue(text === '' ? String(fallback ?? '') : sanitizeText(text));
}

/** A text as log_action stores it, or null where PHP calls it empty and stores nothing. */
const lookedUp = (text: string): string | null => (phpEmpty(text) ? null : text);

/** The items the capture path decodes from `ec_items`, in the shape matomo-side.php prints. */
function ecommerceItems(item: OracleCase, nowSeconds: number): unknown {
  const decoded = decodeValue('ec_items', findParamSpec('ec_items'), valueText(item), nowSeconds);
  const items = decoded.value as EcommerceItem[] | null | undefined;
  if (items === null) return false;
  return (items ?? []).map((kept) => ({
    sku: lookedUp(kept.sku),
    name: lookedUp(kept.name),
    categories: kept.categories,
    price: kept.price,
    quantity: kept.quantity,
  }));
}

/** The custom variables the capture path decodes from `_cvar` or `cvar`. */
function customVariables(item: OracleCase, nowSeconds: number): unknown {
  const name = item.name ?? '_cvar';
  const decoded = decodeValue(name, findParamSpec(name), valueText(item), nowSeconds);
  return ((decoded.value as CustomVariable[] | undefined) ?? []).map((kept) => ({ ...kept }));
}

export function answer(item: OracleCase, nowSeconds: number): unknown {
  switch (item.kind) {
    case 'getRequestVar':
      return requestVar(item);
    case 'param': {
      // The catalogue's type and default; a Unix-seconds parameter is an int to Matomo, and a
      // float parameter without a default is Matomo's false (the decoder says "not sent").
      const spec = findParamSpec(item.name ?? '');
      const type =
        spec?.type === 'float'
          ? 'float'
          : spec?.type === 'int' || spec?.type === 'timestamp'
            ? 'int'
            : 'string';
      const fallback = spec?.defaultValue ?? (type === 'float' ? false : type === 'int' ? 0 : '');
      return requestVar({ ...item, type, default: fallback });
    }
    case 'trim':
      return toHex(phpTrim(valueText(item)));
    case 'empty':
      return phpEmpty(valueText(item));
    case 'strtotime': {
      const seconds = phpStrtotime(item.input ?? '', nowSeconds);
      return seconds === null ? false : seconds;
    }
    case 'json_decode': {
      // json_decode refuses bytes that are not UTF-8 (json-bytes.ts); otherwise it reads the text.
      if (item.hex !== undefined && decodeComponent(escaped(item.hex)).latin1 === true)
        return false;
      const text = valueText(item);
      return readJson(text).ok || text.trim() === 'null';
    }
    case 'ec_items':
      return ecommerceItems(item, nowSeconds);
    case 'custom_variables':
      return customVariables(item, nowSeconds);
    case 'url': {
      const decoded = decodeValue('url', findParamSpec('url'), valueText(item), nowSeconds);
      return decoded.value === undefined ? false : (decoded.value as UrlParts).href;
    }
    case 'action_name': {
      const name = 'action_name';
      return decodeValue(name, findParamSpec(name), valueText(item), nowSeconds).value ?? '';
    }
    case 'local_time':
      return localTime(JSON.parse(item.input ?? '{}') as Record<string, string>, nowSeconds);
    case 'visitor_id': {
      const params = JSON.parse(item.input ?? '{}') as Record<string, string>;
      // A cid Matomo refuses throws before any id is made (the hit is rejected).
      if (refusedCidLength(params) !== null)
        return { error: 'Piwik\\Exception\\InvalidRequestParameterException' };
      return visitorId(params)?.id ?? false;
    }
    case 'event_value':
    case 'product_price': {
      const name = item.kind === 'event_value' ? 'e_v' : '_pkp';
      const decoded = decodeValue(name, findParamSpec(name), valueText(item), nowSeconds);
      return decoded.value ?? null;
    }
    case 'resolution': {
      // Not sent or empty: the tracker's default, "unknown".
      const decoded = decodeValue('res', findParamSpec('res'), valueText(item), nowSeconds);
      return (decoded.value as { text: string } | undefined)?.text ?? 'unknown';
    }
    case 'page_performance': {
      // A page view with pf_srv: refused when the validator says negative, otherwise the value.
      const text = valueText(item);
      if (check(`${BASE}&pf_srv=${encodeURIComponent(text)}`).codes.includes('pf.negative'))
        return { error: 'Piwik\\Exception\\InvalidRequestParameterException' };
      const ms = decodeValue('pf_srv', findParamSpec('pf_srv'), text, nowSeconds).value;
      return typeof ms === 'number' ? ms : false;
    }
    case 'price':
      // GoalManager::getRevenue receives a numeric text (prices of ec_items).
      return ecommercePrice(Number(phpTrim(item.input ?? '')));
    case 'revenue': {
      const read = readFloat(item.input ?? '');
      return read.ok ? roundMoney(read.value) : 0;
    }
    case 'parse_url': {
      const read = phpUrlQuery(item.input ?? '');
      return read.ok ? (read.query ?? null) : false;
    }
  }
}
