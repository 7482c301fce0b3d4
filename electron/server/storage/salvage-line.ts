// A bulk's line that does not read back whole: one written in slices (each hit after a tab,
// encode-line.ts), or a whole one read as if it were. A piece that does not parse, pieces
// missing (at its end, or an encoded run of them in the middle), a request head that states
// another count: set aside whole, such a line lost every hit of a bulk of 10,000 for one bad
// piece. Here its request and every piece that parses are kept; the hits lost are the
// positions the request states that no kept hit's id names, listed with the bytes of the
// broken pieces for the side file (unreadable-records.ts). A piece that parses but is not one
// of the hits the request states (past its count, named for another request, or repeating a
// place already held) is set aside too: loaded, it would show a hit the request never had.
// The kept hits are read back later through their pieces (`KeptPieces`), so each keeps the id
// and place it had before the damage.
import type { LazyLine, SlicedPieces } from './decode-line';
import {
  decodeLine,
  LINE_VERSION,
  splitHitId,
  type StoredHitLine,
  type StoredLine,
  type StoredRequest,
} from './stored-record';

const TAB = 0x09;
const HITS_OPEN = Buffer.from('"hits":[');
const LINE_CLOSE = Buffer.from(']}');
const COMMA = Buffer.from(',');

/** The hits kept of a line read in part: kept hit `i` is in piece `pieces[i]`, at `hits[i]`. */
export interface KeptPieces {
  /** Pieces after the request head, counted from 0. */
  pieces: readonly number[];
  /** Each hit's position in the request (the tail of its id), ascending as written. */
  hits: readonly number[];
}

export interface Salvage extends KeptPieces {
  pieces: number[];
  hits: number[];
  /** Hits the request states. */
  stated: number;
  /** Positions the request states (below `stated`) that no kept hit holds, ascending. */
  lost: number[];
  /** Pieces that do not parse: where, their bytes and why. */
  broken: SetAsidePiece[];
  /** Pieces that parse but are not among the stated hits: where, their bytes and why. */
  extra: SetAsidePiece[];
}

export interface SetAsidePiece {
  /** Position among the pieces after the request head, from 0. */
  piece: number;
  bytes: Buffer;
  reason: string;
}

const TAB_BYTES = Buffer.from('\t');
/** A whole line's hits open, and a hit after another: encode-line.ts writes `userAgent` first. */
const FIRST_HIT = Buffer.from('"hits":[{"userAgent":');
const NEXT_HIT = Buffer.from('},{"userAgent":');

/**
 * A line written whole (a request of fewer than 1,000 hits has no tab) as if written in
 * slices: a tab before each hit. A hit's first key with its quotes cannot occur inside a
 * string (a quote there is escaped), so after the hits open each `},{"userAgent":` starts
 * a hit; a line that has tabs already is returned as it is.
 */
function inSlices(bytes: Buffer): Buffer {
  if (bytes.indexOf(TAB) >= 0) return bytes;
  const open = bytes.indexOf(FIRST_HIT);
  if (open < 0) return bytes;
  const parts: Buffer[] = [];
  let from = 0;
  for (let cut = open + HITS_OPEN.length; cut >= from;) {
    parts.push(bytes.subarray(from, cut), TAB_BYTES);
    from = cut;
    const next = bytes.indexOf(NEXT_HIT, from);
    cut = next < 0 ? -1 : next + 2;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** Where the request head ends (the first tab, right after `"hits":[`), or -1. */
export function salvageHeadEnd(bytes: Buffer): number {
  const headEnd = bytes.indexOf(TAB);
  if (headEnd < HITS_OPEN.length) return -1;
  return bytes.subarray(headEnd - HITS_OPEN.length, headEnd).equals(HITS_OPEN) ? headEnd : -1;
}

/**
 * [start, end) of piece `index` after the head (from a tab to the next tab or the line's
 * end), or null past the last; the tabs are found as far as the pieces asked for reach.
 */
function pieceFinder(bytes: Buffer, headEnd: number): (index: number) => [number, number] | null {
  /** Where each piece found so far starts; one past the line's end after the last. */
  const starts = [headEnd + 1];
  return (index) => {
    while (starts.length <= index + 1) {
      const from = starts[starts.length - 1] as number;
      if (from > bytes.length) return null;
      const tab = bytes.indexOf(TAB, from);
      starts.push(tab < 0 ? bytes.length + 1 : tab + 1);
    }
    const start = starts[index] as number;
    return start > bytes.length ? null : [start, (starts[index + 1] as number) - 1];
  };
}

/** The hit's JSON in a piece: a piece ends with a comma, or closes the line. */
function pieceJson(piece: Buffer): Buffer | null {
  for (const end of [COMMA, LINE_CLOSE]) {
    if (piece.subarray(piece.length - end.length).equals(end)) {
      return piece.subarray(0, piece.length - end.length);
    }
  }
  return null;
}

/** Up to the first 200 characters of why a piece did not parse. */
const reasonOf = (error: unknown): string => (error as Error).message.slice(0, 200);

/**
 * The place among the request's hits of a hit read from piece `piece`, or why it is none of
 * them. Ids are written as hitIdOf made them; a hit whose id names its request without a
 * place is taken where it stands. One whose id does not name its request is none of them:
 * kept, it could not be found by id, nor a page go on after it. The places ascend as
 * written, so one at or below the last kept repeats a hit.
 */
function placeOf(
  id: string,
  piece: number,
  requestId: string,
  stated: number,
  lastKept: number,
): number | string {
  const named = splitHitId(id);
  if (named?.requestId !== requestId) {
    return `its id ${JSON.stringify(id)} names another request`;
  }
  const place = named.index >= 0 ? named.index : piece;
  if (place >= stated) return `hit ${place} is past the ${stated} hits its request states`;
  if (place <= lastKept) return `hit ${place} comes again, or after a later one`;
  return place;
}

/**
 * The request of a line written in slices and every hit piece of it that parses, with
 * `pause` awaited after each piece. `open` reads the line as made of the given pieces
 * (lazyLineInTurns), so each piece is parsed as any stored hit is, over turns when long.
 * Throws when the request head itself cannot be read, or when no piece holds one of its hits.
 */
export async function salvageLine(
  line: Buffer,
  pause: () => Promise<void>,
  open: (kept: KeptPieces) => Promise<LazyLine>,
): Promise<{ line: StoredLine; salvage: Salvage }> {
  const bytes = inSlices(line);
  const headEnd = salvageHeadEnd(bytes);
  if (headEnd < 0) throw new Error('not a Hitscope data line');
  const rangeOf = pieceFinder(bytes, headEnd);
  const ranges: [number, number][] = [];
  for (let range = rangeOf(0); range; range = rangeOf(ranges.length)) ranges.push(range);
  const every = ranges.map((_, i) => i);
  const whole = await open({ pieces: every, hits: every });
  const count = whole.request.hitCount;
  const stated = Number.isInteger(count) && count >= 0 ? count : ranges.length;
  const hits: StoredHitLine[] = [];
  const salvage: Salvage = { stated, pieces: [], hits: [], lost: [], broken: [], extra: [] };
  const setAside = (into: SetAsidePiece[], piece: number, reason: string) => {
    const [start, end] = ranges[piece] as [number, number];
    into.push({ piece, bytes: bytes.subarray(start, end), reason });
  };
  for (let i = 0; i < ranges.length; i++) {
    let hit: StoredHitLine;
    try {
      hit = await whole.hitInTurns(i, pause);
    } catch (error) {
      setAside(salvage.broken, i, reasonOf(error));
      await pause();
      continue;
    }
    const place = placeOf(
      hit.id,
      i,
      whole.request.id,
      stated,
      salvage.hits[salvage.hits.length - 1] ?? -1,
    );
    if (typeof place === 'string') setAside(salvage.extra, i, place);
    else {
      hits.push(hit);
      salvage.pieces.push(i);
      salvage.hits.push(place);
    }
    await pause();
  }
  // Nothing to keep but the request: the line is set aside whole, as a record.
  if (hits.length === 0) throw new Error('no hit of the line can be read');
  const held = new Set(salvage.hits);
  for (let i = 0; i < stated; i++) if (!held.has(i)) salvage.lost.push(i);
  return { line: { v: LINE_VERSION, request: whole.request, hits }, salvage };
}

/**
 * The pieces of a salvaged line as decode-line.ts reads them: the kept pieces only, each
 * ended as it would be in a whole line (a comma, the last one the line's close).
 */
export function salvagedPieces(
  line: Buffer,
  { pieces: kept, hits }: KeptPieces,
  parsedHead?: StoredRequest,
): SlicedPieces {
  const bytes = inSlices(line);
  const headEnd = salvageHeadEnd(bytes);
  if (headEnd < 0) throw new Error('not a Hitscope data line');
  const request = parsedHead ?? decodeLine(`${bytes.toString('utf8', 0, headEnd)}]}`).request;
  const rangeOf = pieceFinder(bytes, headEnd);
  const pieceBytes = (index: number): Buffer => {
    const range = rangeOf(kept[index - 1] ?? -1);
    const piece = range ? bytes.subarray(range[0], range[1]) : null;
    const json = piece ? pieceJson(piece) : null;
    if (piece === null || json === null) {
      throw new Error('the piece is cut: it ends neither with "," nor with "]}"');
    }
    const closing = index === kept.length ? LINE_CLOSE : COMMA;
    // Most pieces end as they should: copied only when the line's last one came earlier.
    if (piece.subarray(piece.length - closing.length).equals(closing)) return piece;
    return Buffer.concat([json, closing]);
  };
  return {
    request,
    hits: kept.length,
    piece: (index) => pieceBytes(index).toString('utf8'),
    pieceBytes,
    // The positions ascend as written (the caller checks the id found).
    position: (hit) => sortedIndexOf(hits, hit),
  };
}

/** Where `value` is in the ascending `sorted`, by a binary search, or -1. */
export function sortedIndexOf(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = sorted[middle] as number;
    if (at === value) return middle;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
