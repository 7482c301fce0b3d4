// Typed arrays that grow in place. Their buffer reserves address space for its largest size
// up front and is resized as it fills, so growing never copies what it holds: the search
// entries' arrays reach hundreds of megabytes, and copying one to grow it held the server
// for a third of a second.

type Resizable = Float64Array | Uint32Array | Uint8Array;

/** ES2024's resizable ArrayBuffer: Node 20 has it, the TypeScript library in use not yet. */
interface ResizableBuffer extends ArrayBuffer {
  readonly maxByteLength: number;
  resize(bytes: number): void;
}
const ResizableBuffer = ArrayBuffer as unknown as new (
  bytes: number,
  options: { maxByteLength: number },
) => ResizableBuffer;
type Kind<T extends Resizable> = new (buffer: ArrayBuffer) => T;

/** Address space reserved per array (not memory: pages are only used once written). */
const RESERVED_BYTES = 2 ** 31;
const FIRST_BYTES = 64 * 1024;

/** An empty array of `Kind` whose length follows its buffer's size. */
export function resizable<T extends Resizable>(Kind: Kind<T>): T {
  return new Kind(new ResizableBuffer(FIRST_BYTES, { maxByteLength: RESERVED_BYTES }));
}

/**
 * `array`, at least `needed` long: resized in place (by `factor` at least), or past its
 * reservation copied into a larger one, the one case that copies.
 */
export function atLeast<T extends Resizable>(array: T, needed: number, factor: number): T {
  if (needed <= array.length) return array;
  const unit = array.BYTES_PER_ELEMENT;
  const buffer = array.buffer as ResizableBuffer;
  const wanted = Math.max(needed, Math.ceil(array.length * factor)) * unit;
  if (needed * unit <= buffer.maxByteLength) {
    buffer.resize(Math.min(wanted, buffer.maxByteLength));
    return array;
  }
  const Kind = array.constructor as Kind<T>;
  const next = new Kind(new ResizableBuffer(wanted, { maxByteLength: wanted * 2 }));
  next.set(array);
  return next;
}
