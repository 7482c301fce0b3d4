// The unfiltered page of hits (newest first) while the data file is still read back after a
// restart. The quick pass already knows where every line starts and which request it holds
// (journal-index.ts), so the newest lines are read from the end of the file, in spans, and
// their hits listed newest first, after the hits stored since the restart (which wait in
// `pending` until the full read is over). The order is the one the loaded store gives: every
// line's hits in arrival order, the lines in file order, the pending lines after them; a
// cursor taken here goes on in the loaded store and the other way round.
import type { JournalIndex } from './journal-index';
import type { JournalView } from './journal-view';
import { Slicer } from './journal-scan';
import { splitHitId, type CompactHit } from './stored-record';

/** A line written since the restart, not yet indexed. */
export interface PendingLine {
  request: { id: string };
  hits: readonly CompactHit[];
}

/** Bytes of lines read from the end of the file at once. */
const SPAN_BYTES = 1024 * 1024;

/** Where a page starts: a line (pending, or of the file) and the hit before which it starts. */
interface Start {
  /** Index into the pending lines, or -1 when the page starts in the data file. */
  pending: number;
  /** The data file line to go on from (inclusive), after the pending lines. */
  line: number;
  /** Hits of the first line listed are those before this index (Infinity: all of them). */
  before: number;
}

export interface NewestPage {
  hits: CompactHit[];
  next: string | null;
}

export async function newestWhileLoading(
  view: JournalView,
  index: JournalIndex,
  pending: readonly PendingLine[],
  limit: number,
  before: string | null,
): Promise<NewestPage> {
  const start = before
    ? await startAfter(view, index, pending, before)
    : { pending: pending.length - 1, line: index.lines - 1, before: Infinity };
  if (start === null) return { hits: [], next: null };
  // One more than asked for says whether there is a next page.
  const wanted = limit + 1;
  const hits: CompactHit[] = [];
  let cut = start.before;
  for (let p = start.pending; p >= 0 && hits.length < wanted; p--) {
    const lineHits = (pending[p] as PendingLine).hits;
    for (let i = Math.min(cut, lineHits.length) - 1; i >= 0 && hits.length < wanted; i--) {
      hits.push(lineHits[i] as CompactHit);
    }
    cut = Infinity;
  }
  const slicer = new Slicer();
  for (let line = start.line; line >= 0 && hits.length < wanted;) {
    // Newest first, a span of lines at a time; each line read once.
    const span: number[] = [];
    for (let bytes = 0; line >= 0 && bytes < SPAN_BYTES; line--) {
      span.push(line);
      bytes += index.lineLength(line);
    }
    const views = await view.readLines([...span].reverse());
    for (const number of span) {
      const read = views.get(number);
      if (!read) continue;
      for (let i = Math.min(cut, read.hitCount) - 1; i >= 0 && hits.length < wanted; i--) {
        const hit = read.hit(i);
        if (hit) hits.push(hit);
        await slicer.tick();
      }
      cut = Infinity;
      if (hits.length >= wanted) break;
    }
  }
  const more = hits.length > limit;
  if (more) hits.length = limit;
  return { hits, next: more ? (hits[limit - 1]?.id ?? null) : null };
}

/** Where the page after hit `id` starts, or null when no stored hit has that id. */
async function startAfter(
  view: JournalView,
  index: JournalIndex,
  pending: readonly PendingLine[],
  id: string,
): Promise<Start | null> {
  const named = splitHitId(id);
  if (named === null) return null;
  for (let p = pending.length - 1; p >= 0; p--) {
    const line = pending[p] as PendingLine;
    if (line.request.id !== named.requestId) continue;
    const at = line.hits.findIndex((hit) => hit.id === id);
    if (at >= 0) return { pending: p, line: index.lines - 1, before: at };
  }
  for (const line of index.linesOfRequest(named.requestId)) {
    const read = (await view.readLines([line])).get(line);
    if (read?.request.id !== named.requestId) continue;
    const at = read.indexOf(id);
    if (at >= 0) return { pending: -1, line, before: at };
  }
  return null;
}
