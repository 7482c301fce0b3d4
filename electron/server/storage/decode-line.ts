// Reading a data file line back without parsing megabytes in one go. Most lines are small and
// parsed whole. A line written in slices (encodeLineInSlices: a bulk of thousands of hits, 16 MB
// and more) has each hit after a tab: its request is parsed alone and each hit when asked for,
// so loading it can give the event loop back between hits and opening one hit of it parses
// that hit only. A line with tabs elsewhere (edited by hand) is simply parsed whole.
import { parseLargeJsonObject } from '../../../shared/matomo/bulk-json';
import { inTurns } from '../../../shared/steps';
import { longStringRanges, parseJsonBytesInTurns } from './hit-bytes';
import {
  salvagedPieces,
  salvageHeadEnd,
  salvageLine,
  type KeptPieces,
  type Salvage,
} from './salvage-line';
import {
  checkedLine,
  decodeLine,
  LINE_VERSION,
  splitHitId,
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
  /**
   * hit(), its long strings decoded each after `pause` (hit-bytes.ts). Asked for again right
   * after (indexOf, then hit), the same hit is not parsed twice.
   */
  hitInTurns(index: number, pause: () => Promise<void>): Promise<StoredHitLine>;
  /** Parses the hits of megabytes in turns, so that hit() then finds them parsed. */
  prepareInTurns(pause: () => Promise<void>): Promise<void>;
  /** The request's body was not read (lazyLineInTurns without the body): it reads as ''. */
  bodyLeftOut?: boolean;
}

/** The pieces of a line written in slices: the request head, then one hit each. */
export interface SlicedPieces {
  /** The request, parsed from the head. */
  request: StoredRequest;
  /** Pieces after the head (hits). */
  hits: number;
  /** Text of hit piece `index` (from 1; 0 is the head). */
  piece(index: number): string;
  /** Bytes of the same, when the line was given as bytes. */
  pieceBytes?(index: number): Buffer;
  /** Where the hit at `hit` of the request is among the pieces (a line read in part). */
  position?(hit: number): number;
  /**
   * Looks for where piece `index` ends, up to TAB_SEARCH_BYTES further: false when it is
   * still to be found (call again after a pause). A piece may be tens of megabytes.
   */
  reach?(index: number): boolean;
}

const TAB = 0x09;
const HITS_OPEN_BYTES = Buffer.from(HITS_OPEN);
const LINE_CLOSE_BYTES = Buffer.from(LINE_CLOSE);
const COMMA_BYTES = Buffer.from(',');
/** Pieces looked at per turn when a line's long hits are looked for (prepareInTurns). */
const PIECES_PER_TURN = 1024;
/** Bytes looked through for a tab per call of reach(): 40 MB at once took 50 ms and more. */
const TAB_SEARCH_BYTES = 4 * 1024 * 1024;
/** A hit piece longer than this (bytes) has its long strings decoded apart (hit-bytes.ts). */
export const WHOLE_HIT_BYTES = 1024 * 1024;

function slicedText(text: string): SlicedPieces | null {
  if (text.indexOf('\t') < 0) return null;
  const pieces = text.split('\t');
  const head = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  if (pieces.length < 2 || !head.endsWith(HITS_OPEN) || !last.endsWith(LINE_CLOSE)) return null;
  return {
    request: decodeLine(`${head}${LINE_CLOSE}`).request,
    hits: pieces.length - 1,
    piece: (index) => pieces[index] as string,
  };
}

/** Where the request head of a line written in slices ends (its first tab), or -1. */
function slicedHeadEnd(bytes: Buffer): number {
  const headEnd = bytes.indexOf(TAB);
  if (headEnd < HITS_OPEN_BYTES.length) return -1;
  const opens = bytes.subarray(headEnd - HITS_OPEN_BYTES.length, headEnd);
  const closes = bytes.subarray(bytes.length - LINE_CLOSE_BYTES.length);
  return opens.equals(HITS_OPEN_BYTES) && closes.equals(LINE_CLOSE_BYTES) ? headEnd : -1;
}

/**
 * The same over the line's bytes, each piece turned into text only when asked for: text of a
 * whole bulk line (16 MB, most of it two-byte once decoded) took far longer than a slice. The
 * tabs are found as far as the pieces asked for reach (a tab byte never occurs inside a UTF-8
 * sequence), so reading the hits in order costs one short search each, and the count comes
 * from the request, which states it; a line whose tabs do not agree with it is refused when
 * its last piece is reached.
 */
function slicedBytes(bytes: Buffer, parsedHead?: StoredRequest): SlicedPieces | null {
  const headEnd = slicedHeadEnd(bytes);
  if (headEnd < 0) return null;
  const request =
    parsedHead ?? decodeLine(`${bytes.toString('utf8', 0, headEnd)}${LINE_CLOSE}`).request;
  const stated: unknown = request.hitCount;
  if (typeof stated !== 'number' || !Number.isInteger(stated) || stated < 1) return null;
  /** Where each piece starts (a tab) as far as found; the line's end closes the last. */
  const tabs: number[] = [headEnd];
  /** Where the search goes on: no tab after the last one found comes before it. */
  let searched = headEnd + 1;
  const endOf = (index: number): number => {
    while (tabs.length <= index) {
      const next = bytes.indexOf(TAB, searched);
      if (next < 0) {
        searched = bytes.length;
        if (tabs.length === stated && index === stated) return bytes.length;
        throw new Error('not a Hitscope data line');
      }
      tabs.push(next);
      searched = next + 1;
    }
    return tabs[index] as number;
  };
  const reach = (index: number): boolean => {
    const limit = Math.min(bytes.length, searched + TAB_SEARCH_BYTES);
    while (tabs.length <= index && searched < bytes.length) {
      if (searched >= limit) return false;
      const found = bytes.subarray(searched, limit).indexOf(TAB);
      if (found < 0) searched = limit;
      else {
        tabs.push(searched + found);
        searched += found + 1;
      }
    }
    // Found, or the line's end reached: endOf says what that end means.
    return true;
  };
  const pieceBytes = (index: number): Buffer => {
    const start = endOf(index - 1) + 1;
    const end = endOf(index);
    // The last hit ends the line: no tab may follow it.
    if (index === stated && end !== bytes.length) throw new Error('not a Hitscope data line');
    return bytes.subarray(start, end);
  };
  return {
    request,
    hits: stated,
    piece: (index) => pieceBytes(index).toString('utf8'),
    pieceBytes,
    reach,
  };
}

function parseHit(json: string): StoredHitLine {
  return checkedHit(JSON.parse(json));
}

function checkedHit(parsed: unknown): StoredHitLine {
  const hit = parsed as StoredHitLine;
  if (typeof hit !== 'object' || hit === null || typeof hit.id !== 'string') {
    throw new Error('not a Hitscope data line');
  }
  return hit;
}

/** The hit's JSON in a piece after a tab: every hit but the last is followed by a comma, the last closes the line. */
function hitJsonOfPiece(piece: string, last: boolean): string {
  if (!last && !piece.endsWith(',')) throw new Error('not a Hitscope data line');
  return piece.slice(0, last ? -LINE_CLOSE.length : -1);
}

function hitOfPiece(piece: string, last: boolean): StoredHitLine {
  return parseHit(hitJsonOfPiece(piece, last));
}

/** Pieces longer than this are parsed in steps (parseLargeJsonObject). */
const LARGE_PIECE_CHARS = 1024 * 1024;

function* hitOfPieceSteps(piece: string, last: boolean): Generator<void, StoredHitLine> {
  const json = hitJsonOfPiece(piece, last);
  if (json.length <= LARGE_PIECE_CHARS) return parseHit(json);
  // Outside the shape read in steps, parsed whole: the same hit, or the same error.
  return checkedHit((yield* parseLargeJsonObject(json)) ?? JSON.parse(json));
}

/** Hit ids end with their position in the request (hitIdOf): tried before a walk. */
const positionInId = (id: string): number => splitHitId(id)?.index ?? -1;

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
    hitInTurns(index) {
      return Promise.resolve(this.hit(index));
    },
    prepareInTurns: () => Promise.resolve(),
  };
}

/**
 * Reads the request of a line at once and its hits on demand. Throws when it is not a line.
 * Given the line's bytes, a hit's text is decoded only when that hit is asked for. `kept`:
 * the pieces of a line read back in part (salvage-line.ts), whose hits are those alone.
 */
export function lazyLine(
  source: string | Buffer,
  parsedHead?: StoredRequest,
  kept?: KeptPieces,
): LazyLine {
  const pieces =
    typeof source === 'string'
      ? slicedText(source)
      : kept
        ? salvagedPieces(source, kept, parsedHead)
        : slicedBytes(source, parsedHead);
  if (!pieces) return wholeLine(typeof source === 'string' ? source : source.toString('utf8'));
  const { request, hits: hitCount } = pieces;
  /** The hit parsed last (a hit is found by id, then read) and the hits of megabytes. */
  let last: { index: number; hit: StoredHitLine } | undefined;
  const long = new Map<number, StoredHitLine>();
  const checkIndex = (index: number): void => {
    if (index < 0 || index >= hitCount) throw new RangeError(`no hit ${index} in the line`);
  };
  const hit = (index: number): StoredHitLine => {
    checkIndex(index);
    if (last?.index === index) return last.hit;
    const parsed = long.get(index);
    if (parsed) return parsed;
    last = { index, hit: hitOfPiece(pieces.piece(index + 1), index + 1 === hitCount) };
    return last.hit;
  };
  const hitInTurns = async (index: number, pause: () => Promise<void>) => {
    checkIndex(index);
    if (last?.index === index) return last.hit;
    const known = long.get(index);
    if (known) return known;
    while (pieces.reach?.(index + 1) === false) await pause();
    const bytes = pieces.pieceBytes?.(index + 1);
    // Most hits are short: parsed whole, without looking for long strings first.
    if (bytes === undefined || bytes.length <= WHOLE_HIT_BYTES) return hit(index);
    const closing = index + 1 === hitCount ? LINE_CLOSE_BYTES : COMMA_BYTES;
    if (!bytes.subarray(bytes.length - closing.length).equals(closing)) {
      throw new Error('not a Hitscope data line');
    }
    const json = bytes.subarray(0, bytes.length - closing.length);
    // Megabytes in a few long strings are decoded apart; megabytes of short values (a bulk
    // entry sent as an object of 100,000 keys) are read a slice of keys at a time.
    const ranges = longStringRanges(json);
    const parsed =
      ranges.length > 0
        ? checkedHit(await parseJsonBytesInTurns(json, pause, ranges))
        : await inTurns(hitOfPieceSteps(pieces.piece(index + 1), index + 1 === hitCount), pause);
    long.set(index, parsed);
    return parsed;
  };
  const prepareInTurns = async (pause: () => Promise<void>) => {
    if (!pieces.pieceBytes) return;
    for (let i = 0; i < hitCount; i++) {
      // Each piece's start is found as it is first asked for: the walk over the pieces of a
      // bulk line of 20 MB (10,000 hits) held the event loop some 40 ms in one go.
      if (i > 0 && i % PIECES_PER_TURN === 0) await pause();
      while (pieces.reach?.(i + 1) === false) await pause();
      try {
        if (pieces.pieceBytes(i + 1).length > WHOLE_HIT_BYTES) await hitInTurns(i, pause);
      } catch {
        // Unreadable: hit() says so when it is asked for.
      }
    }
  };
  const indexOf = (id: string): number => {
    const named = positionInId(id);
    const guess = pieces.position && named >= 0 ? pieces.position(named) : named;
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
  return { request, hitCount, hit, indexOf, hitInTurns, prepareInTurns };
}

/** A bulk's body, which its hits do not read (each has its own raw query). */
const bulkBody = (parsed: unknown): unknown => {
  const request = (parsed as Partial<StoredLine> | null)?.request;
  return request?.transport === 'bulk' ? request.body : undefined;
};

/**
 * lazyLine() with a request head of megabytes (a bulk's body is kept there) parsed over turns:
 * parsed whole, the head of a bulk of 10,000 took most of 100 ms. `withoutBody`: only hits
 * are read, so a bulk's body of megabytes is not decoded (its request says `bodyLeftOut`).
 */
export async function lazyLineInTurns(
  bytes: Buffer,
  pause: () => Promise<void>,
  kept?: KeptPieces,
  withoutBody = false,
): Promise<LazyLine> {
  const headEnd = kept ? salvageHeadEnd(bytes) : slicedHeadEnd(bytes);
  if (headEnd <= WHOLE_HIT_BYTES) return lazyLine(bytes, undefined, kept);
  let bodyLeftOut = false;
  const head = await parseJsonBytesInTurns(
    Buffer.concat([bytes.subarray(0, headEnd), LINE_CLOSE_BYTES]),
    pause,
    undefined,
    withoutBody
      ? (parsed) => {
          const body = bulkBody(parsed);
          bodyLeftOut = body !== undefined;
          return body;
        }
      : undefined,
  );
  const request = checkedLine(head as StoredLine).request;
  const line = lazyLine(bytes, request, kept);
  // A body short enough to be parsed with the rest was read all the same.
  return bodyLeftOut && request.body === '' ? { ...line, bodyLeftOut } : line;
}

/**
 * Makes what the reader keeps of each hit of a line, told the line's request and hit count
 * first, and whether the request's body was left unread (readLineInSlices `withoutBody`):
 * `(hit, index) => kept`.
 */
export type HitReader<T> = (
  request: StoredRequest,
  hitCount: number,
  bodyLeftOut: boolean,
) => (hit: StoredHitLine, index: number) => T;

/** Keeps each hit as parsed. */
const asParsed: HitReader<StoredHitLine> = () => (hit) => hit;

/**
 * The whole line, its hits parsed one at a time with `pause` awaited after each. Given bytes, a
 * line written in slices is never decoded to text whole (a 30 MB line took tens of ms).
 */
export async function decodeLineInSlices(
  text: string | Buffer,
  pause: () => Promise<void>,
): Promise<StoredLine> {
  const { request, hits } = await readLineInSlices(text, pause, asParsed);
  return { v: LINE_VERSION, request, hits };
}

/**
 * decodeLineInSlices() with each hit handed to `read` as soon as it is parsed, and only what
 * `read` makes of it kept: the parsed hits of a bulk's line, all kept until the last was
 * parsed, outlived the young generation's collections (10,000 of them a line), were copied by
 * each and moved to the old generation, where the next ones found them as garbage.
 * `withoutBody` as for lazyLineInTurns.
 */
export async function readLineInSlices<T>(
  text: string | Buffer,
  pause: () => Promise<void>,
  read: HitReader<T>,
  withoutBody = false,
): Promise<{ request: StoredRequest; hits: T[] }> {
  const line =
    typeof text === 'string'
      ? lazyLine(text)
      : await lazyLineInTurns(text, pause, undefined, withoutBody);
  // A line written whole states its count without the tabs that check it (slicedBytes):
  // one holding more or fewer hits is read in part (salvage-line.ts) to say which.
  const stated: unknown = line.request.hitCount;
  if (typeof stated === 'number' && stated !== line.hitCount) {
    throw new Error(`the line holds ${line.hitCount} hits, its request states ${stated}`);
  }
  const keep = read(line.request, line.hitCount, line.bodyLeftOut === true);
  const hits: T[] = [];
  for (let i = 0; i < line.hitCount; i++) {
    hits.push(keep(await line.hitInTurns(i, pause), i));
    await pause();
  }
  return { request: line.request, hits };
}

/**
 * decodeLineInSlices(), or, for a bulk's line that does not read back whole, its request and
 * the hits that do (salvage-line.ts). Throws what the whole read threw when not even the
 * request and one hit can be read.
 */
export async function decodeLineSalvaging(
  bytes: Buffer,
  pause: () => Promise<void>,
): Promise<{ line: StoredLine; salvage: Salvage | null }> {
  const { request, hits, salvage } = await readLineSalvaging(bytes, pause, asParsed);
  return { line: { v: LINE_VERSION, request, hits }, salvage };
}

/**
 * readLineInSlices(), or, for a bulk's line that does not read back whole, its request and
 * what `read` makes of the hits that do (decodeLineSalvaging). What `read` made of the hits
 * before the whole read failed is dropped: it is told the request again, with the count kept.
 */
export async function readLineSalvaging<T>(
  bytes: Buffer,
  pause: () => Promise<void>,
  read: HitReader<T>,
  withoutBody = false,
): Promise<{ request: StoredRequest; hits: T[]; salvage: Salvage | null }> {
  try {
    return {
      ...(await readLineInSlices(bytes, pause, failingAsReader(read), withoutBody)),
      salvage: null,
    };
  } catch (thrown) {
    let error = thrown;
    if (thrown instanceof ReaderFailed) {
      // `read` refused a hit (one that parses but is not a stored hit) before the line was
      // read to its end. Damage found later in the line (a sliced line's count is checked at
      // its last piece) is read around first, as when every hit was parsed before any was
      // read; a line with none is decided on by that refusal.
      const damage = await damageOf(bytes, pause, withoutBody);
      if (damage === null) throw thrown.cause;
      error = damage;
    }
    let bodyLeftOut = false;
    const open = async (kept: KeptPieces) => {
      const line = await lazyLineInTurns(bytes, pause, kept, withoutBody);
      bodyLeftOut ||= line.bodyLeftOut === true;
      return line;
    };
    const { line, salvage } = await salvageLine(bytes, pause, open).catch(() => {
      throw error;
    });
    const keep = read(line.request, line.hits.length, bodyLeftOut);
    const hits: T[] = [];
    for (let i = 0; i < line.hits.length; i++) {
      hits.push(keep(line.hits[i] as StoredHitLine, i));
      await pause();
    }
    return { request: line.request, hits, salvage };
  }
}

/** What reading `bytes` whole throws, or null when it reads whole. */
async function damageOf(
  bytes: Buffer,
  pause: () => Promise<void>,
  withoutBody: boolean,
): Promise<unknown> {
  try {
    await readLineInSlices(bytes, pause, asParsed, withoutBody);
    return null;
  } catch (error) {
    return error;
  }
}

/** An error thrown by a HitReader, told apart from the line's own damage. */
class ReaderFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('the hit reader failed');
  }
}

/** `read`, its errors wrapped in ReaderFailed. */
function failingAsReader<T>(read: HitReader<T>): HitReader<T> {
  return (request, hitCount, bodyLeftOut) => {
    let keep: ReturnType<HitReader<T>>;
    try {
      keep = read(request, hitCount, bodyLeftOut);
    } catch (error) {
      throw new ReaderFailed(error);
    }
    return (hit, index) => {
      try {
        return keep(hit, index);
      } catch (error) {
        throw new ReaderFailed(error);
      }
    };
  };
}
