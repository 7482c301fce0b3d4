// A stored hit parsed from its bytes without handling megabytes in one go. A hit of one 8 MB
// parameter holds it twice (its parameters and its raw query): decoded and parsed whole, its
// 16 MB took a few hundred milliseconds. Here each long string is found by its quotes (a quote
// byte never occurs inside a UTF-8 sequence), the rest of the hit is parsed with a stand-in
// for each, and each long string is decoded in a turn of its own. The values are those
// JSON.parse gives for the whole text.
import { parseLargeJsonObject } from '../../../shared/matomo/bulk-json';
import { namesOf } from '../../../shared/matomo/record-shapes';
import { inTurns } from '../../../shared/steps';

/** Strings longer than this (bytes, quotes included) are decoded on their own. */
export const LONG_STRING_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** [start, end) of each JSON string longer than LONG_STRING_BYTES, quotes included. */
export function longStringRanges(bytes: Buffer): [number, number][] {
  const ranges: [number, number][] = [];
  for (let at = bytes.indexOf(QUOTE); at >= 0;) {
    let close = bytes.indexOf(QUOTE, at + 1);
    // A quote after an odd number of backslashes is part of the string.
    for (;;) {
      if (close < 0) return ranges; // Not JSON: the parse will say so.
      let slashes = 0;
      while (bytes[close - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) break;
      close = bytes.indexOf(QUOTE, close + 1);
    }
    // A key (followed by its colon) stays in the rest: stand-ins take the place of values.
    if (close + 1 - at > LONG_STRING_BYTES && bytes[close + 1] !== COLON) {
      ranges.push([at, close + 1]);
    }
    at = bytes.indexOf(QUOTE, close + 1);
  }
  return ranges;
}

/** Bytes of an escaped string decoded per turn: a bulk's body is megabytes of escapes. */
const ESCAPED_CHUNK_BYTES = 512 * 1024;
/** Bytes of a string without escapes decoded per turn: 16 MB at once took 40 ms and more. */
export const PLAIN_CHUNK_BYTES = 1024 * 1024;

/**
 * Where a chunk of UTF-8 may end at or before `to`: at the start of a character, where a
 * decoder of the whole would start afresh too. A run of continuation bytes back to `from`
 * (not UTF-8: each is a character of its own) is cut at `to`.
 */
function characterCut(bytes: Buffer, from: number, to: number): number {
  let cut = to;
  while (cut > from && (bytes[cut] as number) >> 6 === 0b10) cut--;
  return cut > from ? cut : to;
}

/**
 * Where a chunk of an escaped string may end at or before `to`: not inside a UTF-8 sequence
 * nor inside an escape (`\"`, `\uXXXX`). A pair of `\u` surrogates may fall on two sides: the
 * halves join again when the chunks are joined.
 */
function escapedCut(bytes: Buffer, from: number, to: number): number {
  const cut = characterCut(bytes, from, to);
  // The backslash that may start an escape running past the cut is at most 5 bytes back.
  for (let at = cut - 1; at >= Math.max(from, cut - 6); at--) {
    if (bytes[at] !== BACKSLASH) continue;
    let before = 0;
    while (at - 1 - before >= from && bytes[at - 1 - before] === BACKSLASH) before++;
    if (before % 2 === 1) continue; // This backslash is itself escaped.
    const length = bytes[at + 1] === 0x75 ? 6 : 2;
    if (at + length > cut) return at;
    break;
  }
  return cut;
}

/**
 * `bytes.toString('utf8', from, to)`, a chunk of `chunkBytes` (4 or more: a character's
 * longest) decoded per turn, after `pause`: the same text, as each chunk ends where a
 * character starts.
 */
export async function utf8InTurns(
  bytes: Buffer,
  from: number,
  to: number,
  pause: () => Promise<void>,
  chunkBytes = PLAIN_CHUNK_BYTES,
): Promise<string> {
  const parts: string[] = [];
  for (let at = from; at < to;) {
    const cut = to - at <= chunkBytes ? to : characterCut(bytes, at, at + chunkBytes);
    if (parts.length > 0) await pause();
    parts.push(bytes.toString('utf8', at, cut));
    at = cut;
  }
  return parts.join('');
}

/** The text of one JSON string: without escapes its bytes are its text. */
async function stringOf(
  bytes: Buffer,
  [start, end]: [number, number],
  pause: () => Promise<void>,
): Promise<string> {
  if (bytes.subarray(start, end).indexOf(BACKSLASH) < 0) {
    return utf8InTurns(bytes, start + 1, end - 1, pause);
  }
  const parts: string[] = [];
  for (let from = start + 1; from < end - 1;) {
    const to =
      end - 1 - from <= ESCAPED_CHUNK_BYTES
        ? end - 1
        : escapedCut(bytes, from, from + ESCAPED_CHUNK_BYTES);
    if (parts.length > 0) await pause();
    parts.push(JSON.parse(`"${bytes.toString('utf8', from, to)}"`) as string);
    from = to;
  }
  return parts.join('');
}

/** Values looked at between two pauses while the long strings are put back. */
const PUT_BACK_STEP = 4096;

/**
 * Puts `long[k]` where the stand-in `mark + k` is, at any depth, a step after each
 * PUT_BACK_STEP values: a hit may hold 100,000 parameters.
 */
function* putBack(
  value: unknown,
  mark: string,
  long: string[],
  seen = { values: 0 },
): Generator<void, unknown> {
  if (++seen.values % PUT_BACK_STEP === 0) yield;
  if (typeof value === 'string') {
    return value.startsWith(mark) ? long[Number(value.slice(mark.length))] : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = yield* putBack(value[i], mark, long, seen);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // The names the parse listed: enumerating 100,000 anew sorts them all in one go.
    for (const key of namesOf(record)) record[key] = yield* putBack(record[key], mark, long, seen);
  }
  return value;
}

/** Skeletons longer than this (bytes) are parsed a slice of keys at a time (parseLargeJsonObject). */
const LARGE_SKELETON_BYTES = 1024 * 1024;

/**
 * JSON.parse of `bytes` (UTF-8), `pause` awaited before each long string is decoded; `ranges`
 * when the caller has found them already. `leftOut` picks, from the value parsed with
 * stand-ins, a long string that is not wanted (a bulk's body when only its hits are read):
 * it is not decoded, and reads as ''.
 */
export async function parseJsonBytesInTurns(
  bytes: Buffer,
  pause: () => Promise<void>,
  ranges = longStringRanges(bytes),
  leftOut?: (parsed: unknown) => unknown,
): Promise<unknown> {
  if (ranges.length === 0) return JSON.parse(bytes.toString('utf8'));
  // A stand-in no stored text holds: a control character is always escaped in the file, and
  // the random tail keeps a text that spells one out from being taken for it.
  const mark = `\u0000long-${Math.random().toString(36).slice(2)}-`;
  const parts: Buffer[] = [];
  let from = 0;
  ranges.forEach(([start, end], k) => {
    parts.push(bytes.subarray(from, start), Buffer.from(JSON.stringify(`${mark}${k}`)));
    from = end;
  });
  parts.push(bytes.subarray(from));
  // Kept as bytes: what is left may still be megabytes of short values (a bulk entry sent as
  // an object of 100,000 keys keeps them all). Parsed whole, they held the server for over
  // 100 ms; as one text, built of pieces, its first read joined them all in one go.
  const skeleton = Buffer.concat(parts);
  const large = skeleton.length > LARGE_SKELETON_BYTES;
  if (large) await pause();
  const parsed: unknown =
    (large ? await inTurns(parseLargeJsonObject(skeleton), pause) : null) ??
    JSON.parse(skeleton.toString('utf8'));
  const unwanted = leftOut?.(parsed);
  const long: string[] = [];
  for (const range of ranges) {
    const standIn = `${mark}${long.length}`;
    if (standIn === unwanted) {
      long.push('');
      continue;
    }
    await pause();
    long.push(await stringOf(bytes, range, pause));
  }
  await pause();
  return inTurns(putBack(parsed, mark, long), pause);
}
