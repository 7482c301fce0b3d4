// A page of hits (newest first) while the data file is still read back after a
// restart. The quick pass already knows where every line starts and which request it holds
// (journal-index.ts), so the newest lines are read from the end of the file, in spans, and
// their hits listed newest first, after the hits stored since the restart (which wait in
// `pending` until the full read is over). The order is the one the loaded store gives: every
// line's hits in arrival order, the lines in file order, the pending lines after them; a
// cursor taken here goes on in the loaded store and the other way round. A line of several
// hits is read whole as the load reads it before any of its hits is listed: a damaged bulk's
// is read in part (salvage-line.ts), and which pieces the load keeps depends on all of them
// (a wrong id in a piece not listed yet leaves out the pieces after it). What is found is
// noted in the index at once, so this page, the next ones, reads by id and the load itself
// list the same hits with the same ids; a line none of whose hits reads lists nothing, as the
// load sets it aside.
// A filtered page walks the same way and lists the hits its filter keeps
// (filtered-while-loading.ts), within a budget of bytes read; a line whose kinds of hits or
// parameter names (as the saved snapshot gives them) rule it out is passed over before any of
// it is read.
import type { FileHandle } from 'node:fs/promises';
import { decodeLineSalvaging } from './decode-line';
import type { JournalIndex } from './journal-index';
import type { JournalView, StoredLineView } from './journal-view';
import { readRange, Slicer } from './journal-scan';
import type { KindsTest } from './filter-kinds';
import type { NamesTest } from './filter-names';
import type { LinePreCheck } from './line-pre-check';
import type { KeptPieces, Salvage } from './salvage-line';
import { splitHitId, type CompactHit } from './stored-record';

/** A line written since the restart, not yet indexed. */
export interface PendingLine {
  request: { id: string };
  hits: readonly CompactHit[];
}

/** The pieces kept of a line the load sets aside whole. */
const NO_PIECES: KeptPieces = { pieces: [], hits: [] };

/** Bytes of lines read from the end of the file at once. */
const SPAN_BYTES = 1024 * 1024;

/** Lines passed over by their kinds between two looks at the clock. */
const PASS_OVER_TICK = 1024;

/** Where a page starts: a line (pending, or of the file) and the hit before which it starts. */
interface Start {
  /** Index into the pending lines, or -1 when the page starts in the data file. */
  pending: number;
  /** The data file line to go on from (inclusive), after the pending lines. */
  line: number;
  /** Hits of the first line listed are those before this index (Infinity: all of them). */
  before: number;
  /** The hit the page starts after, when it is in the data file line `line`. */
  after?: string;
}

export interface NewestPage {
  hits: CompactHit[];
  next: string | null;
  /** The walk read its budget of bytes before the page was full: it tells nothing. */
  overBudget?: true;
}

/** What a filtered walk lists, and how far it may read (all hits, to the end, without it). */
export interface Walk {
  keep(hit: CompactHit): boolean | Promise<boolean>;
  /** Bytes of data file lines whose hits are parsed, at most. */
  budgetBytes: number;
  /**
   * Whether a line's bytes may hold a hit `keep` keeps (line-pre-check.ts): a line ruled out
   * is not parsed, and its bytes count against `skipBudgetBytes` instead.
   */
  mayHold?: LinePreCheck;
  /** Bytes of lines ruled out by `mayHold`, at most. */
  skipBudgetBytes?: number;
  /**
   * Whether a line of the kinds the saved snapshot gives may hold a hit `keep` keeps
   * (filter-kinds.ts): a line ruled out is passed over without a byte of it read.
   */
  mayHoldKinds?: KindsTest;
  /**
   * Whether a line whose hits carry the parameter names the saved snapshot gives may hold a
   * hit `keep` keeps (filter-names.ts): a line ruled out is passed over likewise.
   */
  mayHoldNames?: NamesTest;
}

export async function newestWhileLoading(
  view: JournalView,
  index: JournalIndex,
  pending: readonly PendingLine[],
  limit: number,
  before: string | null,
  reader: () => FileHandle,
  walk?: Walk,
): Promise<NewestPage> {
  const start = before
    ? await startAfter(view, index, pending, before, reader)
    : { pending: pending.length - 1, line: index.lines - 1, before: Infinity };
  if (start === null) return { hits: [], next: null };
  // One more than asked for says whether there is a next page.
  const wanted = limit + 1;
  const hits: CompactHit[] = [];
  let cut = start.before;
  const slicer = new Slicer();
  for (let p = start.pending; p >= 0 && hits.length < wanted; p--) {
    const lineHits = (pending[p] as PendingLine).hits;
    for (let i = Math.min(cut, lineHits.length) - 1; i >= 0 && hits.length < wanted; i--) {
      const hit = lineHits[i] as CompactHit;
      if (await kept(walk, hit)) hits.push(hit);
      await slicer.tick();
    }
    cut = Infinity;
  }
  const budget = { parsed: walk?.budgetBytes ?? Infinity, skipped: walk?.skipBudgetBytes ?? 0 };
  const lines = new LinesAsLoaded(view, index, reader);
  let after = start.after;
  const passedOver = kindsRuleOut(index, walk?.mayHoldKinds, walk?.mayHoldNames);
  for (let line = start.line; hits.length < wanted;) {
    const next = await pastRuledOut(line, passedOver, slicer);
    // The hit a page starts after is in the line it starts in, passed over or not.
    if (next !== line) after = undefined;
    line = next;
    if (line < 0) break;
    // Newest first, a span of lines at a time; each line read once.
    if (budget.parsed <= 0 || budget.skipped < 0) return { hits: [], next: null, overBudget: true };
    // Lines next to each other, read at once (a line passed over ends the span).
    const span: number[] = [];
    for (let bytes = 0; line >= 0 && bytes < SPAN_BYTES && !passedOver(line); line--) {
      span.push(line);
      bytes += index.lineLength(line);
    }
    const ruledOut = await linesRuledOut(index, span, reader, walk?.mayHold, slicer);
    // Lines past the budget are left for the next turn of the loop, which gives up.
    const parsed = withinBudget(index, span, ruledOut, budget);
    if (parsed.length < span.length) line = (parsed.at(-1) ?? (span[0] as number) + 1) - 1;
    const views = await view.readLines(parsed.filter((n) => !ruledOut.has(n)).reverse());
    for (const number of parsed) {
      if (ruledOut.has(number)) {
        after = undefined;
        continue;
      }
      let read = await lines.asLoaded(number, views.get(number));
      let i = read ? (after === undefined ? read.hitCount : read.indexOf(after)) : 0;
      let reread = lines.inPart(number);
      while (read && --i >= 0 && hits.length < wanted) {
        const hit = read.hit(i);
        if (hit) {
          if (await kept(walk, hit)) hits.push(hit);
          after = hit.id;
        } else if (!reread) {
          // A piece that does not read: the load keeps what the rest of the line holds.
          reread = true;
          read = await lines.readInPart(number);
          i = read && after !== undefined ? read.indexOf(after) : (read?.hitCount ?? 0);
        }
        await slicer.tick();
      }
      after = undefined;
      if (hits.length >= wanted) break;
    }
  }
  const more = hits.length > limit;
  if (more) hits.length = limit;
  return { hits, next: more ? (hits[limit - 1]?.id ?? null) : null };
}

/**
 * Whether the kinds or the parameter names the snapshot gives of a line rule it out: never
 * without `mayHoldKinds` and `mayHoldNames`.
 */
function kindsRuleOut(
  index: JournalIndex,
  mayHoldKinds: KindsTest | undefined,
  mayHoldNames: NamesTest | undefined,
): (line: number) => boolean {
  const byKinds = (line: number) =>
    mayHoldKinds !== undefined && !mayHoldKinds(index.savedKindsOf(line), index.savedSiteOf(line));
  if (mayHoldNames === undefined) return byKinds;
  return (line) => byKinds(line) || !index.savedNamesPass(line, mayHoldNames);
}

/** The newest line from `line` on (down) not passed over; -1 when none is left. */
async function pastRuledOut(
  line: number,
  passedOver: (line: number) => boolean,
  slicer: Slicer,
): Promise<number> {
  for (; line >= 0 && passedOver(line); line--) {
    if (line % PASS_OVER_TICK === 0) await slicer.tick();
  }
  return line;
}

/**
 * The lines of `span` (consecutive, newest first) whose bytes `mayHold` rules out: none
 * without it. The span is read at once; the lines left are read again to be parsed.
 */
async function linesRuledOut(
  index: JournalIndex,
  span: readonly number[],
  reader: () => FileHandle,
  mayHold: LinePreCheck | undefined,
  slicer: Slicer,
): Promise<Set<number>> {
  const ruledOut = new Set<number>();
  const oldest = span[span.length - 1];
  if (mayHold === undefined || oldest === undefined) return ruledOut;
  const start = index.lineOffset(oldest);
  const newest = span[0] as number;
  const end = index.lineOffset(newest) + index.lineLength(newest);
  const bytes = await readRange(reader(), start, end - start);
  const pause = () => slicer.tick();
  for (const line of span) {
    const from = index.lineOffset(line) - start;
    if (!(await mayHold(bytes.subarray(from, from + index.lineLength(line)), pause))) {
      ruledOut.add(line);
    }
    await slicer.tick();
  }
  return ruledOut;
}

/**
 * The lines of `span` the budget reaches, each counted against the budget of its kind: up
 * to the line that uses a budget up, as the walk read before it had a byte test.
 */
function withinBudget(
  index: JournalIndex,
  span: readonly number[],
  ruledOut: ReadonlySet<number>,
  budget: { parsed: number; skipped: number },
): number[] {
  const reached: number[] = [];
  for (const line of span) {
    if (budget.parsed <= 0 || budget.skipped < 0) break;
    reached.push(line);
    if (ruledOut.has(line)) budget.skipped -= index.lineLength(line);
    else budget.parsed -= index.lineLength(line);
  }
  return reached;
}

/** Whether the walk lists `hit`: every hit without a filter. */
function kept(walk: Walk | undefined, hit: CompactHit): boolean | Promise<boolean> {
  return walk ? walk.keep(hit) : true;
}

/** Where the page after hit `id` starts, or null when no stored hit has that id. */
async function startAfter(
  view: JournalView,
  index: JournalIndex,
  pending: readonly PendingLine[],
  id: string,
  reader: () => FileHandle,
): Promise<Start | null> {
  const named = splitHitId(id);
  if (named === null) return null;
  for (let p = pending.length - 1; p >= 0; p--) {
    const line = pending[p] as PendingLine;
    if (line.request.id !== named.requestId) continue;
    const at = line.hits.findIndex((hit) => hit.id === id);
    if (at >= 0) return { pending: p, line: index.lines - 1, before: at };
  }
  const lines = new LinesAsLoaded(view, index, reader);
  for (const line of index.linesOfRequest(named.requestId)) {
    const read = await lines.asLoaded(line, (await view.readLines([line])).get(line));
    if (read?.request.id !== named.requestId) continue;
    const at = read.indexOf(id);
    if (at >= 0) return { pending: -1, line, before: at, after: id };
  }
  return null;
}

/**
 * The lines of the data file as the load will list them. A line of several hits is read as
 * the load reads it, once: whole, or in part when one of its pieces does not parse, its hits
 * do not number its request's count, or the line does not parse at all.
 */
export class LinesAsLoaded {
  constructor(
    private readonly view: JournalView,
    private readonly index: JournalIndex,
    private readonly reader: () => FileHandle,
  ) {}

  /** Whether the index knows `line` as read in part. */
  inPart(line: number): boolean {
    return this.index.keptPiecesOf(line) !== undefined;
  }

  /** `read` (readLines' view of `line`), or the line read in part when the load reads it so. */
  async asLoaded(line: number, read: StoredLineView | undefined): Promise<StoredLineView | null> {
    if (this.inPart(line)) return read ?? null;
    const stated = read?.request.hitCount;
    // A line of one hit shows how it reads as that hit is read (newestWhileLoading).
    const known = read && (read.hitCount <= 1 || this.index.readsWhole(line));
    if (known && (typeof stated !== 'number' || stated === read.hitCount)) return read;
    return this.readInPart(line, read);
  }

  /** `line` read as the load reads it, unless the index knows already how it reads. */
  async settle(line: number): Promise<void> {
    if (!this.inPart(line) && !this.index.readsWhole(line)) await this.readInPart(line);
  }

  /**
   * `line` read as the load reads it, noted in the index: its kept pieces, none when the load
   * sets it aside whole, or that it reads whole; null when it lists no hit. The load sets a
   * line aside when not even its request and one hit read, and when one of the hits it reads
   * is not a stored hit (it lacks fields). `read`: readLines' view of it, when at hand.
   */
  async readInPart(line: number, read?: StoredLineView): Promise<StoredLineView | null> {
    const { index } = this;
    const slicer = new Slicer();
    // Most lines read whole: each hit made a stored hit once, as a page makes it, says so.
    const whole = read ?? (await this.view.readLines([line])).get(line);
    const stated = whole?.request.hitCount;
    if (whole && (typeof stated !== 'number' || stated === whole.hitCount)) {
      if (await everyHitReads(whole, slicer)) {
        index.setReadsWhole(line);
        return whole;
      }
    }
    const bytes = await readRange(this.reader(), index.lineOffset(line), index.lineLength(line));
    let salvage: Salvage | null;
    try {
      salvage = (await decodeLineSalvaging(bytes, () => slicer.tick())).salvage;
    } catch {
      salvage = null;
    }
    // Read whole, the line holds a hit that is no stored hit: the load sets it aside.
    if (salvage === null) {
      index.setKeptPieces(line, NO_PIECES);
      return null;
    }
    index.setKeptPieces(line, { pieces: salvage.pieces, hits: salvage.hits });
    const kept = (await this.view.readLines([line])).get(line);
    if (kept && (await everyHitReads(kept, slicer))) return kept;
    index.setKeptPieces(line, NO_PIECES);
    return null;
  }
}

/** Whether every hit of `read` reads as a stored hit, a turn given back as the slicer says. */
async function everyHitReads(read: StoredLineView, slicer: Slicer): Promise<boolean> {
  for (let i = 0; i < read.hitCount; i++) {
    if (!(await read.hitInTurns(i))) return false;
    await slicer.tick();
  }
  return true;
}
