// JSON.parse of a body that holds long strings (an import carries a whole file of tens of
// megabytes as one string), given back to the event loop between slices: one JSON.parse of
// it held the server for a few hundred milliseconds. The long strings are cut out of the
// text, the rest (small) is parsed at once, and each long string is decoded a piece at a
// time. The value is the one JSON.parse gives; a text that is not JSON throws as it does.
import { StringDecoder } from 'node:string_decoder';

/** Strings longer than this (characters of JSON text) are decoded in pieces of this size. */
export const LONG_JSON_STRING = 1024 * 1024;

/** The UTF-8 text of `chunks`, decoded a chunk at a time (a character may straddle two). */
export async function utf8InSlices(
  chunks: readonly Buffer[],
  pause: () => Promise<void>,
): Promise<string> {
  if (chunks.length <= 1) return chunks[0]?.toString('utf8') ?? '';
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for (const chunk of chunks) {
    parts.push(decoder.write(chunk));
    await pause();
  }
  parts.push(decoder.end());
  return parts.join('');
}

/** True when the quote at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** Where a piece of a string's JSON text may end at or before `end`: not inside an escape. */
function pieceEnd(text: string, start: number, end: number): number {
  // An escape is at most 6 characters (\uXXXX): one starting in the last 5 may be cut.
  for (let at = end - 1; at >= Math.max(start, end - 5); at--) {
    if (text.charCodeAt(at) !== 0x5c || isEscaped(text, at)) continue;
    const length = text.charCodeAt(at + 1) === 0x75 ? 6 : 2; // \u
    return at + length > end ? at : end;
  }
  return end;
}

/** The string whose JSON text (quotes excluded) is text[start, end), decoded in pieces. */
async function longString(
  text: string,
  start: number,
  end: number,
  pause: () => Promise<void>,
  pieceChars: number,
): Promise<string> {
  const parts: string[] = [];
  for (let at = start; at < end;) {
    const stop = at + pieceChars >= end ? end : pieceEnd(text, at, at + pieceChars);
    // A surrogate pair written as two escapes may fall apart: its halves join again below.
    parts.push(JSON.parse(`"${text.slice(at, stop)}"`) as string);
    at = stop;
    await pause();
  }
  return parts.join('');
}

/** Puts the long strings back where their placeholders are (the parsed skeleton is small). */
function restore(value: unknown, long: Map<string, string>): unknown {
  if (typeof value === 'string') return long.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => restore(item, long));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, as JSON.parse does (a "__proto__" key stays a key).
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [long.get(key) ?? key, restore(item, long)]),
    );
  }
  return value;
}

export async function jsonParseInSlices(
  text: string,
  pause: () => Promise<void>,
  pieceChars = LONG_JSON_STRING,
): Promise<unknown> {
  if (text.length <= pieceChars) return JSON.parse(text) as unknown;
  // Each string of the text, found by its quotes (in JSON a quote outside strings is none).
  const spans: [number, number][] = [];
  for (let at = text.indexOf('"'), steps = 0; at >= 0; steps++) {
    let close = text.indexOf('"', at + 1);
    while (close >= 0 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close < 0) break; // Not JSON: the parse below says why.
    if (close - at - 1 > pieceChars) spans.push([at + 1, close]);
    at = text.indexOf('"', close + 1);
    if (steps % 4096 === 0) await pause();
  }
  if (spans.length === 0) return JSON.parse(text) as unknown;
  // The placeholders start with a character no JSON text holds unescaped.
  const mark = `\u0000${Math.random().toString(36).slice(2)}:`;
  const pieces: string[] = [];
  let from = 0;
  spans.forEach(([start, end], i) => {
    pieces.push(text.slice(from, start), `\\u0000${mark.slice(1)}${i}`);
    from = end;
  });
  pieces.push(text.slice(from));
  const skeleton = JSON.parse(pieces.join('')) as unknown;
  const long = new Map<string, string>();
  for (const [i, [start, end]] of spans.entries()) {
    long.set(`${mark}${i}`, await longString(text, start, end, pause, pieceChars));
  }
  return restore(skeleton, long);
}
