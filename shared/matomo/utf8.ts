// UTF-8 helpers that work in Node and in the browser without importing either's types.
// TextDecoder/TextEncoder exist in both runtimes, but the shared/ TypeScript project has no DOM
// or Node typings, so the constructors are described here and looked up on globalThis.

import { OWN_TURN_NEXT, type Step } from '../steps';

interface Utf8DecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
interface Utf8EncoderLike {
  encode(input: string): Uint8Array;
}
type DecoderCtor = new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => Utf8DecoderLike;
type EncoderCtor = new () => Utf8EncoderLike;

const runtime = globalThis as unknown as { TextDecoder: DecoderCtor; TextEncoder: EncoderCtor };

// A byte order mark is kept as U+FEFF: PHP sees its three bytes (json_decode refuses a bulk
// body that starts with one, a form body's first name begins with it).
const strictDecoder = new runtime.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new runtime.TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new runtime.TextEncoder();

/** Decodes UTF-8 bytes; invalid sequences become U+FFFD and `valid` is false. Never throws. */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strictDecoder.decode(bytes), valid: true };
  } catch {
    return { text: lenientDecoder.decode(bytes), valid: false };
  }
}

/** Bytes decoded per step by decodeUtf8Steps. */
const DECODE_STEP_BYTES = 1024 * 1024;

/**
 * decodeUtf8 in steps of a megabyte (a pause after each), for bodies of many megabytes:
 * decoding 12 MB in one piece held a server for tens of milliseconds. A decoder of its own
 * per call (a streaming decoder keeps state between pieces, and two requests may be decoded
 * in turns); the text is exactly decodeUtf8's, a sequence cut between two pieces included.
 */
export function* decodeUtf8Steps(
  bytes: Uint8Array,
): Generator<Step, { text: string; valid: boolean }> {
  if (bytes.length <= DECODE_STEP_BYTES) return decodeUtf8(bytes);
  const strict = yield* decodeInPieces(bytes, true);
  if (strict !== null) return { text: strict, valid: true };
  return { text: (yield* decodeInPieces(bytes, false)) as string, valid: false };
}

/**
 * Whether `bytes` are UTF-8, checked a megabyte per step (as decodeUtf8Steps' `valid`). Most
 * bulk bodies are ASCII (JSON of percent-encoded queries): such pieces are checked without
 * decoding them (a streaming decoder takes about 20 ms a megabyte); from the first piece that
 * is not, the rest is decoded. An ASCII piece ends no sequence early, so the decoder can
 * start there.
 */
export function* isUtf8Steps(bytes: Uint8Array): Generator<void, boolean> {
  let decoder: Utf8DecoderLike | null = null;
  try {
    for (let at = 0; at < bytes.length; at += DECODE_STEP_BYTES) {
      const end = Math.min(at + DECODE_STEP_BYTES, bytes.length);
      if (decoder === null && isAscii(bytes, at, end)) {
        yield;
        continue;
      }
      decoder ??= new runtime.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
      yield;
    }
  } catch {
    return false;
  }
  return true;
}

/** Whether bytes `from` to `to` are all below 0x80, read four at a time where aligned. */
function isAscii(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && (bytes.byteOffset + i) % 4 !== 0)
    if ((bytes[i++] as number) >= 0x80) return false;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (to - i) >> 2);
  for (let w = 0; w < words.length; w++)
    if (((words[w] as number) & 0x80808080) !== 0) return false;
  for (i += words.length * 4; i < to; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

/**
 * The text of `bytes`, a piece per step; null when `fatal` and they are not UTF-8. Pieces of
 * ASCII before the first that is not are decoded each in one call: a streaming decoder made
 * two-byte text of them (twice the memory, and the join of 8 MB of it took about 100 ms);
 * no sequence is open at their end. The join is a step of its own, in a turn of its own:
 * a new string of megabytes (8 MB took 15 to 25 ms) is made in one call.
 */
function* decodeInPieces(bytes: Uint8Array, fatal: boolean): Generator<Step, string | null> {
  const whole = fatal ? strictDecoder : lenientDecoder;
  let decoder: Utf8DecoderLike | null = null;
  const pieces: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += DECODE_STEP_BYTES) {
      const end = Math.min(at + DECODE_STEP_BYTES, bytes.length);
      const piece = bytes.subarray(at, end);
      if (decoder === null && isAscii(bytes, at, end)) {
        pieces.push(whole.decode(piece));
      } else {
        decoder ??= new runtime.TextDecoder('utf-8', { fatal, ignoreBOM: true });
        pieces.push(decoder.decode(piece, { stream: end < bytes.length }));
      }
      yield;
    }
  } catch {
    return null;
  }
  yield OWN_TURN_NEXT;
  const text = pieces.join('');
  yield;
  return text;
}

/** UTF-8 bytes of a string; lone surrogates become U+FFFD (as every UTF-8 encoder does). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
