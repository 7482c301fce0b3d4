// Which parameter names the hits of a data file line carry, as a bloom of 64 bits (two 32-bit
// words): each name sets two bits told by its hash. Saved per line in the index snapshot
// (index-snapshot.ts) beside the line's kinds (line-kinds.ts), so that a walk during the
// read-back (newest-while-loading.ts) passes over a line none of whose hits can carry a
// parameter every match of its filter needs (filter-names.ts), without reading it.
// A bloom only ever says "may carry": a line whose bits are all set for a name may lack it (it
// is then read, as without the bloom); a line missing one of them never carries it.
// The names nearly every tracker's hit carries (matomo.js sends them with every hit) set no
// bit: in 64 bits, a page view's two dozen names would have set half of them, and a rare name
// would have looked present in a line of page views one time in four. A filter on one of them rules nothing out.
import { BoundedMap } from '../../../shared/bounded-map';
import { VOLATILE_PARAMS } from '../../../shared/matomo/volatile';
import { idHash } from './journal-index';

/**
 * Names sent with (nearly) every hit: they set no bit, and a test for them tells nothing. The
 * volatile ones (a random number, the time, the visitor's counters), the page and site, and
 * the browser's features matomo.js reports.
 */
const EVERY_HIT_NAMES = new Set([
  ...VOLATILE_PARAMS,
  ...['idsite', 'rec', 'url', 'urlref', '_idn', '_ref', 'send_image', 'apiv', 'ca', 'uadata'],
  ...['cookie', 'res', 'pdf', 'qt', 'realp', 'wma', 'fla', 'java', 'ag', 'dir', 'gears'],
]);

/** A name's two bits as bit numbers 0–63 (`first | second << 6`); -1 for a name of every hit. */
export function nameBitsOf(name: string): number {
  if (EVERY_HIT_NAMES.has(name)) return -1;
  // FNV's low bits follow its last characters closely (`dimension1`, `dimension2`): mixed.
  let hash = idHash(name);
  hash = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  hash ^= hash >>> 13;
  return hash & 0xfff;
}

/** Whether bit `bit` (0–63) of the bloom at `names[at]`… is set. */
const hasBit = (names: Uint32Array, at: number, bit: number): boolean =>
  ((names[at + (bit >>> 5)] as number) & (1 << (bit & 31))) !== 0;

/** Whether the bloom at `names[at]`… holds every bit of `bits` (nameBitsOf). */
export function holdsNameBits(names: Uint32Array, at: number, bits: number): boolean {
  return bits < 0 || (hasBit(names, at, bits & 63) && hasBit(names, at, bits >>> 6));
}

/** Told the bloom of each hit's names (two words: NAME_WORDS is 2), by the hit's position. */
export type NamesSink = (position: number, low: number, high: number) => void;

/** Places in a hit's list of names whose last name is remembered with its bits. */
const PLACES = 64;
/** Names whose bits are remembered; past it, all are forgotten. */
const KNOWN_NAMES = 4096;

/**
 * The bloom of one hit's names, made name by name as its search entries are (two words:
 * NAME_WORDS is 2). This runs for every name of every hit stored: the bits of a name are
 * found again without hashing it, first by its place (a tracker sends its names in the same
 * order, often the very same strings), then by the name.
 */
export class NamesBloom {
  private low = 0;
  private high = 0;
  private known = new BoundedMap<string, number>(KNOWN_NAMES);
  private readonly lastNames: string[] = new Array<string>(PLACES).fill('');
  private readonly lastBits: number[] = new Array<number>(PLACES).fill(-1);

  /** Starts the bloom of the next hit. */
  clear(): void {
    this.low = 0;
    this.high = 0;
  }

  /** Adds `name`, the hit's `place`-th. */
  add(name: string, place: number): void {
    let bits: number;
    if (place < PLACES && this.lastNames[place] === name) bits = this.lastBits[place] as number;
    else {
      bits = this.bitsOf(name);
      if (place < PLACES) {
        this.lastNames[place] = name;
        this.lastBits[place] = bits;
      }
    }
    if (bits < 0) return;
    this.set(bits & 63);
    this.set(bits >>> 6);
  }

  /** The hit's names are not all known: it may carry any. */
  every(): void {
    this.low = -1;
    this.high = -1;
  }

  /** Writes the bloom to `names[at]`, `names[at + 1]`. */
  writeTo(names: Uint32Array, at: number): void {
    names[at] = this.low >>> 0;
    names[at + 1] = this.high >>> 0;
  }

  /** Tells `sink` the bloom as the one of the hit at `position`. */
  tell(sink: NamesSink, position: number): void {
    sink(position, this.low >>> 0, this.high >>> 0);
  }

  private set(bit: number): void {
    if (bit < 32) this.low |= 1 << bit;
    else this.high |= 1 << (bit - 32);
  }

  private bitsOf(name: string): number {
    let bits = this.known.get(name);
    if (bits !== undefined) return bits;
    bits = nameBitsOf(name);
    this.known.set(name, bits);
    return bits;
  }
}
