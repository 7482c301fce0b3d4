// Reading a data file line back without parsing megabytes in one go. Most lines are small and
// parsed whole. A line written in slices (encodeLineInSlices: a bulk of thousands of hits, 16 MB
// and more) has each hit after a tab: its request is parsed alone and each hit when asked for,
// so loading it can give the event loop back between hits and opening one hit of it parses
// that hit only. A line with tabs elsewhere (edited by hand) is simply parsed whole.
import {
  decodeLine,
  LINE_VERSION,
  type StoredHitLine,
  type StoredLine,
  type StoredRequest,
} from './stored-record';

const HITS_OPEN = '"hits":[';
const LINE_CLOSE = ']}';

/** A data file line, its hits parsed one at a time. */
export interface LazyLine {
  request: StoredRequest;
  hitCount: number;
  /** The hit at `index`; throws when its text is not a stored hit. */
  hit(index: number): StoredHitLine;
  /** Position of hit `id` in the line, or -1. */
  indexOf(id: string): number;
}

/** The pieces of a line written in slices (request head, then one hit each), or null. */
function slicedPieces(text: string): string[] | null {
  if (text.indexOf('\t') < 0) return null;
  const pieces = text.split('\t');
  const head = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  if (pieces.length < 2 || !head.endsWith(HITS_OPEN) || !last.endsWith(LINE_CLOSE)) return null;
  return pieces;
}

function parseHit(json: string): StoredHitLine {
  const hit = JSON.parse(json) as StoredHitLine;
  if (typeof hit !== 'object' || hit === null || typeof hit.id !== 'string') {
    throw new Error('not a Hitscope data line');
  }
  return hit;
}

/** The hit of a piece after a tab: every hit but the last is followed by a comma, the last closes the line. */
function hitOfPiece(piece: string, last: boolean): StoredHitLine {
  if (!last && !piece.endsWith(',')) throw new Error('not a Hitscope data line');
  return parseHit(piece.slice(0, last ? -LINE_CLOSE.length : -1));
}

/** Hit ids end with their position in the request (hitIdOf): tried before a walk. */
function positionInId(id: string): number {
  const dot = id.lastIndexOf('.');
  const position = Number(id.slice(dot + 1));
  return dot > 0 && Number.isInteger(position) ? position : -1;
}

function wholeLine(text: string): LazyLine {
  const line = decodeLine(text);
  return {
    request: line.request,
    hitCount: line.hits.length,
    hit: (index) => {
      const hit = line.hits[index];
      if (!hit) throw new RangeError(`no hit ${index} in the line`);
      return hit;
    },
    indexOf: (id) => line.hits.findIndex((hit) => hit.id === id),
  };
}

/** Reads the request of a line at once and its hits on demand. Throws when it is not a line. */
export function lazyLine(text: string): LazyLine {
  const pieces = slicedPieces(text);
  if (!pieces) return wholeLine(text);
  const { request } = decodeLine(`${pieces[0] as string}${LINE_CLOSE}`);
  const hitCount = pieces.length - 1;
  const hit = (index: number): StoredHitLine => {
    const piece = pieces[index + 1];
    if (index < 0 || piece === undefined) throw new RangeError(`no hit ${index} in the line`);
    return hitOfPiece(piece, index + 1 === hitCount);
  };
  const indexOf = (id: string): number => {
    const guess = positionInId(id);
    try {
      if (guess >= 0 && guess < hitCount && hit(guess).id === id) return guess;
    } catch {
      // An unreadable hit there: look at the others.
    }
    for (let i = 0; i < hitCount; i++) {
      try {
        if (hit(i).id === id) return i;
      } catch {
        // Unreadable: not the one.
      }
    }
    return -1;
  };
  return { request, hitCount, hit, indexOf };
}

/** The whole line, its hits parsed one at a time with `pause` awaited after each. */
export async function decodeLineInSlices(
  text: string,
  pause: () => Promise<void>,
): Promise<StoredLine> {
  const line = lazyLine(text);
  const hits: StoredHitLine[] = [];
  for (let i = 0; i < line.hitCount; i++) {
    hits.push(line.hit(i));
    await pause();
  }
  return { v: LINE_VERSION, request: line.request, hits };
}

const TAB = 0x09;

/**
 * decodeLineInSlices from the line's bytes: a line written in slices is decoded a hit at a
 * time as well (decoding a 30 MB line to text in one go held the server for tens of
 * milliseconds). A tab is one byte in UTF-8 and never part of another character, so the
 * pieces and the result are those of the text.
 */
export async function decodeLineBytesInSlices(
  bytes: Buffer,
  pause: () => Promise<void>,
): Promise<StoredLine> {
  const firstTab = bytes.indexOf(TAB);
  const lastTab = bytes.lastIndexOf(TAB);
  const head = firstTab >= 0 ? bytes.toString('utf8', 0, firstTab) : '';
  if (!head.endsWith(HITS_OPEN) || !bytes.toString('utf8', lastTab + 1).endsWith(LINE_CLOSE)) {
    return decodeLineInSlices(bytes.toString('utf8'), pause);
  }
  const { request } = decodeLine(`${head}${LINE_CLOSE}`);
  const hits: StoredHitLine[] = [];
  // Each tab is found as its hit is reached: finding all 10,000 first was one long step.
  for (let tab = firstTab; tab >= 0;) {
    const next = bytes.indexOf(TAB, tab + 1);
    const piece = bytes.toString('utf8', tab + 1, next < 0 ? bytes.length : next);
    hits.push(hitOfPiece(piece, next < 0));
    tab = next;
    await pause();
  }
  return { v: LINE_VERSION, request, hits };
}
