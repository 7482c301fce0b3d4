// The bytes of a request body, gathered as its pieces arrive. A body that announces its
// length is copied into one buffer of that length piece by piece, as each arrives: joined
// only after the last piece (a bulk's megabytes, a slice per turn), the copy came between the
// upload's end and its analysis, several turns of the event loop, with every piece kept alive
// until then. Without a length (chunked transfer), the pieces are kept and joined at the end.

/** Bytes joined per turn of the event loop when a large body's pieces are put together. */
const JOIN_SLICE_BYTES = 1024 * 1024;

/**
 * The pieces of a body as one buffer. A large one is copied a slice per turn of the event
 * loop: joining a 12 MB body in one go held the server for tens of milliseconds (the copy, and
 * the fresh memory it touches), more on a busy machine.
 */
export async function joinInSlices(chunks: readonly Buffer[], total: number): Promise<Buffer> {
  if (chunks.length === 1) return chunks[0] as Buffer;
  if (total <= JOIN_SLICE_BYTES) return Buffer.concat(chunks, total);
  const joined = Buffer.allocUnsafe(total);
  let at = 0;
  let sliceEnd = JOIN_SLICE_BYTES;
  for (const chunk of chunks) {
    chunk.copy(joined, at);
    at += chunk.length;
    if (at >= sliceEnd) {
      sliceEnd = at + JOIN_SLICE_BYTES;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return joined;
}

/** Bodies of at least this many bytes are read into memory used before (bodyMemory). */
const REUSED_BODY_BYTES = 1024 * 1024;
/** The memory of a large body already answered is let go after this long without another. */
const SPARE_KEPT_MS = 30_000;

/**
 * The memory of the last large body answered, kept for the next one. Fresh memory is mapped
 * and cleared by the system a page at a time as it is first written (a fault per 4 KB): copied
 * into fresh memory, a bulk of 7 MB cost some 20 ms of processor time, into memory used
 * before, under one.
 */
let spare: ArrayBuffer | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;
/** Memory handed out for a body and not given back yet. */
const lent = new WeakSet<ArrayBufferLike>();

/** A buffer of `bytes` for a body, a large one in the memory of one answered before. */
function bodyMemory(bytes: number): Buffer {
  if (bytes < REUSED_BODY_BYTES) return Buffer.allocUnsafe(bytes);
  let memory: ArrayBuffer;
  if (spare !== null && spare.byteLength >= bytes) {
    memory = spare;
    spare = null;
  } else memory = Buffer.allocUnsafeSlow(bytes).buffer as ArrayBuffer;
  lent.add(memory);
  return Buffer.from(memory, 0, bytes);
}

/**
 * Gives back the memory of a body once nothing reads it any more (its request answered or
 * refused, its records made): the next large body is read into it. Every reader of a body
 * (the parse, the records, the debug log) makes its own text of what it keeps.
 */
export function reuseBodyMemory(body: Uint8Array): void {
  const memory = body.buffer;
  if (!lent.has(memory)) return;
  lent.delete(memory);
  if (spare === null || memory.byteLength > spare.byteLength) spare = memory as ArrayBuffer;
  if (spareTimer !== null) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spare = null;
    spareTimer = null;
  }, SPARE_KEPT_MS);
  spareTimer.unref?.();
}

export class ArrivingBody {
  /** The buffer of the announced length, filled as the pieces come; null without one. */
  private whole: Buffer | null = null;
  private filled = 0;
  /** Pieces kept as they came: a body without a length, or one piece holding all of it. */
  private readonly pieces: Buffer[] = [];
  private received = 0;

  /** `declared`: the Content-Length, NaN when there is none. */
  constructor(private readonly declared: number) {}

  takePiece(chunk: Buffer): void {
    this.received += chunk.length;
    if (this.whole === null && this.pieces.length === 0) {
      // A body that came in one piece is that piece: no copy at all (most tracking requests).
      if (!(this.declared > chunk.length)) {
        this.pieces.push(chunk);
        return;
      }
      // The memory of a large buffer is the system's only once written, so announcing a length
      // and sending little costs little.
      this.whole = bodyMemory(this.declared);
    }
    if (this.whole !== null) {
      if (this.filled + chunk.length <= this.whole.length) {
        chunk.copy(this.whole, this.filled);
        this.filled += chunk.length;
        return;
      }
      // More than announced (Node's parser never passes that on): kept as pieces from here.
      this.pieces.push(this.whole.subarray(0, this.filled));
      this.whole = null;
    }
    this.pieces.push(chunk);
  }

  /** The upload failed, its first bytes copied (`first`): its memory is given back. */
  discard(): void {
    if (this.whole !== null) reuseBodyMemory(this.whole);
    this.whole = null;
    this.pieces.length = 0;
  }

  /** A copy of the first `bytes` received at most (what a refused request's record keeps). */
  first(bytes: number): Buffer {
    const all = this.whole !== null ? this.whole.subarray(0, this.filled) : null;
    const start = all ?? Buffer.concat(this.pieces, Math.min(this.received, bytes));
    return Buffer.from(start.subarray(0, Math.min(start.length, bytes)));
  }

  /** Every byte received, as one buffer, when they are in one already (a length was announced). */
  complete(): Buffer | null {
    if (this.whole === null) return this.pieces.length === 1 ? (this.pieces[0] as Buffer) : null;
    return this.filled === this.whole.length ? this.whole : this.whole.subarray(0, this.filled);
  }

  /** Every byte received, its pieces joined (when `complete` has none). */
  joined(): Promise<Buffer> {
    return joinInSlices(this.pieces, this.received);
  }
}
