// What kinds of hits a data file line holds, in a few bits: the hit types present, the
// outcomes present, and the site when all its hits share one (and, beside them, a bloom of
// the parameter names its hits carry: line-names.ts). Saved per line in the index
// snapshot (index-snapshot.ts) from the index's own columns, so that a filtered walk during
// the read-back (newest-while-loading.ts) passes over a line whose hits cannot match without
// reading its bytes (filter-kinds.ts tells what a filter requires).
import { HIT_TYPES, OUTCOMES } from '../../../shared/matomo/types';

/** Bits 0–14: a hit of that type (HIT_TYPES order) is in the line. */
const TYPE_SHIFT = 0;
const TYPE_BITS = (1 << HIT_TYPES.length) - 1;
/** Bits 16–18: a hit of that outcome (OUTCOMES order) is in the line. */
const OUTCOME_SHIFT = 16;
const OUTCOME_BITS = ((1 << OUTCOMES.length) - 1) << OUTCOME_SHIFT;
/** The line's hits are not all of one site: its site column says nothing. */
export const MIXED_SITES = 1 << 20;

/** The code of a type or outcome the lists do not name. */
const NOT_KNOWN = 255;

const TYPE_CODES = new Map<string, number>(HIT_TYPES.map((type, i) => [type, i]));
const OUTCOME_CODES = new Map<string, number>(OUTCOMES.map((outcome, i) => [outcome, i]));

/** The code the index keeps of a hit type: its place in HIT_TYPES, NOT_KNOWN for another. */
export const typeCode = (type: string): number => TYPE_CODES.get(type) ?? NOT_KNOWN;

/** The code the index keeps of an outcome: its place in OUTCOMES, NOT_KNOWN for another. */
export const outcomeCode = (outcome: string): number => OUTCOME_CODES.get(outcome) ?? NOT_KNOWN;

/** A line nothing is known of (not summarized): every filter may match it. */
export const ANY_KINDS = (TYPE_BITS | OUTCOME_BITS | MIXED_SITES) >>> 0;

/** 32-bit words of a line's bloom of parameter names (line-names.ts). */
export const NAME_WORDS = 2;

/** A word of the bloom of every name: what a line nothing is known of may carry. */
export const ALL_NAMES = 0xffffffff;

/** The kinds of each line, and the site all its hits share (when not MIXED_SITES). */
export interface LineKinds {
  kinds: Uint32Array<ArrayBuffer>;
  sites: Int32Array<ArrayBuffer>;
  /**
   * The bloom of the parameter names of each line's hits, NAME_WORDS words a line
   * (line-names.ts); null when the snapshot holds none (an older format): any line may carry any.
   */
  names: Uint32Array<ArrayBuffer> | null;
}

/** The bit of a hit type code (its index in HIT_TYPES); all of them for a code not known. */
export function typeBit(code: number): number {
  return code < HIT_TYPES.length ? 1 << (TYPE_SHIFT + code) : TYPE_BITS;
}

/** The bit of an outcome code (its index in OUTCOMES); all of them for a code not known. */
export function outcomeBit(code: number): number {
  return code < OUTCOMES.length ? 1 << (OUTCOME_SHIFT + code) : OUTCOME_BITS;
}

/** The kinds of one hit (a line of it alone). */
export function hitKinds(type: string, outcome: string): number {
  return typeBit(typeCode(type)) | outcomeBit(outcomeCode(outcome));
}

/** The bits of `values` among `known`, or null when one is not known (a line may hold it). */
function bitsOf(
  values: readonly string[],
  known: readonly string[],
  bit: (code: number) => number,
): number | null {
  let bits = 0;
  for (const value of values) {
    const code = known.indexOf(value);
    if (code === -1) return null;
    bits |= bit(code);
  }
  return bits;
}

/** The type bits of `types`, or null when one is not a known type. */
export const typeBitsOf = (types: readonly string[]): number | null =>
  bitsOf(types, HIT_TYPES, typeBit);

/** The outcome bits of `outcomes`, or null when one is not a known outcome. */
export const outcomeBitsOf = (outcomes: readonly string[]): number | null =>
  bitsOf(outcomes, OUTCOMES, outcomeBit);
