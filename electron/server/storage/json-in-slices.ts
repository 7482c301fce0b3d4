// JSON of values that may hold strings of megabytes (a hit of one 8 MB parameter carries it
// in its raw query, its parameters, occurrences and decoded values), encoded to UTF-8 bytes a
// megabyte at a time: JSON.stringify and the encoding of its result each handle all of it in
// one go, which held the server for over half a second. The bytes are those JSON.stringify
// writes, encoded as UTF-8.
import { randomBytes } from 'node:crypto';
import { codePointEnd } from '../../../shared/matomo/json-pieces';
import { namesOf } from '../../../shared/matomo/record-shapes';

/**
 * out.push(...items) without the spread: an object of 100,000 keys is some 300,000 pieces,
 * more arguments than a call can take (Maximum call stack size exceeded).
 */
export function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** Strings longer than this (characters) are encoded in pieces of this size. */
export const LONG_STRING_CHARS = 1024 * 1024;

/** JSON string of `text` in pieces, `pause` awaited after each; never splits a surrogate pair. */
async function longString(
  text: string,
  out: Buffer[],
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<void> {
  out.push(Buffer.from('"'));
  for (let start = 0; start < text.length;) {
    const end = codePointEnd(text, Math.min(start + pieceChars, text.length));
    const json = JSON.stringify(text.slice(start, end));
    out.push(Buffer.from(json.slice(1, -1)));
    start = end;
    await pause();
  }
  out.push(Buffer.from('"'));
}

/** Lists and objects with more items than this are written item by item. */
export const LARGE_CONTAINER_ITEMS = 1024;

/** Skipped in an object, null in a list, as JSON.stringify does. */
export const unwritable = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Whether `value` is written item by item: for a large object, its keys (read once: there may
 * be 100,000, and each walk over them takes some 20 ms); null for a large list.
 */
function largeItems(value: object): readonly string[] | null | undefined {
  // Written as its toJSON says: left to JSON.stringify.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(value)) return value.length > LARGE_CONTAINER_ITEMS ? null : undefined;
  // The names its builder listed, if any: enumerating 100,000 anew sorts them in one go.
  const keys = namesOf(value);
  return keys.length > LARGE_CONTAINER_ITEMS ? keys : undefined;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** An object written key by key as JSON.stringify writes it: not a list, no toJSON. */
const isRecord = (value: unknown): value is object =>
  isObject(value) &&
  !Array.isArray(value) &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/** Characters of small items' JSON gathered into one piece. */
const GATHER_CHARS = 64 * 1024;

/** JSON of `value` when it is a short string or a scalar (no search needed), else undefined. */
function plainJson(value: unknown, pieceChars: number): string | undefined {
  if (typeof value === 'string')
    return value.length > pieceChars ? undefined : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return JSON.stringify(value);
  }
  return undefined;
}

/** Thrown out of JSON.stringify when a value turns out to hold a long string or a large part. */
const HOLDS_LARGE = Symbol('holds a large part');

/**
 * JSON of `value` when nothing in it is long or large (an item of a large container: a
 * parameter's decoded value, an occurrence), else undefined: gathered with its neighbours
 * instead of going through jsonInSlices, whose pieces, one per item, made 300,000 buffers
 * of an object entry's hit.
 */
function smallJson(value: unknown, pieceChars: number): string | undefined {
  try {
    return JSON.stringify(value, (_key, field: unknown) => {
      // `value` itself was looked at by the caller.
      const large =
        typeof field === 'string'
          ? field.length > pieceChars
          : isObject(field) && field !== value && largeItems(field) !== undefined;
      if (large) throw HOLDS_LARGE;
      return field;
    });
  } catch (error) {
    if (error === HOLDS_LARGE) return undefined;
    throw error;
  }
}

/**
 * JSON of a flat object (scalars and short strings only: most of a visit's actions) in one
 * go, else undefined. It needs no replacer called for each value, which took most of the
 * time of a visit's 10,000 actions.
 */
function flatJson(value: unknown, pieceChars: number): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const key in value) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (typeof field === 'string' ? field.length > pieceChars : isObject(field)) return undefined;
  }
  return JSON.stringify(value);
}

/**
 * JSON of `value` in one go when nothing in it is long or large, else undefined. Not for a
 * hit of a long raw query: its parameters may be 100,000 keys, counted here and then again
 * by jsonInSlices in the same turn.
 */
export const shortJson = (value: unknown, pieceChars = LONG_STRING_CHARS): string | undefined =>
  plainJson(value, pieceChars) ?? flatJson(value, pieceChars) ?? smallJson(value, pieceChars);

/**
 * A large list or object, item by item: short strings and scalars (a parameter object of
 * 100,000 keys holds little else) gathered into pieces of GATHER_CHARS, anything else through
 * jsonInSlices.
 */
async function largeContainer(
  container: object,
  keys: readonly string[] | null,
  out: Buffer[],
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<void> {
  let text = '';
  const flush = () => {
    if (text !== '') out.push(Buffer.from(text));
    text = '';
  };
  const item = async (head: string, value: unknown) => {
    const items = isObject(value) ? largeItems(value) : undefined;
    const plain =
      items === undefined
        ? (plainJson(value, pieceChars) ?? smallJson(value, pieceChars))
        : undefined;
    if (plain !== undefined) text += head + plain;
    else {
      text += head;
      flush();
      // The keys of a large part were read in this turn already (20 ms for 100,000).
      await pause();
      // A small list or object holding a large part is written item by item too, so that
      // part's keys are read once more at most.
      const parts =
        items ?? (Array.isArray(value) ? null : isRecord(value) ? Object.keys(value) : undefined);
      if (parts !== undefined) await largeContainer(value as object, parts, out, pause, pieceChars);
      else appendAll(out, await jsonInSlices(value, pause, pieceChars));
    }
    if (text.length >= GATHER_CHARS) flush();
    await pause();
  };
  if (keys === null) {
    const list = container as unknown[];
    for (let i = 0; i < list.length; i++) {
      const value: unknown = list[i];
      await item(i > 0 ? ',' : '[', unwritable(value) ? null : value);
    }
    text += list.length > 0 ? ']' : '[]';
    flush();
    return;
  }
  let glue = '{';
  // By key, not Object.entries: a pair array for each of 100,000 keys, made in one go, held
  // the server for a tenth of a second and more.
  const record = container as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (unwritable(value)) continue;
    await item(`${glue}${JSON.stringify(key)}:`, value);
    glue = ',';
  }
  text += glue === '{' ? '{}' : '}';
  flush();
}

/**
 * `value` as JSON bytes, in pieces, `pause` awaited after each long piece. The value is
 * stringified once with its long strings and large lists and objects left out (each replaced
 * by a marker no captured text can hold, since it carries a random nonce); each left-out
 * part is then written a piece, or an item, at a time.
 */
export async function jsonInSlices(
  value: unknown,
  pause: () => Promise<void>,
  pieceChars = LONG_STRING_CHARS,
): Promise<Buffer[]> {
  const items = isObject(value) ? largeItems(value) : undefined;
  // An object (a hit) is written field by field too: its large fields (a hit of 100,000
  // parameters has three) are each found in a turn of their own.
  const fields = items === undefined && isRecord(value) ? Object.keys(value) : undefined;
  if (items !== undefined || fields !== undefined) {
    const out: Buffer[] = [];
    await largeContainer(value as object, items ?? fields ?? null, out, pause, pieceChars);
    return out;
  }
  // A short string or a scalar (each hit id of a visit) needs no search, nor a nonce: drawing
  // 10,000 of them took a fifth of a second.
  const plain = plainJson(value, pieceChars);
  if (plain !== undefined) return [Buffer.from(plain)];
  const long: (string | object)[] = [];
  const longItems: (readonly string[] | null)[] = [];
  const nonce = randomBytes(8).toString('hex');
  const mark = `\u0000${nonce}:`;
  const text = JSON.stringify(value, (_key, field: unknown) => {
    let fieldItems: readonly string[] | null | undefined;
    if (typeof field === 'string') fieldItems = field.length > pieceChars ? null : undefined;
    else if (isObject(field) && field !== value) fieldItems = largeItems(field);
    if (fieldItems === undefined) return field;
    long.push(field as string | object);
    longItems.push(fieldItems);
    return `${mark}${long.length - 1}`;
  });
  if (long.length === 0) return [Buffer.from(text)];
  const out: Buffer[] = [];
  // In the text, the marker's NUL is written as an escape, within the quotes of its string.
  const written = `"${JSON.stringify(mark).slice(1, -1)}`;
  let at = 0;
  for (let n = 0; n < long.length; n++) {
    const found = text.indexOf(`${written}${n}"`, at);
    out.push(Buffer.from(text.slice(at, found)));
    await pause();
    const part = long[n] as string | object;
    if (typeof part === 'string') await longString(part, out, pause, pieceChars);
    else await largeContainer(part, longItems[n] ?? null, out, pause, pieceChars);
    at = found + written.length + String(n).length + 1;
  }
  out.push(Buffer.from(text.slice(at)));
  return out;
}
