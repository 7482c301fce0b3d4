// Interning of values that repeat across requests (header sets, user agents, addresses,
// response header sets): thousands of hits from one browser then share one copy in memory.
// Bounded: when a pool grows past its cap it starts over, which costs only sharing.

export class InternPool<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly cap = 20_000) {}

  /** The pooled value equal to `value` under `key`, or `value` itself (now pooled). */
  get(key: string, value: T): T {
    const found = this.map.get(key);
    if (found !== undefined) return found;
    if (this.map.size >= this.cap) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}

/** Interns strings and string records (header sets) by their content. */
export class ValuePools {
  private readonly strings = new InternPool<string>();
  private readonly records = new InternPool<Record<string, string>>(5_000);

  string(value: string): string {
    return value.length > 512 ? value : this.strings.get(value, value);
  }

  record(value: Record<string, string>): Record<string, string> {
    return this.records.get(JSON.stringify(value), value);
  }

  clear(): void {
    this.strings.clear();
    this.records.clear();
  }
}
