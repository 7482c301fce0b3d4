// A small least-recently-used cache on top of Map (whose iteration order is insertion order):
// a hit moves the entry to the end, an insert past the limit evicts the oldest entry.
// The key used last is remembered beside the map: it is already the newest entry, so asking
// for it again (the hits of one browser, one referrer, one bulk in a row) needs no reordering
// and no map lookup at all.

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  /** The most recently used entry (the map's last one), while `hasLast`. */
  private hasLast = false;
  private lastKey: K | undefined = undefined;
  private lastValue: V | undefined = undefined;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`LRU cache limit must be at least 1, got ${limit}`);
  }

  get(key: K): V | undefined {
    if (this.hasLast && this.lastKey === key) return this.lastValue;
    const value = this.entries.get(key);
    if (value === undefined && !this.entries.has(key)) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value as V);
    this.remember(key, value as V);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.remember(key, value);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.hasLast = false;
    this.lastKey = undefined;
    this.lastValue = undefined;
  }

  private remember(key: K, value: V): void {
    this.hasLast = true;
    this.lastKey = key;
    this.lastValue = value;
  }
}
