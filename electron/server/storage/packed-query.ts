// A query string as the window keeps it: its `&`-separated pairs, each shared with every other
// query that holds the same pair. A tracker repeats most pairs from hit to hit (`idsite=1`,
// `rec=1`, the client hints, the screen size, the referrer), so a query of 700 characters
// costs a list of pointers and its few changing pairs instead of a copy of all its text. The
// text is joined again when read; the last few joins are remembered, so the reads of one hit
// (its request's query, its own raw query) share one string.

/** A query as kept: the text itself (short, or one pair), or its pairs to join with `&`. */
export type PackedQuery = string | readonly string[];

/** Shorter queries are kept as they are: their pairs would cost more than their text. */
const MIN_PACKED_CHARS = 64;
/** Longer pairs are kept as they come: a pool of such pairs would hold too much text. */
const MAX_POOLED_PAIR_CHARS = 1024;
/** Characters the pool holds at most; past it, it starts over (which costs only sharing). */
export const POOL_CHARS = 1 << 21;

/** The pairs seen lately, by text: queries holding the same pair share this copy. */
export class PairPool {
  private readonly pairs = new Map<string, string>();
  private chars = 0;

  /** `text` as kept: its pairs, shared through the pool. */
  pack(text: string): PackedQuery {
    if (text.length < MIN_PACKED_CHARS) return ownCopy(text);
    const pairs = text.split('&');
    if (pairs.length < 2) return ownCopy(text);
    for (let i = 0; i < pairs.length; i++) pairs[i] = this.shared(pairs[i] as string);
    remember(pairs, text);
    return pairs;
  }

  /** Characters of the pairs the pool holds now (bounded by POOL_CHARS). */
  get heldChars(): number {
    return this.chars;
  }

  clear(): void {
    this.pairs.clear();
    this.chars = 0;
  }

  private shared(pair: string): string {
    const found = this.pairs.get(pair);
    if (found !== undefined) return found;
    if (pair.length > MAX_POOLED_PAIR_CHARS) return ownCopy(pair);
    this.chars += pair.length;
    if (this.chars > POOL_CHARS) {
      this.pairs.clear();
      this.chars = pair.length;
    }
    const own = ownCopy(pair);
    this.pairs.set(own, own);
    return own;
  }
}

/** Characters beyond Latin-1: such a text is copied as UTF-16. */
const WIDE = /[\u0100-\uffff]/;

/**
 * A copy of `text` that keeps no larger string alive: a pair split from a query is a slice of
 * it (of the whole request line even), which would hold all of that text for as long as the
 * pair lives. Both encodings copy every code unit as it is, lone surrogates included.
 */
export function ownCopy(text: string): string {
  if (text.length < 13) return text; // V8 copies texts this short rather than slicing them.
  const encoding = WIDE.test(text) ? 'utf16le' : 'latin1';
  return Buffer.from(text, encoding).toString(encoding);
}

/** Recently joined queries, by their pairs' list: the reads of one hit join it once. */
const RECENT = 8;
const recentPairs: (readonly string[] | null)[] = new Array<readonly string[] | null>(RECENT).fill(
  null,
);
const recentText: string[] = new Array<string>(RECENT).fill('');
let nextSlot = 0;

function remember(pairs: readonly string[], text: string): void {
  recentPairs[nextSlot] = pairs;
  recentText[nextSlot] = text;
  nextSlot = (nextSlot + 1) % RECENT;
}

/** The text of a kept query. */
export function unpacked(query: PackedQuery): string {
  if (typeof query === 'string') return query;
  for (let i = 0; i < RECENT; i++) if (recentPairs[i] === query) return recentText[i] as string;
  const text = query.join('&');
  remember(query, text);
  return text;
}

/** Characters of a kept query's text, without joining it. */
export function packedLength(query: PackedQuery): number {
  if (typeof query === 'string') return query.length;
  let chars = query.length - 1;
  for (const pair of query) chars += pair.length;
  return chars;
}
