// UTF-8 bytes gathered into chunks of a fixed size, as a long answer is written (write-parts.ts).
// Texts are encoded straight into the current chunk: no string of the whole part is built
// first, so an export of a million hits leaves the collector the chunks alone to deal with.

export const CHUNK_BYTES = 64 * 1024;

const QUOTE = 0x22;

export class ByteChunks {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
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

  /** `text` between double quotes: the caller knows it needs no escape. */
  quoted(text: string): void {
    if (this.used + text.length * 3 + 2 > CHUNK_BYTES) this.seal();
    if (text.length * 3 + 2 > CHUNK_BYTES) {
      this.full.push(Buffer.from(`"${text}"`, 'utf8'));
      return;
    }
    this.chunk[this.used++] = QUOTE;
    this.used += this.chunk.write(text, this.used, 'utf8');
    this.chunk[this.used++] = QUOTE;
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

  /** The current chunk joins the full ones; the next bytes go into a new one. */
  private seal(): void {
    if (this.used === 0) return;
    // Whoever writes it keeps the chunk until it is sent: it is never written into again.
    this.full.push(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}
