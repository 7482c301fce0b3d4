// An index over the data file, so that every stored hit is reachable without keeping it in
// memory: where each line (one request) starts in the file, and per hit the few fields that
// narrow a search before any line is read (type, outcome, site, whether it has issues). It
// holds no text: about 20 bytes a hit in typed arrays, and a 32-bit hash of each request id
// (a lookup reads the candidate lines and compares the real id). The data file stays the
// record; the index is rebuilt from it at every start (where lines start may come from a
// saved snapshot, index-snapshot.ts).
import { HIT_TYPES, OUTCOMES } from '../../../shared/matomo/types';
import type { HitType, Outcome } from '../../../shared/matomo/types';
import {
  ALL_NAMES,
  ANY_KINDS,
  MIXED_SITES,
  NAME_WORDS,
  outcomeBit,
  outcomeCode,
  typeBit,
  typeCode,
  type LineKinds,
} from './line-kinds';
import type { KeptPieces } from './salvage-line';
import { grown } from './typed-arrays';

/** idsite column value of a hit without a site. */
export const NO_SITE = -1;

/** FNV-1a over the UTF-16 code units of a request id. */
export function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The request id at the start of a data file line (`{"v":1,"request":{"id":"…"`), or null. */
export function lineRequestId(head: string): string | null {
  const match = /^\{"v":\d+,"request":\{"id":"([^"\\]*)"/.exec(head);
  return match ? (match[1] as string) : null;
}

export interface IndexedHit {
  type: HitType;
  outcome: Outcome;
  idsite: number | null;
  issues: readonly unknown[];
}

export class JournalIndex {
  /** Lines of the file, in order (empty and unreadable lines too, with no hits). */
  lines = 0;
  /** Hits of every line, in arrival order: a hit's position is its `seq - 1`. */
  hits = 0;
  private offset: Float64Array<ArrayBuffer> = new Float64Array(0);
  private length: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private hash: Uint32Array<ArrayBuffer> = new Uint32Array(0);
  private firstHit = new Uint32Array(0);
  private hitLine = new Uint32Array(0);
  private type = new Uint8Array(0);
  private outcome = new Uint8Array(0);
  private site = new Int32Array(0);
  private issues = new Uint8Array(0);
  /** Lines before this one have their first hit set (hits are set in line order). */
  private settled = 0;
  /** The pieces whose hits were kept, of the lines read back in part (salvage-line.ts). */
  private keptPieces = new Map<number, KeptPieces>();
  /** Lines of several hits found to read back whole before the load reached them. */
  private wholeLines = new Set<number>();
  /**
   * The kinds of hits of the lines a saved snapshot covers (line-kinds.ts), while their hits
   * are not indexed yet: kept during the read-back only.
   */
  private savedKinds: LineKinds | null = null;
  /**
   * The kinds of hits of each line, the site they share and the bloom of their parameter
   * names (line-kinds.ts, NAME_WORDS words a line), kept as lines are given hits and their
   * hits names: a snapshot saves them as they are, without going over every hit again.
   */
  private kept: LineKinds & { names: Uint32Array<ArrayBuffer> } = {
    kinds: new Uint32Array(0),
    sites: new Int32Array(0),
    names: new Uint32Array(0),
  };
  /** Hits whose names the line blooms hold (addHitNames), from the first, in order. */
  private namedHits = 0;

  /** A line whose hits are not known yet (`setHits` adds them) or that has none. */
  addLine(offset: number, length: number, requestId: string | null): number {
    const line = this.lines++;
    this.offset = grown(this.offset, this.lines);
    this.length = grown(this.length, this.lines);
    this.hash = grown(this.hash, this.lines);
    this.firstHit = grown(this.firstHit, this.lines + 1);
    this.offset[line] = offset;
    this.length[line] = length;
    this.hash[line] = requestId === null ? 0 : idHash(requestId);
    this.keepUnknown(line, this.lines);
    return line;
  }

  /** Lines `from` to `to` (excluded) may hold any kind of hit and carry any name. */
  private keepUnknown(from: number, to: number): void {
    const kept = this.kept;
    kept.kinds = grown(kept.kinds, to);
    kept.sites = grown(kept.sites, to);
    kept.names = grown(kept.names, to * NAME_WORDS);
    kept.kinds.fill(ANY_KINDS, from, to);
    kept.sites.fill(0, from, to);
    kept.names.fill(ALL_NAMES, from * NAME_WORDS, to * NAME_WORDS);
  }

  /** Lines known from a saved snapshot (index-snapshot.ts), in place of a scan of them. */
  restoreLines(
    offsets: Float64Array<ArrayBuffer>,
    lengths: Uint32Array<ArrayBuffer>,
    hashes: Uint32Array<ArrayBuffer>,
    kinds: LineKinds | null = null,
  ): void {
    this.clear();
    this.savedKinds = kinds;
    const count = offsets.length;
    this.offset = grown(offsets, count);
    this.length = grown(lengths, count);
    this.hash = grown(hashes, count);
    this.firstHit = grown(this.firstHit, count + 1);
    this.lines = count;
    this.keepUnknown(0, count);
  }

  /**
   * Copies of the line columns for the lines that follow each other from byte 0 without a
   * gap (a write that failed halfway, or a line this index does not know, ends them), and
   * the bytes they cover: what a snapshot can vouch for.
   */
  wholeLinesFromStart(): {
    covered: number;
    offsets: Float64Array<ArrayBuffer>;
    lengths: Uint32Array<ArrayBuffer>;
    hashes: Uint32Array<ArrayBuffer>;
  } {
    let next = 0;
    let line = 0;
    for (; line < this.lines && this.offset[line] === next; line++) {
      next += (this.length[line] as number) + 1;
    }
    return {
      covered: next,
      offsets: this.offset.slice(0, line),
      lengths: this.length.slice(0, line),
      hashes: this.hash.slice(0, line),
    };
  }

  /**
   * The kinds of hits of the first `count` lines (line-kinds.ts) and the bloom of their
   * parameter names, as kept: copies. A line with a hit not named yet may carry any name.
   */
  keptKinds(count: number): LineKinds {
    const { kinds, sites, names } = this.kept;
    const copy = {
      kinds: kinds.slice(0, count),
      sites: sites.slice(0, count),
      names: names.slice(0, count * NAME_WORDS),
    };
    if (this.namedHits < this.hits) {
      const settled = Math.min(count, this.settled);
      for (let line = this.lineOf(this.namedHits); line < settled; line++) {
        const end = this.firstHit[line + 1] as number;
        if (end > this.namedHits && end > (this.firstHit[line] as number)) {
          copy.names.fill(ALL_NAMES, line * NAME_WORDS, (line + 1) * NAME_WORDS);
        }
      }
    }
    return copy;
  }

  /**
   * Adds the bloom of the parameter names of the hit at `position` (`low`, `high`:
   * line-names.ts) to its line's. Hits are named in position order, each after its line was
   * given its hits.
   */
  addHitNames(position: number, low: number, high: number): void {
    if (position >= this.hits) return;
    const names = this.kept.names;
    const at = (this.hitLine[position] as number) * NAME_WORDS;
    names[at] = ((names[at] as number) | low) >>> 0;
    names[at + 1] = ((names[at + 1] as number) | high) >>> 0;
    if (position >= this.namedHits) this.namedHits = position + 1;
  }

  /** The kinds of hits of `line` as the saved snapshot gave them; ANY_KINDS when it did not. */
  savedKindsOf(line: number): number {
    const kinds = this.savedKinds?.kinds;
    return kinds !== undefined && line < kinds.length ? (kinds[line] as number) : ANY_KINDS;
  }

  /** The site all hits of `line` share, as the saved snapshot gave it (see savedKindsOf). */
  savedSiteOf(line: number): number {
    return this.savedKinds?.sites[line] ?? NO_SITE;
  }

  /**
   * `test` of the bloom of the parameter names of `line`'s hits as the saved snapshot gave it
   * (words from `names[at]`, line-names.ts); true when it gave none, for this line or at all.
   */
  savedNamesPass(line: number, test: (names: Uint32Array, at: number) => boolean): boolean {
    const names = this.savedKinds?.names;
    if (!names || (line + 1) * NAME_WORDS > names.length) return true;
    return test(names, line * NAME_WORDS);
  }

  /** The read-back is over: the hit columns tell the kinds from now on. */
  forgetSavedKinds(): void {
    this.savedKinds = null;
  }

  /** The request id of a line whose start did not show it (a line another writer made). */
  setRequestId(line: number, requestId: string): void {
    this.hash[line] = idHash(requestId);
  }

  /** The hits of `line`; lines are given their hits in order, skipped ones have none. */
  setHits(line: number, hits: readonly IndexedHit[]): void {
    this.settle(line);
    const first = this.hits;
    this.hits += hits.length;
    this.hitLine = grown(this.hitLine, this.hits);
    this.type = grown(this.type, this.hits);
    this.outcome = grown(this.outcome, this.hits);
    this.site = grown(this.site, this.hits);
    this.issues = grown(this.issues, this.hits);
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i] as IndexedHit;
      const at = first + i;
      this.hitLine[at] = line;
      this.type[at] = typeCode(hit.type);
      this.outcome[at] = outcomeCode(hit.outcome);
      this.site[at] = hit.idsite ?? NO_SITE;
      this.issues[at] = hit.issues.length > 0 ? 1 : 0;
    }
    this.firstHit[line + 1] = this.hits;
    this.settled = line + 1;
    this.keepKindsOf(line, first);
  }

  /** Keeps the kinds of the hits of `line` (from `first` on) and starts its names' bloom. */
  private keepKindsOf(line: number, first: number): void {
    let bits = 0;
    let site = NO_SITE;
    for (let at = first; at < this.hits; at++) {
      const hitSite = this.site[at] as number;
      if (at === first) site = hitSite;
      else if (hitSite !== site) bits |= MIXED_SITES;
      bits |= typeBit(this.type[at] as number) | outcomeBit(this.outcome[at] as number);
    }
    const { kinds, sites, names } = this.kept;
    kinds[line] = bits;
    sites[line] = site;
    names.fill(0, line * NAME_WORDS, (line + 1) * NAME_WORDS);
  }

  /** Lines up to `line` (excluded) not given hits have none. */
  settle(line = this.lines): void {
    for (; this.settled <= line; this.settled++) {
      this.firstHit[this.settled] = this.hits;
      if (this.settled < this.lines) this.keepKindsOf(this.settled, this.hits);
    }
  }

  clear(): void {
    this.lines = 0;
    this.hits = 0;
    this.settled = 0;
    this.namedHits = 0;
    this.keptPieces.clear();
    this.wholeLines.clear();
    this.savedKinds = null;
  }

  /** `line` was read back in part: its hits are those of these pieces alone. */
  setKeptPieces(line: number, pieces: KeptPieces): void {
    this.keptPieces.set(line, pieces);
  }

  /** The pieces kept of `line` when it was read back in part, else undefined. */
  keptPiecesOf(line: number): KeptPieces | undefined {
    return this.keptPieces.get(line);
  }

  /** `line` was found to read back whole (newest-while-loading.ts). */
  setReadsWhole(line: number): void {
    this.wholeLines.add(line);
  }

  /** Whether `line` was found to read back whole (no line is, unless set so). */
  readsWhole(line: number): boolean {
    return this.wholeLines.has(line);
  }

  lineOffset(line: number): number {
    return this.offset[line] as number;
  }
  lineLength(line: number): number {
    return this.length[line] as number;
  }
  /** Position of the first hit of `line`; the next line's first is one past its last. */
  lineFirstHit(line: number): number {
    return this.firstHit[line] as number;
  }
  lineHash(line: number): number {
    return this.hash[line] as number;
  }
  lineOf(position: number): number {
    return this.hitLine[position] as number;
  }
  typeOf(position: number): HitType | undefined {
    return HIT_TYPES[this.type[position] as number];
  }
  outcomeOf(position: number): Outcome | undefined {
    return OUTCOMES[this.outcome[position] as number];
  }
  siteOf(position: number): number | null {
    const site = this.site[position] as number;
    return site === NO_SITE ? null : site;
  }
  hasIssues(position: number): boolean {
    return this.issues[position] === 1;
  }

  /** The line starting at byte `offset` of the data file, or -1. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.lines - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = this.offset[mid] as number;
      if (value === offset) return mid;
      if (value < offset) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /**
   * The arrival positions of the hits of the lines starting at these byte offsets (ascending),
   * as ascending [start, end) pairs, flat; neighbouring lines' hits make one pair.
   */
  positionsAt(offsets: readonly number[]): number[] {
    const ranges: number[] = [];
    for (const offset of offsets) {
      const line = this.lineAt(offset);
      if (line === -1) continue;
      const start = this.lineFirstHit(line);
      const end = this.lineFirstHit(line + 1);
      if (end <= start) continue;
      if (ranges.length > 0 && ranges[ranges.length - 1] === start) ranges[ranges.length - 1] = end;
      else ranges.push(start, end);
    }
    return ranges;
  }

  /** Lines whose request id may be `id` (same hash), newest first. */
  *linesOfRequest(id: string): Generator<number> {
    const hash = idHash(id);
    for (let line = this.lines - 1; line >= 0; line--) if (this.hash[line] === hash) yield line;
  }
}
