// A memo that starts over when full: cheaper per read than an LRU (no reordering), and what it
// held is recomputed at once after a clear. For caches of values that repeat from hit to hit
// (names, decoded pairs, ids), whose keys arrive from the network without bound.

export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit) this.clear();
    return super.set(key, value);
  }
}
