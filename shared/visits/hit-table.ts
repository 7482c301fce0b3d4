// The hits the visit index holds, numbered in the order they are assigned. A hit's number
// indexes typed arrays (its visit, its time, its type), and its id is found again through a
// hash table of numbers (open addressing, linear probing): assigning a hit adds no Map entry
// and no object, and the garbage collector has no per-hit pointers to trace but the id.
import { HIT_TYPES, type HitType } from '../matomo/types';

const EMPTY = -1;
/** The visit of a hit that left the index, or that a later hit with its id replaced. */
export const NO_VISIT = -1;

const TYPE_INDEX = new Map<HitType, number>(HIT_TYPES.map((type, i) => [type, i]));

/** A hash of the id's characters (FNV-1a, 32 bits, signed): equal ids land in the same bucket. */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}

export class HitTable {
  /** By number: the hit's id, undefined once it left. */
  private ids: (string | undefined)[] = [];
  /** By number: the serial of the hit's visit (NO_VISIT once it left or was replaced). */
  private visits = new Int32Array(1024);
  /** By number: Unix seconds of the hit as its visit counts it. */
  private times = new Float64Array(1024);
  /** By number: the index of the hit's type in HIT_TYPES. */
  private types = new Uint8Array(1024);
  /**
   * By number: the hash of the hit's id. A bucket's hit is compared by it first: two ids
   * compare as text only when their hashes agree (hit ids are joined strings, compared on
   * V8's slower path).
   */
  private hashes = new Int32Array(1024);
  /** Hash buckets holding hit numbers; at most half of them are used. */
  private buckets = new Int32Array(2048).fill(EMPTY);
  private live = 0;

  /** Numbers given so far (those of hits that left included, until compacted). */
  get count(): number {
    return this.ids.length;
  }

  /** Files a hit of visit `serial`; returns its number. A hit of the same id is replaced. */
  add(id: string, serial: number, time: number, type: HitType): number {
    const n = this.ids.length;
    if (n === this.visits.length) {
      this.visits = grown(this.visits, n * 2);
      this.times = grown(this.times, n * 2);
      this.types = grown(this.types, n * 2);
      this.hashes = grown(this.hashes, n * 2);
    }
    const hash = hashOf(id);
    this.ids.push(id);
    this.hashes[n] = hash;
    this.visits[n] = serial;
    this.times[n] = time;
    this.types[n] = TYPE_INDEX.get(type) ?? 0;
    this.live++;
    if ((n + 1) * 2 > this.buckets.length) {
      this.replace(id, hash, n);
      this.rehash(this.buckets.length * 2);
      return n;
    }
    // One walk from the id's bucket: an earlier hit of the id is replaced on the way, and
    // the hit takes the first empty bucket.
    const mask = this.buckets.length - 1;
    let b = hash & mask;
    for (let m = this.buckets[b] as number; m !== EMPTY; m = this.buckets[b] as number) {
      if (this.hashes[m] === hash && this.ids[m] === id && m !== n) this.visits[m] = NO_VISIT;
      b = (b + 1) & mask;
    }
    this.buckets[b] = n;
    return n;
  }

  /** An earlier hit of `id` than `n` no longer answers for the id. */
  private replace(id: string, hash: number, n: number): void {
    const mask = this.buckets.length - 1;
    for (let b = hash & mask; this.buckets[b] !== EMPTY; b = (b + 1) & mask) {
      const m = this.buckets[b] as number;
      if (this.hashes[m] === hash && this.ids[m] === id && m !== n) this.visits[m] = NO_VISIT;
    }
  }

  /** The number of the hit with this id still in a visit, or -1. */
  find(id: string): number {
    const mask = this.buckets.length - 1;
    const hash = hashOf(id);
    for (let b = hash & mask; ; b = (b + 1) & mask) {
      const n = this.buckets[b] as number;
      if (n === EMPTY) return EMPTY;
      if (this.hashes[n] === hash && this.ids[n] === id && this.visits[n] !== NO_VISIT) return n;
    }
  }

  idOf(n: number): string {
    return this.ids[n] as string;
  }

  visitOf(n: number): number {
    return this.visits[n] as number;
  }

  timeOf(n: number): number {
    return this.times[n] as number;
  }

  typeOf(n: number): HitType {
    return HIT_TYPES[this.types[n] as number] as HitType;
  }

  /** The hit left the index (its visit was evicted). */
  drop(n: number): void {
    if (this.ids[n] === undefined) return;
    this.ids[n] = undefined;
    this.visits[n] = NO_VISIT;
    this.live--;
  }

  /** Whether numbers of hits that left outweigh the others: time to compact(). */
  get sparse(): boolean {
    return this.ids.length > 4096 && this.live * 2 < this.ids.length;
  }

  /**
   * Numbers the hits still held from 0 again, keeping their order; returns the new number
   * of each old one (-1 for a hit that left) for the holders of numbers to follow.
   */
  compact(): Int32Array {
    const moved = new Int32Array(this.ids.length).fill(EMPTY);
    let next = 0;
    for (let n = 0; n < this.ids.length; n++) {
      const id = this.ids[n];
      if (id === undefined) continue;
      moved[n] = next;
      this.ids[next] = id;
      this.visits[next] = this.visits[n] as number;
      this.times[next] = this.times[n] as number;
      this.types[next] = this.types[n] as number;
      this.hashes[next] = this.hashes[n] as number;
      next++;
    }
    this.ids.length = next;
    let size = 2048;
    while (next * 2 > size) size *= 2;
    this.rehash(size);
    return moved;
  }

  clear(): void {
    this.ids = [];
    this.buckets = new Int32Array(2048).fill(EMPTY);
    this.live = 0;
  }

  private place(n: number): void {
    const mask = this.buckets.length - 1;
    let b = (this.hashes[n] as number) & mask;
    while (this.buckets[b] !== EMPTY) b = (b + 1) & mask;
    this.buckets[b] = n;
  }

  private rehash(size: number): void {
    this.buckets = new Int32Array(size).fill(EMPTY);
    for (let n = 0; n < this.ids.length; n++) {
      if (this.ids[n] !== undefined) this.place(n);
    }
  }
}
