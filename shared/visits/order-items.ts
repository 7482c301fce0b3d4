// The items of an order, as the visit's checks add them up against its revenue: the values
// the hit's analysis decoded when it brings them (a hit arriving), else read from its
// `ec_items` (a hit read back), in steps for a caller that pauses between them.
import { readJsonSteps } from '../matomo/coerce';
import { decodeEcommerceItemsSteps, type EcommerceItem } from '../matomo/decode-json';
import type { ParamValue } from '../matomo/types';
import { drain } from '../steps';
import type { DecodedValues } from './types';

const NO_ITEMS: readonly EcommerceItem[] = Object.freeze([]);

/** A decoded `ec_items` value: its items, none when Matomo reads no list. */
const itemList = (value: unknown): readonly EcommerceItem[] =>
  Array.isArray(value) ? (value as EcommerceItem[]) : NO_ITEMS;

/** The items of `params.ec_items`, decoded with a pause after each piece of a long text. */
export function* orderItemsSteps(
  params: Record<string, ParamValue>,
): Generator<void, { value: unknown }> {
  const read = yield* readJsonSteps(params.ec_items);
  // Invalid JSON, like none, is an order without items.
  if (!read.ok) return { value: NO_ITEMS };
  return yield* decodeEcommerceItemsSteps(read.value);
}

/** The order's items: as decoded already when `decoded` has them, else read now. */
export function orderItemsOf(
  params: Record<string, ParamValue>,
  decoded: DecodedValues | undefined,
): readonly EcommerceItem[] {
  const items = decoded?.['ec_items'] ?? drain(orderItemsSteps(params));
  return itemList(items.value);
}
