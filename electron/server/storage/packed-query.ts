// A query string as the window keeps it: pieces shared with every other query that holds
// them. A tracker repeats most pairs from hit to hit (`idsite=1&rec=1`, the client hints, the
// screen size, the referrer) and changes a few (a random number, the page), so a query is cut
// into the runs of pairs seen before and the pairs new to the pool, each piece shared through
// the pool: a query of 700 characters then costs a few pointers and its new pairs instead of a
// copy of all its text. The text is joined again when read; the last few joins are remembered,
// so the reads of one hit (its request's query, its own raw query) share one string.

/** A query as kept: its text (short, or one shared piece), or its pieces to join with `&`. */
export type PackedQuery = string | readonly string[];

/** Shorter queries are kept as they are: their pieces would cost more than their text. */
const MIN_PACKED_CHARS = 64;
/** Longer pieces are kept as they come: a pool of such pieces would hold too much text. */
const MAX_POOLED_CHARS = 4096;
/**
 * Pairs read one by one at most; the text after them is kept as one piece. A tracker sends tens
 * of pairs (and Matomo reads only the first 1000 variables of a request), but a request of
 * 20,000 pairs copied pair by pair held the server for tens of milliseconds in one turn.
 */
export const MAX_PAIRS_READ = 1000;
/** Characters the pool holds at most; past it, it starts over (which costs only sharing). */
export const POOL_CHARS = 1 << 21;

/** The pairs and runs of pairs seen lately, by text: queries holding one share this copy. */
export class PairPool {
  private readonly pieces = new Map<string, string>();
  private chars = 0;

  /** `text` as kept: its runs of known pairs and its new pairs, shared through the pool. */
  pack(text: string): PackedQuery {
    if (text.length < MIN_PACKED_CHARS) return ownCopy(text);
    const whole = this.pieces.get(text);
    if (whole !== undefined) return whole;
    // Every piece is copied in the width of the whole text, told once.
    const encoding = encodingOf(text);
    const pieces: string[] = [];
    // Start of the run of known pairs being read, -1 when none is.
    let run = -1;
    for (let from = 0, read = 0; from <= text.length; read++) {
      if (read === MAX_PAIRS_READ) {
        pieces.push(this.shared(text.slice(run >= 0 ? run : from), encoding));
        run = -1;
        break;
      }
      let to = text.indexOf('&', from);
      if (to < 0) to = text.length;
      const pair = text.slice(from, to);
      const known = this.pieces.get(pair);
      if (known === undefined) {
        if (run >= 0) pieces.push(this.shared(text.slice(run, from - 1), encoding));
        run = -1;
        pieces.push(this.added(pair, encoding));
      } else if (run < 0) run = from;
      from = to + 1;
    }
    if (run === 0) pieces.push(this.added(text, encoding));
    else if (run > 0) pieces.push(this.shared(text.slice(run), encoding));
    if (pieces.length === 1) return pieces[0] as string;
    remember(pieces, text);
    return pieces;
  }

  /** Characters of the pieces the pool holds now (bounded by POOL_CHARS). */
  get heldChars(): number {
    return this.chars;
  }

  clear(): void {
    this.pieces.clear();
    this.chars = 0;
  }

  private shared(piece: string, encoding: Encoding): string {
    return this.pieces.get(piece) ?? this.added(piece, encoding);
  }

  /** A copy of `piece` (not in the pool), pooled unless it is too long. */
  private added(piece: string, encoding: Encoding): string {
    const own = copyOf(piece, encoding);
    if (piece.length > MAX_POOLED_CHARS) return own;
    this.chars += piece.length;
    if (this.chars > POOL_CHARS) {
      this.pieces.clear();
      this.chars = piece.length;
    }
    this.pieces.set(own, own);
    return own;
  }
}

/** Characters beyond Latin-1: such a text is copied as UTF-16. */
const WIDE = /[\u0100-\uffff]/;

type Encoding = 'latin1' | 'utf16le';

function encodingOf(text: string): Encoding {
  return WIDE.test(text) ? 'utf16le' : 'latin1';
}

/**
 * A copy of `text` that keeps no larger string alive: a pair split from a query is a slice of
 * it (of the whole request line even), which would hold all of that text for as long as the
 * pair lives. Both encodings copy every code unit as it is, lone surrogates included; Latin-1
 * only for a text without wider characters.
 */
function copyOf(text: string, encoding: Encoding): string {
  if (text.length < 13) return text; // V8 copies texts this short rather than slicing them.
  return Buffer.from(text, encoding).toString(encoding);
}

export function ownCopy(text: string): string {
  return copyOf(text, encodingOf(text));
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
