// Growing typed arrays by whole steps, so that appending one item at a time stays cheap.

type Growable = Float64Array | Uint32Array | Uint8Array | Int32Array;

/** `array`, or a copy `factor` times as long (at least `needed`) when it is too short. */
export function grown<T extends Growable>(array: T, needed: number, factor = 2): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(
    Math.max(needed, Math.ceil(array.length * factor), 1024),
  );
  next.set(array);
  return next;
}
