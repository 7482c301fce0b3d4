// JSON of values that may hold strings of megabytes (a hit of one 8 MB parameter carries it
// in its raw query, its parameters, occurrences and decoded values), encoded to UTF-8 bytes a
// megabyte at a time: JSON.stringify and the encoding of its result each handle all of it in
// one go, which held the server for over half a second. The bytes are those JSON.stringify
// writes, encoded as UTF-8.
import { randomBytes } from 'node:crypto';

/**
 * out.push(...items) without the spread: an object of 100,000 keys is some 300,000 pieces,
 * more arguments than a call can take (Maximum call stack size exceeded).
 */
export function appendAll<T>(out: T[], items: readonly T[]): void {
  for (const item of items) out.push(item);
}

/** Strings longer than this (characters) are encoded in pieces of this size. */
export const LONG_STRING_CHARS = 1024 * 1024;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** JSON string of `text` in pieces, `pause` awaited after each; never splits a surrogate pair. */
async function longString(
  text: string,
  out: Buffer[],
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<void> {
  out.push(Buffer.from('"'));
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + pieceChars, text.length);
    // Apart, the two halves of a pair would each be written as an escape.
    if (
      end < text.length &&
      isHighSurrogate(text.charCodeAt(end - 1)) &&
      isLowSurrogate(text.charCodeAt(end))
    ) {
      end--;
    }
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
const unwritable = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

function isLargeContainer(value: object): boolean {
  // Written as its toJSON says: left to JSON.stringify.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return value.length > LARGE_CONTAINER_ITEMS;
  let items = 0;
  for (const key in value)
    if (Object.hasOwn(value, key) && ++items > LARGE_CONTAINER_ITEMS) return true;
  return false;
}

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

/**
 * A large list or object, item by item: short strings and scalars (a parameter object of
 * 100,000 keys holds little else) gathered into pieces of GATHER_CHARS, anything else through
 * jsonInSlices.
 */
async function largeContainer(
  container: object,
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
    const plain = plainJson(value, pieceChars);
    if (plain !== undefined) text += head + plain;
    else {
      text += head;
      flush();
      appendAll(out, await jsonInSlices(value, pause, pieceChars));
    }
    if (text.length >= GATHER_CHARS) flush();
    await pause();
  };
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) {
      const value: unknown = container[i];
      await item(i > 0 ? ',' : '[', unwritable(value) ? null : value);
    }
    text += container.length > 0 ? ']' : '[]';
    flush();
    return;
  }
  let glue = '{';
  for (const [key, value] of Object.entries(container) as [string, unknown][]) {
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
  if (typeof value === 'object' && value !== null && isLargeContainer(value)) {
    const out: Buffer[] = [];
    await largeContainer(value, out, pause, pieceChars);
    return out;
  }
  const long: (string | object)[] = [];
  const nonce = randomBytes(8).toString('hex');
  const mark = `\u0000${nonce}:`;
  const text = JSON.stringify(value, (_key, field: unknown) => {
    const large =
      typeof field === 'string'
        ? field.length > pieceChars
        : typeof field === 'object' && field !== null && field !== value && isLargeContainer(field);
    if (!large) return field;
    long.push(field as string | object);
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
    else await largeContainer(part, out, pause, pieceChars);
    at = found + written.length + String(n).length + 1;
  }
  out.push(Buffer.from(text.slice(at)));
  return out;
}
