// A bulk body of megabytes read from its bytes, without turning it into one string first:
// decoding 12 MB to text, and the copy into one string that takes, held a server for tens of
// milliseconds. Matomo's steps before decoding the JSON — the "requests" test, trim(), the
// deletion of CR and LF — all look at ASCII characters, which UTF-8 writes as single bytes
// that are never part of another character, so they are the same on the bytes of a UTF-8
// body as on its text.

const CR = 0x0d;
const LF = 0x0a;
/** Bytes freed of line breaks per step. */
const CLEAN_STEP_BYTES = 1024 * 1024;

/** First position of the ASCII text `needle` in `bytes`, or -1. */
function indexOfAscii(bytes: Uint8Array, needle: string): number {
  const first = needle.charCodeAt(0);
  for (let at = bytes.indexOf(first); at >= 0; at = bytes.indexOf(first, at + 1)) {
    let k = 1;
    while (k < needle.length && bytes[at + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return at;
  }
  return -1;
}

/** Bytes of a body searched per step: a search of all of a body of megabytes took 4 ms and more. */
const SEARCH_STEP_BYTES = 1024 * 1024;

/**
 * indexOfAscii, a piece of `stepBytes` searched per step. Each piece reaches the length of the
 * needle less one into the next, so it finds every occurrence that starts in it: the first
 * one found is the first of all.
 */
function* indexOfAsciiSteps(
  bytes: Uint8Array,
  needle: string,
  stepBytes: number,
): Generator<void, number> {
  for (let at = 0; at < bytes.length; at += stepBytes) {
    const end = Math.min(bytes.length, at + stepBytes + needle.length - 1);
    const found = indexOfAscii(bytes.subarray(at, end), needle);
    if (found >= 0) return at + found;
    yield;
  }
  return -1;
}

/** isBulkBody (bulk.ts) on the bytes of a UTF-8 body, a megabyte searched per step. */
export function* isBulkBytesSteps(
  bytes: Uint8Array,
  stepBytes = SEARCH_STEP_BYTES,
): Generator<void, boolean> {
  return (
    (yield* indexOfAsciiSteps(bytes, '"requests"', stepBytes)) > 0 ||
    (yield* indexOfAsciiSteps(bytes, "'requests'", stepBytes)) > 0
  );
}

/** PHP's trim() characters: space, tab, LF, CR, NUL, vertical tab. */
const isPhpSpace = (code: number | undefined): boolean =>
  code === 0x20 || code === 0x09 || code === LF || code === CR || code === 0 || code === 0x0b;

/** The body trimmed and without CR and LF (as Matomo cleans it), a megabyte per step. */
export function* cleanedBytes(bytes: Uint8Array): Generator<void, Uint8Array> {
  let start = 0;
  let end = bytes.length;
  while (start < end && isPhpSpace(bytes[start])) start++;
  while (end > start && isPhpSpace(bytes[end - 1])) end--;
  const trimmed = bytes.subarray(start, end);
  if (trimmed.indexOf(LF) < 0 && trimmed.indexOf(CR) < 0) return trimmed;
  const kept = new Uint8Array(trimmed.length);
  let length = 0;
  for (let at = 0; at < trimmed.length; at += CLEAN_STEP_BYTES) {
    const stop = Math.min(at + CLEAN_STEP_BYTES, trimmed.length);
    for (let i = at; i < stop; i++) {
      const byte = trimmed[i] as number;
      if (byte !== LF && byte !== CR) kept[length++] = byte;
    }
    yield;
  }
  return kept.subarray(0, length);
}
