// A text of megabytes as UTF-8 bytes, encoded a piece per step: an imported form body of 8 MB
// encoded at once (and copied once more) held a turn of the event loop for over 40 ms.

/** Characters encoded per step: a millisecond or two of work. */
export const UTF8_STEP_CHARS = 1024 * 1024;

/** `text` as UTF-8 (what Buffer.from gives), a step yielded after each piece of it. */
export function* utf8InSteps(
  text: string,
  stepChars = UTF8_STEP_CHARS,
): Generator<void, Uint8Array> {
  const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
  const encoder = new TextEncoder();
  let written = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + stepChars);
    // A surrogate pair is encoded whole: cut apart, each half would become U+FFFD.
    if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) {
      end += end - 1 > start ? -1 : 1;
    }
    written += encoder.encodeInto(text.slice(start, end), bytes.subarray(written)).written;
    start = end;
    if (start < text.length) yield;
  }
  return bytes;
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
