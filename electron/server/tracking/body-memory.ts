// The memory a large request body is joined into (read-body.ts), kept for the next large body.
// Memory freshly allocated is mapped and cleared by the system a page at a time as it is first
// written (a fault per page): joining a bulk's body of 5 MB into fresh memory took some 20 ms
// of processor time, into memory used before about 1 ms. Only the tracking handler gives a
// body back, once its request is answered and nothing reads the bytes any more (the analysis
// and the records keep text decoded from them, never the bytes). One spare at a time, for a
// while only: a server that received one bulk does not hold its memory for ever.

/** A body larger than this is not kept (the configured body limit may be far larger). */
export const SPARE_BODY_MAX_BYTES = 32 * 1024 * 1024;
/** The spare is let go after this long without a large body. */
const SPARE_KEPT_MS = 30_000;

/** Memory this module handed out and not yet got back: the only memory it takes back. */
const handedOut = new WeakSet<ArrayBufferLike>();
let spare: ArrayBuffer | null = null;
let spareTimer: ReturnType<typeof setTimeout> | null = null;

/** `bytes` bytes to join a body into: the spare's when it is large enough, else fresh memory. */
export function bodyMemory(bytes: number): Buffer {
  const memory =
    spare !== null && spare.byteLength >= bytes ? spare : Buffer.allocUnsafeSlow(bytes).buffer;
  // A spare too small is let go: the body joined now is the one kept next.
  spare = null;
  handedOut.add(memory);
  return Buffer.from(memory, 0, bytes);
}

/**
 * Takes back the memory of a body that bodyMemory gave and that nothing reads any more: the
 * next large body is joined into it. Memory given back twice, or not from bodyMemory, is
 * left alone, so no memory is ever handed out to two bodies at once.
 */
export function reuseBodyMemory(body: Uint8Array): void {
  const memory = body.buffer;
  if (!handedOut.has(memory)) return;
  handedOut.delete(memory);
  if (memory.byteLength > SPARE_BODY_MAX_BYTES || !(memory instanceof ArrayBuffer)) return;
  spare = memory;
  if (spareTimer !== null) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    spare = null;
    spareTimer = null;
  }, SPARE_KEPT_MS);
  spareTimer.unref?.();
}
