// A text of megabytes as UTF-8 bytes, encoded a piece per step: an imported form body of 8 MB
// encoded at once (and copied once more) held a turn of the event loop for over 40 ms. The
// text may be the pieces it was read in (a long value of an import's line): they are encoded
// one after another, never joined into one string (8 MB of new string took 20 ms and more).
import type { TextPieces } from '../admin/text-pieces';

/** Characters encoded per step: a millisecond or two of work. */
export const UTF8_STEP_CHARS = 1024 * 1024;

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The UTF-8 length of the pieces joined: each piece's, less 2 bytes where a surrogate pair
 * falls apart across two of them (its halves alone are U+FFFD each, 3 bytes; whole, 4).
 */
function utf8Length(pieces: readonly string[]): number {
  let length = 0;
  let lastCode = NaN;
  for (const piece of pieces) {
    if (piece === '') continue;
    length += Buffer.byteLength(piece, 'utf8');
    if (isHigh(lastCode) && isLow(piece.charCodeAt(0))) length -= 2;
    lastCode = piece.charCodeAt(piece.length - 1);
  }
  return length;
}

/**
 * `text` as UTF-8 (what Buffer.from gives of the text, or of its pieces joined), a step
 * yielded after each piece of it.
 */
export function* utf8InSteps(
  text: string | TextPieces,
  stepChars = UTF8_STEP_CHARS,
): Generator<void, Uint8Array> {
  const pieces = typeof text === 'string' ? [text] : text.pieces;
  const bytes = new Uint8Array(utf8Length(pieces));
  const encoder = new TextEncoder();
  let written = 0;
  /** A high surrogate held back from the end of a part: its low half may open the next. */
  let held = '';
  for (const piece of pieces) {
    for (let start = 0; start < piece.length;) {
      const end = Math.min(piece.length, start + stepChars);
      let part = held + piece.slice(start, end);
      held = '';
      if (isHigh(part.charCodeAt(part.length - 1))) {
        held = part.slice(-1);
        part = part.slice(0, -1);
      }
      written += encoder.encodeInto(part, bytes.subarray(written)).written;
      start = end;
      yield;
    }
  }
  // A lone high surrogate at the very end: U+FFFD, as Buffer.from writes it.
  if (held !== '') encoder.encodeInto(held, bytes.subarray(written));
  return bytes;
}
