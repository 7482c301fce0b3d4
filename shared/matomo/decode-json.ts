// Decoders for the JSON parameters whose structure Matomo relies on: custom variables
// (_cvar, cvar), ecommerce items (ec_items), client hints (uadata) and product categories
// (_pkc). Each reproduces what Matomo keeps and explains what it skips.
import { charLength, cutChars, isPhpEmpty, isPhpNumeric, roundMoney, showRaw } from './coerce';
import { decodedValue, type DecodedValue, type Problem } from './decoded-value';
import { parsePhpJson } from './php-json';

/** Custom variable slots usable by default (docs/tracking-protocol.md#visitor-parameters). */
export const CUSTOM_VARIABLE_SLOTS = 5;
/** Custom variable names and values are cut to this length (docs/tracking-protocol.md#visitor-parameters). */
export const CUSTOM_VARIABLE_MAX_LENGTH = 200;
/** Categories kept per product (docs/tracking-protocol.md#events-goals-ecommerce). */
export const MAX_PRODUCT_CATEGORIES = 5;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describeJsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;

/** Entries of a PHP array decoded from JSON: lists and objects both have keys. */
const phpEntries = (value: unknown): [string, unknown][] =>
  Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : isRecord(value)
      ? Object.entries(value)
      : [];

const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

export interface CustomVariable {
  slot: number;
  name: string;
  value: string;
}

/** `{"1":["name","value"],…}`: slots 1–5, each a [name, value] pair (docs/tracking-protocol.md#visitor-parameters). */
export function decodeCustomVariables(param: string, json: unknown): DecodedValue {
  const problems: Problem[] = [];
  if (!isRecord(json) && !Array.isArray(json)) {
    problems.push({
      code: 'json.shape',
      message: `${param} is ${describeJsonType(json)}, not an object of {"slot": [name, value]}; Matomo ignores it.`,
    });
    return decodedValue(undefined, '(ignored)', problems);
  }
  const variables: CustomVariable[] = [];
  for (const [key, entry] of phpEntries(json)) {
    const slot = Math.trunc(Number(key)) || 0;
    const pair = Array.isArray(entry) ? entry : null;
    if (slot < 1 || slot > CUSTOM_VARIABLE_SLOTS) {
      problems.push({
        code: 'json.shape',
        message: `${param} slot "${key}" is not a slot from 1 to ${CUSTOM_VARIABLE_SLOTS}; Matomo skips it.`,
      });
      continue;
    }
    if (!pair || pair.length !== 2 || !isScalar(pair[0]) || !isScalar(pair[1] ?? '')) {
      problems.push({
        code: 'json.shape',
        message: `${param} slot ${slot} is ${showRaw(JSON.stringify(entry) ?? 'undefined')}, not a [name, value] pair of texts; Matomo skips it.`,
      });
      continue;
    }
    const [name, value] = [String(pair[0]), String(pair[1] ?? '')];
    for (const [what, text] of [
      ['name', name],
      ['value', value],
    ] as const) {
      if (charLength(text) > CUSTOM_VARIABLE_MAX_LENGTH) {
        problems.push({
          code: 'value.truncated',
          message: `${param} slot ${slot} ${what} has ${charLength(text)} characters; Matomo keeps the first ${CUSTOM_VARIABLE_MAX_LENGTH}.`,
        });
      }
    }
    variables.push({
      slot,
      name: cutChars(name, CUSTOM_VARIABLE_MAX_LENGTH),
      value: cutChars(value, CUSTOM_VARIABLE_MAX_LENGTH),
    });
  }
  const display = variables.length
    ? variables.map((v) => `${v.slot}: ${v.name} = ${v.value}`).join('; ')
    : '(no custom variable)';
  return decodedValue(variables, display, problems);
}

export interface EcommerceItem {
  sku: string;
  name: string;
  categories: string[];
  price: number;
  quantity: number;
}

/** SKU and name may be lists, stored joined with commas (docs/tracking-protocol.md#events-goals-ecommerce, #acceptance-cases case 28). */
const itemText = (value: unknown): string =>
  Array.isArray(value) ? value.map((part) => String(part)).join(',') : String(value);

function cleanItem(index: number, item: unknown, problems: Problem[]): EcommerceItem | null {
  if (!Array.isArray(item) && !isRecord(item)) {
    problems.push({
      code: 'json.shape',
      message: `ec_items item ${index} is ${showRaw(JSON.stringify(item) ?? '')}, not a [sku, name, category, price, quantity] list; Matomo cannot read it.`,
    });
    return null;
  }
  const field = (i: number): unknown =>
    Array.isArray(item) ? item[i] : (item as Record<string, unknown>)[String(i)];
  if (isPhpEmpty(field(0))) {
    problems.push({
      code: 'json.shape',
      message: `ec_items item ${index} has no SKU; Matomo skips the item.`,
    });
    return null;
  }
  const category = field(2);
  const categories = isPhpEmpty(category)
    ? []
    : Array.isArray(category)
      ? category
          .map((c) => String(c).trim())
          .filter((c) => c !== '' && c !== '0')
          .slice(0, MAX_PRODUCT_CATEGORIES)
      : [String(category).trim()];
  const price = field(3);
  const quantity = field(4);
  if (price !== undefined && price !== null && !isPhpNumeric(price)) {
    problems.push({
      code: 'value.not_number',
      message: `ec_items item ${index} price ${showRaw(JSON.stringify(price))} is not a number; Matomo records 0.`,
    });
  }
  if (!isPhpEmpty(quantity) && !isPhpNumeric(quantity)) {
    problems.push({
      code: 'value.not_number',
      message: `ec_items item ${index} quantity ${showRaw(JSON.stringify(quantity))} is not a number; Matomo records 1.`,
    });
  }
  return {
    sku: itemText(field(0)),
    name: isPhpEmpty(field(1)) ? '' : itemText(field(1)),
    categories,
    price: isPhpNumeric(price) ? roundMoney(Number(price)) : 0,
    quantity: !isPhpEmpty(quantity) && isPhpNumeric(quantity) ? Math.trunc(Number(quantity)) : 1,
  };
}

/**
 * `[[sku, name, category, price, quantity], …]` (docs/tracking-protocol.md#events-goals-ecommerce). Empty means an order without
 * items; a non-list JSON value makes Matomo skip the conversion (value `null` here, the
 * validator decides what that means for the hit).
 */
export function decodeEcommerceItems(json: unknown): DecodedValue {
  if (isPhpEmpty(json)) return decodedValue([], 'no items');
  if (!Array.isArray(json) && !isRecord(json)) return decodedValue(null, '(not a list)');
  const problems: Problem[] = [];
  const items: EcommerceItem[] = [];
  phpEntries(json).forEach(([, item], index) => {
    const cleaned = cleanItem(index, item, problems);
    if (cleaned) items.push(cleaned);
  });
  const display = `${items.length} item${items.length === 1 ? '' : 's'}${
    items.length ? ': ' : ''
  }${items.map((i) => `${i.sku} × ${i.quantity} @ ${i.price}`).join(', ')}`;
  return decodedValue(items, display, problems);
}

/** Client hints must be an object (docs/tracking-protocol.md#visitor-parameters). */
export function decodeClientHints(json: unknown): DecodedValue {
  if (!isRecord(json)) {
    return decodedValue(undefined, '(ignored)', [
      {
        code: 'json.shape',
        message: `uadata is ${describeJsonType(json)}, not an object of client hints; Matomo finds no client hints in it.`,
      },
    ]);
  }
  const platform = typeof json.platform === 'string' ? json.platform : null;
  const version = typeof json.platformVersion === 'string' ? json.platformVersion : '';
  const display = platform ? `${platform} ${version}`.trim() : `${Object.keys(json).length} hints`;
  return decodedValue(json, display);
}

/** Product category: a text, or a JSON list of up to 5 categories (docs/tracking-protocol.md#events-goals-ecommerce). */
export function decodeProductCategory(text: string): DecodedValue {
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = parsePhpJson(text);
      if (Array.isArray(parsed)) {
        const categories = parsed.map((c) => String(c));
        const problems: Problem[] =
          categories.length > MAX_PRODUCT_CATEGORIES
            ? [
                {
                  code: 'value.truncated',
                  message: `_pkc lists ${categories.length} categories; Matomo keeps the first ${MAX_PRODUCT_CATEGORIES}.`,
                },
              ]
            : [];
        const kept = categories.slice(0, MAX_PRODUCT_CATEGORIES);
        return decodedValue(kept, kept.join(' › '), problems);
      }
    } catch {
      // Not JSON: Matomo keeps it as a plain category text.
    }
  }
  return decodedValue(text, text);
}
