// Decoders for the JSON parameters whose structure Matomo relies on: custom variables
// (_cvar, cvar), ecommerce items (ec_items), client hints (uadata) and product categories
// (_pkc). Each reproduces what Matomo keeps and explains what it skips.
import {
  charLength,
  cutChars,
  isPhpNumeric,
  phpIntCast,
  readJsonSteps,
  roundMoney,
  showJson,
  showRaw,
} from './coerce';
import { decodedValue, type DecodedValue, type Problem } from './decoded-value';
import { scalarAsRead } from './json-as-read';
import { phpFloatText } from './php-numbers';
import { phpEmpty, phpTrim } from './php-text';
import { sanitizeText } from './sanitize';
import { encodeUtf8 } from './utf8';
import type { ParamValue } from './types';
import { drain } from '../steps';

/** Items or slots read between two pauses of the stepped decoders. */
const ENTRIES_PER_STEP = 2048;

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

export interface CustomVariable {
  slot: number;
  name: string;
  value: string;
}

/** `{"1":["name","value"],…}`: slots 1–5, each a [name, value] pair (docs/tracking-protocol.md#visitor-parameters). */
export function decodeCustomVariables(param: string, json: unknown): DecodedValue {
  return drain(decodeCustomVariablesSteps(param, json));
}

/** decodeCustomVariables with a pause after each ENTRIES_PER_STEP slots read. */
export function* decodeCustomVariablesSteps(
  param: string,
  json: unknown,
): Generator<void, DecodedValue> {
  const problems: Problem[] = [];
  if (!isRecord(json) && !Array.isArray(json)) {
    problems.push({
      code: 'json.shape',
      message: `${param} is ${describeJsonType(json)}, not an object of {"slot": [name, value]}; Matomo ignores it.`,
    });
    return decodedValue(undefined, '(ignored)', problems);
  }
  // By slot: a later key naming the same slot ("1" and "01") replaces the earlier pair.
  const bySlot = new Map<number, CustomVariable>();
  // Keys, not Object.entries: its pair arrays for 100,000 slots took a long step of their own.
  // A list's keys are its indexes (a PHP array decoded from JSON).
  const list: unknown[] | null = Array.isArray(json) ? json : null;
  const keys = list === null ? Object.keys(json) : null;
  const count = list !== null ? list.length : (keys as string[]).length;
  for (let n = 0; n < count; n++) {
    if (n % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
    const key = keys === null ? String(n) : (keys[n] as string);
    const entry = list === null ? (json as Record<string, unknown>)[key] : list[n];
    // PHP's (int) of the key, which getRequestVar has sanitised ("1x" is slot 1).
    const slot = phpIntCast(isPhpNumeric(key) ? key : sanitizeText(key));
    if (slot < 1 || slot > CUSTOM_VARIABLE_SLOTS) {
      problems.push({
        code: 'json.shape',
        message: `${param} slot "${key}" is not a slot from 1 to ${CUSTOM_VARIABLE_SLOTS}; Matomo skips it.`,
      });
      continue;
    }
    const pair = customVariablePair(entry);
    if (pair === null) {
      problems.push({
        code: 'json.shape',
        message: `${param} slot ${slot} is ${showJson(entry)}, not a [name, value] pair of texts; Matomo skips it.`,
      });
      continue;
    }
    // Trimmed, then cut by characters (the plugin's truncateCustomVariable).
    const name = phpTrim(scalarAsRead(pair[0]));
    const value = phpTrim(scalarAsRead(pair[1]));
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
    if (bySlot.has(slot)) {
      problems.push({
        code: 'json.shape',
        message: `${param} sends slot ${slot} more than once ("${key}" among them); Matomo keeps the last pair.`,
      });
    }
    bySlot.set(slot, {
      slot,
      name: cutChars(name, CUSTOM_VARIABLE_MAX_LENGTH),
      value: cutChars(value, CUSTOM_VARIABLE_MAX_LENGTH),
    });
  }
  const variables = [...bySlot.values()].sort((a, b) => a.slot - b.slot);
  const display = variables.length
    ? variables.map((v) => `${v.slot}: ${v.name} = ${v.value}`).join('; ')
    : '(no custom variable)';
  return decodedValue(variables, display, problems);
}

/**
 * The two scalars of a custom variable: a list, or an object, of exactly two entries whose
 * first two indexes hold no list. Null, true and numbers count: the plugin sees them as
 * texts (json-as-read.ts).
 */
function customVariablePair(entry: unknown): [unknown, unknown] | null {
  if (!Array.isArray(entry) && !isRecord(entry)) return null;
  const values = Array.isArray(entry) ? entry : null;
  if ((values ? values.length : Object.keys(entry).length) !== 2) return null;
  const at = (i: number): unknown => (values ? values[i] : (entry as Record<string, unknown>)[i]);
  const [name, value] = [at(0), at(1)];
  const isText = (part: unknown): boolean =>
    part !== undefined && !Array.isArray(part) && !isRecord(part);
  return isText(name) && isText(value) ? [name, value] : null;
}

export interface EcommerceItem {
  sku: string;
  name: string;
  categories: string[];
  price: number;
  quantity: number;
}

/** The values of a PHP array: a JSON object decodes to one too. */
const arrayValues = (value: unknown[] | Record<string, unknown>): unknown[] =>
  Array.isArray(value) ? value : Object.values(value);

/**
 * An SKU or a name as Matomo stores it: a list (or object) is joined with commas
 * (docs/tracking-protocol.md#events-goals-ecommerce, #acceptance-cases case 28), where a list
 * inside it is PHP's text "Array"; then trimmed.
 */
function itemText(value: unknown): string {
  if (!Array.isArray(value) && !isRecord(value)) return phpTrim(scalarAsRead(value));
  const parts = arrayValues(value).map((part) =>
    Array.isArray(part) || isRecord(part) ? 'Array' : scalarAsRead(part),
  );
  return phpTrim(parts.join(','));
}

/**
 * The fields of an item as GoalManager indexes it. A list or object gives its entries; an
 * item that is a scalar is a PHP string by then, and indexing a string gives its bytes one by
 * one: `"abc"` is SKU "a", name "b", category "c". A byte of a multi-byte character is shown
 * as U+FFFD (Matomo would store the lone byte).
 */
function itemFields(item: unknown): (i: number) => unknown {
  if (Array.isArray(item)) return (i) => fieldAsRead(item[i]);
  if (isRecord(item)) return (i) => fieldAsRead(item[String(i)]);
  const bytes = encodeUtf8(scalarAsRead(item));
  return (i) => {
    const byte = bytes[i];
    if (byte === undefined) return undefined;
    return byte < 0x80 ? String.fromCharCode(byte) : '\ufffd';
  };
}

/**
 * An item's price as GoalManager::getRevenue stores it: a price that is not whole is rounded to
 * 2 decimals (roundMoney) and then becomes PHP's text of that float, 14 significant digits.
 */
export function ecommercePrice(price: number): number {
  return Number.isInteger(price) ? price : Number(phpFloatText(roundMoney(price)));
}

/** A field of an item as GoalManager reads it: scalars as strings (json-as-read.ts), lists as sent. */
const fieldAsRead = (value: unknown): unknown =>
  value === undefined || Array.isArray(value) || isRecord(value) ? value : scalarAsRead(value);

function cleanItem(index: number, item: unknown, problems: Problem[]): EcommerceItem | null {
  const field = itemFields(item);
  if (phpEmpty(field(0))) {
    problems.push({
      code: 'json.shape',
      message: `ec_items item ${index} has no SKU; Matomo skips the item.`,
    });
    return null;
  }
  if (!Array.isArray(item) && !isRecord(item)) {
    problems.push({
      code: 'json.shape',
      message: `ec_items item ${index} is ${showJson(item)}, not a [sku, name, category, price, quantity] list; Matomo reads it as a text, one byte per field (SKU "${field(0) as string}").`,
    });
  }
  const category = field(2);
  const categories = phpEmpty(category)
    ? []
    : Array.isArray(category) || isRecord(category)
      ? keptCategories(arrayValues(category))
      : keptCategories([category]);
  const price = field(3);
  const quantity = field(4);
  if (price !== undefined && price !== '' && !isPhpNumeric(price)) {
    problems.push({
      code: 'value.not_number',
      message: `ec_items item ${index} price ${showJson(price)} is not a number; Matomo records 0.`,
    });
  }
  if (!phpEmpty(quantity) && !isPhpNumeric(quantity)) {
    problems.push({
      code: 'value.not_number',
      message: `ec_items item ${index} quantity ${showJson(quantity)} is not a number; Matomo records 1.`,
    });
  }
  return {
    sku: itemText(field(0)),
    name: phpEmpty(field(1)) ? '' : itemText(field(1)),
    categories,
    price: isPhpNumeric(price) ? ecommercePrice(Number(String(price).trim())) : 0,
    quantity: !phpEmpty(quantity) && isPhpNumeric(quantity) ? phpIntCast(String(quantity)) : 1,
  };
}

/**
 * The first MAX_PRODUCT_CATEGORIES categories of a list, trimmed, that PHP does not call
 * empty: "", "0" and blanks are left out. The same rule keeps a single category, which is
 * looked up the same way (an empty text names no category).
 */
function keptCategories(list: unknown[]): string[] {
  const kept: string[] = [];
  // Stops once they are found: the list may hold a million.
  for (let i = 0; i < list.length && kept.length < MAX_PRODUCT_CATEGORIES; i++) {
    const entry = list[i];
    // A list inside the list makes PHP's trim() throw, which this does not model.
    const category = phpTrim(
      Array.isArray(entry) || isRecord(entry) ? 'Array' : scalarAsRead(entry),
    );
    if (!phpEmpty(category)) kept.push(category);
  }
  return kept;
}

/**
 * `[[sku, name, category, price, quantity], …]` (docs/tracking-protocol.md#events-goals-ecommerce). Empty means an order without
 * items; a non-list JSON value makes Matomo skip the conversion (value `null` here, the
 * validator decides what that means for the hit).
 */
export function decodeEcommerceItems(json: unknown): DecodedValue {
  return drain(decodeEcommerceItemsSteps(json));
}

/** decodeEcommerceItems with a pause after each ENTRIES_PER_STEP items (a form may send 100,000). */
export function* decodeEcommerceItemsSteps(json: unknown): Generator<void, DecodedValue> {
  if (phpEmpty(json)) return decodedValue([], 'no items');
  if (!Array.isArray(json) && !isRecord(json)) return decodedValue(null, '(not a list)');
  const problems: Problem[] = [];
  const items: EcommerceItem[] = [];
  // The display too is written a step's items at a time.
  const shown: string[] = [];
  let shownUpTo = 0;
  const showNew = () => {
    if (items.length > shownUpTo) shown.push(items.slice(shownUpTo).map(showItem).join(', '));
    shownUpTo = items.length;
  };
  // The position is the index (PHP's foreach over the decoded array): the values suffice.
  const values = Array.isArray(json) ? json : Object.values(json);
  for (let index = 0; index < values.length; index++) {
    const cleaned = cleanItem(index, values[index], problems);
    if (cleaned) items.push(cleaned);
    if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) {
      showNew();
      yield;
    }
  }
  showNew();
  const display = `${items.length} item${items.length === 1 ? '' : 's'}${
    items.length ? ': ' : ''
  }${shown.join(', ')}`;
  return decodedValue(items, display, problems);
}

const showItem = (item: EcommerceItem): string => `${item.sku} × ${item.quantity} @ ${item.price}`;

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

/**
 * Product category: a text, or a JSON list of up to 5 categories (docs/tracking-protocol.md#events-goals-ecommerce).
 * The list is read as Matomo reads it, with json_decode's depth limit.
 */
export function decodeProductCategory(text: string): DecodedValue {
  return drain(decodeProductCategorySteps(text));
}

/**
 * decodeProductCategory with pauses while a list of megabytes is parsed (readJsonSteps).
 * Matomo reads `_pkc` as a JSON list only when it starts with `["`; such a text that does not
 * parse gives no category at all. From a list it keeps, in order, the categories PHP does not
 * call empty (array_filter drops "", "0", 0, false, null and empty lists), one column each for
 * the first MAX_PRODUCT_CATEGORIES. Any other text is one category as it is.
 */
export function* decodeProductCategorySteps(text: string): Generator<void, DecodedValue> {
  if (!text.startsWith('["')) return decodedValue(text, text);
  const read = yield* readJsonSteps(text);
  // A text starting with `[` is a list whenever it parses.
  if (!read.ok || !Array.isArray(read.value)) {
    return decodedValue([], '(no category)', [
      {
        code: 'json.invalid',
        message: `_pkc starts like a JSON list but is not valid JSON (${showRaw(text, 80)}); Matomo stores no product category.`,
      },
    ]);
  }
  yield;
  const list: unknown[] = read.value;
  const filled = list.filter((category) => !phpEmpty(category));
  const problems: Problem[] = [];
  const dropped = list.length - filled.length;
  if (dropped > 0) {
    problems.push({
      code: 'json.shape',
      message: `_pkc lists ${dropped} empty ${dropped === 1 ? 'category' : 'categories'} ("", "0", 0, false, null or []); Matomo leaves them out.`,
    });
  }
  if (filled.length > MAX_PRODUCT_CATEGORIES) {
    problems.push({
      code: 'value.truncated',
      message: `_pkc lists ${filled.length} categories; Matomo keeps the first ${MAX_PRODUCT_CATEGORIES}.`,
    });
  }
  const kept = filled.slice(0, MAX_PRODUCT_CATEGORIES).map(categoryText);
  return decodedValue(kept, kept.join(' › '), problems);
}

/** A category as PHP writes it as text: true is "1"; a nested list or object as its JSON. */
const categoryText = (category: unknown): string =>
  category === true
    ? '1'
    : typeof category === 'object'
      ? showRaw(category as ParamValue, 200)
      : String(category);
