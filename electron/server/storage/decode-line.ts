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
    // Every hit but the last is followed by a comma; the last closes the array and the line.
    const last = index + 1 === hitCount;
    if (!last && !piece.endsWith(',')) throw new Error('not a Hitscope data line');
    return parseHit(piece.slice(0, last ? -LINE_CLOSE.length : -1));
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
