// The order an import stores its requests in: oldest first, so checks that depend on earlier
// hits (duplicate orders) see them in order; file order where times are equal or unknown.

/** Times read, or positions merged, between two steps of the sort. */
const MERGED_PER_STEP = 4096;

/**
 * The positions of `times` (epoch milliseconds, Infinity when unknown) sorted by time: a
 * merge sort (stable, as Array#sort is) in steps, on the times alone. One sort of 100,000
 * items held the server for tens of milliseconds, and reading every time in one turn too.
 */
export function* byTime(times: ArrayLike<number>): Generator<void, Uint32Array> {
  const count = times.length;
  const time = new Float64Array(count);
  let order = new Uint32Array(count);
  for (let position = 0; position < count; position++) {
    time[position] = times[position]!;
    order[position] = position;
    if ((position + 1) % MERGED_PER_STEP === 0) yield;
  }
  let merged = new Uint32Array(count);
  let sinceStep = 0;
  for (let width = 1; width < count; width *= 2) {
    for (let left = 0; left < count; left += 2 * width) {
      const middle = Math.min(left + width, count);
      const right = Math.min(left + 2 * width, count);
      for (let a = left, b = middle, to = left; to < right; to++) {
        // Ties take the left run's position: it came first in the file.
        if (b >= right || (a < middle && time[order[a]!]! <= time[order[b]!]!)) {
          merged[to] = order[a++]!;
        } else merged[to] = order[b++]!;
      }
      sinceStep += right - left;
      if (sinceStep >= MERGED_PER_STEP) {
        sinceStep = 0;
        yield;
      }
    }
    [order, merged] = [merged, order];
  }
  return order;
}
