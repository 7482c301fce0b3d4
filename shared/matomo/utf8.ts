// UTF-8 helpers that work in Node and in the browser without importing either's types.
// TextDecoder/TextEncoder exist in both runtimes, but the shared/ TypeScript project has no DOM
// or Node typings, so the constructors are described here and looked up on globalThis.

interface Utf8DecoderLike {
  decode(input: Uint8Array): string;
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

/** UTF-8 bytes of a string; lone surrogates become U+FFFD (as every UTF-8 encoder does). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
