// The ecommerce item editor's model: `ec_items` is a JSON array of
// `[sku, name, category, price, quantity]` arrays, where category is a string or a list of
// up to five, price a number (else 0) and quantity a number (else 1); an item without a SKU
// is skipped by Matomo (docs/tracking-protocol.md#events-goals-ecommerce).

export interface EcommerceItem {
  sku: string;
  name: string;
  /** Categories as typed, comma separated; Matomo uses up to five. */
  categories: string;
  price: string;
  quantity: string;
}

export const MAX_ITEM_CATEGORIES = 5;

export function emptyItem(): EcommerceItem {
  return { sku: '', name: '', categories: '', price: '', quantity: '1' };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  // Matomo joins list SKUs and names with commas (docs/tracking-protocol.md#acceptance-cases case 28).
  if (Array.isArray(value)) return value.map(text).join(',');
  return '';
}

/** Reads `ec_items`; a value the editor cannot show as items comes back as an error. */
export function parseItems(json: string): { items: EcommerceItem[]; error: string | null } {
  if (json.trim() === '') return { items: [], error: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { items: [], error: 'ec_items is not valid JSON; edit it as text below.' };
  }
  if (!Array.isArray(parsed)) {
    return {
      items: [],
      error: 'ec_items is not a JSON list: Matomo would skip the whole conversion.',
    };
  }
  const items = parsed.map((row): EcommerceItem => {
    const cells: unknown[] = Array.isArray(row) ? row : [];
    const category = cells[2];
    return {
      sku: text(cells[0]),
      name: text(cells[1]),
      categories: Array.isArray(category) ? category.map(text).join(', ') : text(category),
      price: text(cells[3]),
      quantity: cells[4] === undefined ? '1' : text(cells[4]),
    };
  });
  return { items, error: null };
}

function numberOrText(value: string, fallback: number): number | string {
  const trimmed = value.trim();
  if (trimmed === '') return fallback;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : value;
}

/** Writes `ec_items` as the JS tracker does (numbers as JSON numbers). */
export function serializeItems(items: readonly EcommerceItem[]): string {
  if (items.length === 0) return '';
  return JSON.stringify(
    items.map((item) => {
      const categories = item.categories
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      return [
        item.sku,
        item.name,
        categories.length <= 1 ? (categories[0] ?? '') : categories,
        numberOrText(item.price, 0),
        numberOrText(item.quantity, 1),
      ];
    }),
  );
}

/** Sum of price × quantity, the usual order subtotal (null when a value is not a number). */
export function itemsTotal(items: readonly EcommerceItem[]): number | null {
  let total = 0;
  for (const item of items) {
    const price = Number(item.price || 0);
    const quantity = Number(item.quantity || 1);
    if (!Number.isFinite(price) || !Number.isFinite(quantity)) return null;
    total += price * quantity;
  }
  return Math.round(total * 100) / 100;
}
