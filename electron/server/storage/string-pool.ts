// Interning of values that repeat across requests (header sets, user agents, addresses,
// response header sets): thousands of hits from one browser then share one copy in memory.
// Bounded: when a pool grows past its cap it starts over, which costs only sharing.

import { PairPool, type PackedQuery } from './packed-query';
import type { StoredDevice } from './stored-record';

/** Parameters of one hit whose values are pooled (paramValues). */
const POOLED_PARAMS = 1024;

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

/** Pooled records compared with each new one before its key is made (see RecentRecords). */
const RECENT_RECORDS = 4;

/**
 * The records pooled last, with their names: a browser sends one header set after another and
 * the server answers with one set too, so most records equal one of these. Compared name by
 * name and value by value, in order, such a record needs no JSON key (a few hundred
 * characters made and hashed for every request).
 */
class RecentRecords {
  private readonly records: (Record<string, string> | null)[] = new Array<null>(
    RECENT_RECORDS,
  ).fill(null);
  private readonly names: string[][] = Array.from({ length: RECENT_RECORDS }, () => []);
  private next = 0;

  /**
   * The recent record with exactly the names (in order) and values of `value`, or null. Its
   * names are read in place (for…in lists them in Object.keys' order), not listed in an array
   * made for every request only to be compared.
   */
  find(value: Record<string, string>): Record<string, string> | null {
    for (let slot = 0; slot < RECENT_RECORDS; slot++) {
      const record = this.records[slot];
      if (record && sameRecord(value, record, this.names[slot] as string[])) return record;
    }
    return null;
  }

  remember(record: Record<string, string>, names: string[]): void {
    this.records[this.next] = record;
    this.names[this.next] = names;
    this.next = (this.next + 1) % RECENT_RECORDS;
  }

  clear(): void {
    this.records.fill(null);
  }
}

function sameRecord(
  value: Record<string, string>,
  record: Record<string, string>,
  recordNames: readonly string[],
): boolean {
  let i = 0;
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    if (name !== recordNames[i] || value[name] !== record[name]) return false;
    i++;
  }
  return i === recordNames.length;
}

/** Interns strings, and string records (header sets) by content. */
export class ValuePools {
  private readonly strings = new InternPool<string>();
  private readonly records = new InternPool<Record<string, string>>(5_000);
  private readonly recentRecords = new RecentRecords();
  private readonly devices = new InternPool<StoredDevice>(5_000);
  private readonly pairs = new PairPool();

  /** A query string as the window keeps it: its pairs shared with other queries'. */
  query(text: string): PackedQuery {
    return this.pairs.pack(text);
  }

  string(value: string): string {
    return value.length > 512 ? value : this.strings.get(value, value);
  }

  /**
   * The pooled record equal to `value` (same names, order and values). The key is the JSON
   * text, which quotes every name and value: no character inside one (imported files may hold
   * any) can make two different sets share a key and be stored one in place of the other.
   */
  record(value: Record<string, string>): Record<string, string> {
    const recent = this.recentRecords.find(value);
    if (recent) return recent;
    const pooled = this.records.get(JSON.stringify(value), value);
    // The pooled record has the same names as `value`, in the same order (its JSON says so).
    this.recentRecords.remember(pooled, Object.keys(value));
    return pooled;
  }

  /**
   * Values that repeat from hit to hit (client hints, referrers, …) shared, those of the first
   * POOLED_PARAMS names; the object is kept. `names` are its own names when the caller has them.
   */
  paramValues<T>(
    params: Record<string, T>,
    names: readonly string[] = Object.keys(params),
  ): Record<string, T> {
    // A bulk entry sent as an object may hold 100,000 values, made up rather than repeated: a
    // lookup each held the server, and would have filled the pool.
    for (const name of names.length > POOLED_PARAMS ? names.slice(0, POOLED_PARAMS) : names) {
      const value = params[name];
      if (typeof value === 'string' && value.length >= 16) {
        (params as Record<string, unknown>)[name] = this.string(value);
      }
    }
    return params;
  }

  /** The pooled device equal to `value`: the hits of one browser share one. */
  device(value: StoredDevice): StoredDevice {
    return this.devices.get(JSON.stringify(value), value);
  }

  /**
   * The pooled stored form of a detected device. The detector hands every hit of one browser
   * the same frozen object, so the stored form is remembered per object and the JSON key is
   * made once per browser rather than once per hit. Objects that can still change are not
   * remembered.
   */
  deviceOf<D extends object>(detected: D, store: (detected: D) => StoredDevice): StoredDevice {
    if (!Object.isFrozen(detected)) return this.device(store(detected));
    let pooled = this.storedByDetected.get(detected);
    if (pooled === undefined) {
      pooled = this.device(store(detected));
      this.storedByDetected.set(detected, pooled);
    }
    return pooled;
  }

  private storedByDetected = new WeakMap<object, StoredDevice>();

  clear(): void {
    this.strings.clear();
    this.records.clear();
    this.recentRecords.clear();
    this.devices.clear();
    this.pairs.clear();
    this.storedByDetected = new WeakMap();
  }
}
