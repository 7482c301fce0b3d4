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

/** Sets bit `bit` (0–63) of the bloom at `names[at]`, `names[at + 1]`. */
function setBit(names: Uint32Array, at: number, bit: number): void {
  const word = at + (bit >>> 5);
  names[word] = ((names[word] as number) | (1 << (bit & 31))) >>> 0;
}

/** Whether bit `bit` (0–63) of the bloom at `names[at]`… is set. */
const hasBit = (names: Uint32Array, at: number, bit: number): boolean =>
  ((names[at + (bit >>> 5)] as number) & (1 << (bit & 31))) !== 0;

/** Sets the bits of `bits` (nameBitsOf) in the bloom at `names[at]`, `names[at + 1]`. */
export function addNameBits(names: Uint32Array, at: number, bits: number): void {
  if (bits < 0) return;
  setBit(names, at, bits & 63);
  setBit(names, at, bits >>> 6);
}

/** Whether the bloom at `names[at]`… holds every bit of `bits` (nameBitsOf). */
export function holdsNameBits(names: Uint32Array, at: number, bits: number): boolean {
  return bits < 0 || (hasBit(names, at, bits & 63) && hasBit(names, at, bits >>> 6));
}

/**
 * The bits of names seen lately: the hits of a tracker repeat the same few dozen names, and
 * hashing each of them for every hit stored cost more than finding them here.
 */
export class NameBits {
  private known = new Map<string, number>();

  of(name: string): number {
    let bits = this.known.get(name);
    if (bits !== undefined) return bits;
    bits = nameBitsOf(name);
    if (this.known.size >= KNOWN_NAMES) this.known.clear();
    this.known.set(name, bits);
    return bits;
  }
}

/** Names whose bits are remembered; past it, all are forgotten. */
const KNOWN_NAMES = 4096;
