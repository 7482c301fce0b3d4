// UTF-8 bytes gathered into chunks of a fixed size, as a long answer is written (write-parts.ts).
// Texts are encoded straight into the current chunk: no string of the whole part is built
// first, so an export of a million hits leaves the collector the chunks alone to deal with.
import { needsJsonEscape } from '../storage/json-escape';

export const CHUNK_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Texts up to this length are encoded by plainQuoted itself. */
const SHORT_TEXT_CHARS = 256;
/** Integers up to this (15 digits) are written digit by digit. */
const MAX_DIGITS_INTEGER = 999_999_999_999_999;

/** The letter of JSON's two-character escapes (\b \t \n \f \r), by character code. */
const SHORT_ESCAPES: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };
const HEX_DIGITS = '0123456789abcdef';

/**
 * The escape JSON.stringify writes for `code` (a quote, a backslash, a control character or
 * a lone surrogate) into `chunk` at `at`; where it ends.
 */
function writeEscape(chunk: Buffer, at: number, code: number): number {
  chunk[at++] = BACKSLASH;
  if (code === QUOTE || code === BACKSLASH) {
    chunk[at++] = code;
    return at;
  }
  const letter = SHORT_ESCAPES[code];
  if (letter !== undefined) {
    chunk[at++] = letter;
    return at;
  }
  chunk[at++] = 0x75; // u
  for (let shift = 12; shift >= 0; shift -= 4) {
    chunk[at++] = HEX_DIGITS.charCodeAt((code >> shift) & 0xf);
  }
  return at;
}

/** Chunks sent and handed back (recycle) kept for reuse; more are left to the collector. */
const SPARE_CHUNKS = 32;

export class ByteChunks {
  /** The memory of the chunks made here, told apart from bytes passed through (`bytes`). */
  private readonly own = new WeakSet<ArrayBufferLike>();
  private readonly spare: Buffer[] = [];
  private chunk = this.newChunk();
  private used = 0;
  /** Chunks filled (or parts too long for one) since `take`, in order. */
  private full: Buffer[] = [];

  /** Appends `text` encoded as UTF-8 (a part that may not fit in the chunk starts the next). */
  text(text: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const most = text.length * 3;
    if (this.used + most > CHUNK_BYTES) this.seal();
    if (most > CHUNK_BYTES) this.full.push(Buffer.from(text, 'utf8'));
    else this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /**
   * `text` as JSON.stringify writes it, between double quotes, escapes included; false (and
   * nothing written) for a long text that needs escapes. A short text is encoded here,
   * character by character: a call into Buffer's encoder for each of a hit's few hundred
   * short texts cost more than JSON.stringify of the whole hit, and the escaped copy
   * JSON.stringify made of each text holding a quote (a JSON value, its decoded display) was
   * most of what writing a hit left for the collector.
   */
  quoted(text: string): boolean {
    const length = text.length;
    if (length > SHORT_TEXT_CHARS) {
      if (needsJsonEscape(text)) return false;
      this.byte(QUOTE);
      this.text(text);
      this.byte(QUOTE);
      return true;
    }
    // An escape takes at most 6 bytes; a character, at most 3.
    if (this.used + length * 6 + 2 > CHUNK_BYTES) this.seal();
    const chunk = this.chunk;
    let at = this.used;
    chunk[at++] = QUOTE;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) {
        if (code >= 0x20 && code !== QUOTE && code !== BACKSLASH) chunk[at++] = code;
        else at = writeEscape(chunk, at, code);
      } else if (code < 0x800) {
        chunk[at++] = 0xc0 | (code >> 6);
        chunk[at++] = 0x80 | (code & 0x3f);
      } else if (code >= 0xd800 && code <= 0xdfff) {
        const next = code <= 0xdbff ? text.charCodeAt(i + 1) : NaN;
        if (next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          chunk[at++] = 0xf0 | (point >> 18);
          chunk[at++] = 0x80 | ((point >> 12) & 0x3f);
          chunk[at++] = 0x80 | ((point >> 6) & 0x3f);
          chunk[at++] = 0x80 | (point & 0x3f);
          i++;
        } else at = writeEscape(chunk, at, code);
      } else {
        chunk[at++] = 0xe0 | (code >> 12);
        chunk[at++] = 0x80 | ((code >> 6) & 0x3f);
        chunk[at++] = 0x80 | (code & 0x3f);
      }
    }
    chunk[at++] = QUOTE;
    this.used = at;
    return true;
  }

  /** A number JSON writes as it is (finite), its digits written here when it is an integer. */
  number(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_DIGITS_INTEGER) {
      this.ascii(String(value));
      return;
    }
    if (this.used + 16 > CHUNK_BYTES) this.seal();
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    let rest = value;
    do {
      this.chunk[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** A short ASCII text (a JSON literal, a number's text). */
  ascii(text: string): void {
    if (this.used + text.length > CHUNK_BYTES) this.seal();
    for (let i = 0; i < text.length; i++) this.chunk[this.used++] = text.charCodeAt(i);
  }

  /** Appends one ASCII character (punctuation of JSON). */
  byte(code: number): void {
    if (this.used === CHUNK_BYTES) this.seal();
    this.chunk[this.used++] = code;
  }

  bytes(bytes: Buffer): void {
    if (this.used + bytes.length > CHUNK_BYTES) this.seal();
    if (bytes.length > CHUNK_BYTES) this.full.push(bytes);
    else this.used += bytes.copy(this.chunk, this.used);
  }

  /** The chunks filled so far, handed over (the writer keeps them until they are sent). */
  take(): Buffer[] {
    const full = this.full;
    if (full.length > 0) this.full = [];
    return full;
  }

  /** Closes the current chunk, even empty, and hands over everything left. */
  rest(): Buffer[] {
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(0);
    this.used = 0;
    return this.take();
  }

  /**
   * Takes back a chunk handed over once it is sent (its write's callback): its memory is
   * written into again. An export of a million hits wrote 8 GB in chunks of 64 KB, each new
   * memory outside the heap, and such memory is what starts the collector's full collections
   * during an export (each a pause of tens of milliseconds for tracking requests meanwhile).
   */
  recycle(sent: Buffer): void {
    if (!this.own.has(sent.buffer) || this.spare.length >= SPARE_CHUNKS) return;
    // A chunk made here is the whole of its memory (allocUnsafe of this size is not pooled).
    this.spare.push(Buffer.from(sent.buffer, 0, CHUNK_BYTES));
  }

  private newChunk(): Buffer {
    const spare = this.spare.pop();
    if (spare) return spare;
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.own.add(chunk.buffer);
    return chunk;
  }

  /** The current chunk joins the full ones; the next bytes go into a new one. */
  private seal(): void {
    if (this.used === 0) return;
    // Whoever writes it keeps the chunk until it is sent (then recycle): never written into
    // before.
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = this.newChunk();
    this.used = 0;
  }
}
