// The data file line of one request and its hits, written by hand instead of through
// JSON.stringify: this runs for every tracking request, and most of a line repeats from
// request to request (the header set of one browser, the answer headers), which the store
// pools into shared objects. The JSON of the last few such objects is kept and reused; only
// the values that change (ids, times, the query) are escaped each time. The text parses back to
// exactly what JSON.stringify would have written (encode-line.test.ts checks it). A bulk of
// thousands of hits is written in slices instead (encodeLineInSlices).
import { codePointEnd } from '../../../shared/matomo/json-pieces';
import { jsonValue, needsJsonEscape } from './json-escape';
import { appendAll, jsonInSlices, LONG_STRING_CHARS } from './json-in-slices';
import { storedHitFieldsJson } from './stored-hit-copy';
import { LINE_VERSION, sameTextAs, type CompactHit, type StoredRequest } from './stored-record';

/** JSON.stringify, a text without anything to escape quoted without the call (json-escape.ts). */
const q = jsonValue;

/**
 * JSON of the most recently written shared objects, by identity. Small on purpose: one
 * tracker sends one header set after another, and a cache per object would keep a JSON copy
 * of every distinct header set for as long as its requests stay in memory.
 */
const RECENT = 16;
const recentObjects: (object | null)[] = new Array<object | null>(RECENT).fill(null);
const recentJson: string[] = new Array<string>(RECENT).fill('');
let nextSlot = 0;

function jsonOfShared(value: object): string {
  for (let i = 0; i < RECENT; i++) if (recentObjects[i] === value) return recentJson[i] as string;
  const text = q(value);
  recentObjects[nextSlot] = value;
  recentJson[nextSlot] = text;
  nextSlot = (nextSlot + 1) % RECENT;
  return text;
}

/** The request's opening brace and its members up to its body's JSON. */
function requestHead(request: StoredRequest): string {
  return (
    `{"id":${q(request.id)},"receivedAt":${q(request.receivedAt)},"method":${q(request.method)}` +
    `,"path":${q(request.path)},"query":${q(request.query)}` +
    `,"headers":${jsonOfShared(request.headers)},"remoteAddress":${q(request.remoteAddress)}` +
    `,"body":`
  );
}

/** The request's members after its body's JSON, and its closing brace. */
function requestTail(request: StoredRequest): string {
  const response = request.response;
  let text =
    `,"bodyEncoding":${q(request.bodyEncoding)}` +
    `,"bodySize":${q(request.bodySize)},"bodyTruncated":${request.bodyTruncated ? 'true' : 'false'}` +
    `,"transport":${q(request.transport)},"issues":${request.issues.length === 0 ? '[]' : q(request.issues)}` +
    `,"response":{"status":${q(response.status)},"headers":${jsonOfShared(response.headers)}` +
    `,"contentType":${q(response.contentType)},"body":${q(response.body)}` +
    `,"bodyKind":${q(response.bodyKind)},"durationMs":${q(response.durationMs)}}` +
    `,"hitCount":${q(request.hitCount)}`;
  if (request.error !== undefined) text += `,"error":${q(request.error)}`;
  if (request.imported !== undefined) text += `,"imported":${q(request.imported)}`;
  if (request.run !== undefined) text += `,"run":${q(request.run)}`;
  return `${text}}`;
}

function encodeRequest(request: StoredRequest): string {
  return `${requestHead(request)}${q(request.body)}${requestTail(request)}`;
}

/**
 * The user agent's JSON last written: the hits of a bulk, and of one browser, share one
 * pooled user agent, whose escaping is then done once rather than for every hit.
 */
let lastUserAgent: string | null = null;
let lastUserAgentJson = '';

function userAgentJson(userAgent: string): string {
  if (userAgent !== lastUserAgent) {
    lastUserAgentJson = q(userAgent);
    lastUserAgent = userAgent;
  }
  return lastUserAgentJson;
}

/** A hit's members before its raw query, after its opening brace. */
function hitHead(hit: CompactHit): string {
  let text =
    `{"userAgent":${userAgentJson(hit.userAgent)},"issues":${hit.issues.length === 0 ? '[]' : q(hit.issues)}` +
    storedHitFieldsJson(hit);
  const params = hit.keptParams;
  if (params !== undefined) text += `,"params":${q(params)}`;
  return text;
}

/** A hit's members after its raw query, and its closing brace. */
function hitTail(hit: CompactHit): string {
  let text = '';
  if (hit.objectEntry) text += ',"objectEntry":true';
  if (hit.order !== undefined) text += `,"order":${q(hit.order)}`;
  // The device object is pooled: the hits of one browser share it, and so its JSON.
  if (hit.device !== undefined) text += `,"device":${jsonOfShared(hit.device)}`;
  return `${text}}`;
}

function encodeHit(hit: CompactHit, request: StoredRequest): string {
  const rawQuery = hit.rawQuery;
  const sameAs = sameTextAs(rawQuery, request);
  const member = sameAs !== undefined ? `,"sameAs":"${sameAs}"` : `,"rawQuery":${q(rawQuery)}`;
  return `${hitHead(hit)}${member}${hitTail(hit)}`;
}

/** The line for the data file: one request with its hits. */
export function encodeLine(request: StoredRequest, hits: readonly CompactHit[]): string {
  let text = `{"v":${LINE_VERSION},"request":${encodeRequest(request)},"hits":[`;
  for (let i = 0; i < hits.length; i++) {
    if (i > 0) text += ',';
    text += encodeHit(hits[i] as CompactHit, request);
  }
  return `${text}]}\n`;
}

/** Bytes of one encoded piece of a sliced line (a hit longer than that gets a piece of its own). */
const PIECE_BYTES = 1024 * 1024;
/** The most bytes UTF-8 needs for one UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Pieces of long lines already written, kept for the next long line. A piece freshly allocated
 * is memory the system maps and clears a page at a time as it is first written (a fault per
 * page): written into fresh pieces, a bulk's line of 16 MB took several times longer than
 * encoded into pieces used before. Kept for a while only, so that a server that received one
 * bulk does not hold its line's memory for ever.
 */
const spares: Buffer[] = [];
/** At most this many pieces kept (a line of that many megabytes). */
const SPARES_KEPT = 32;
/** Spare pieces are let go after this long without a long line. */
const SPARES_KEPT_MS = 30_000;
let sparesTimer: ReturnType<typeof setTimeout> | null = null;
/** The memory of every piece the writer made, told from other buffers a line may hold. */
const ownPieces = new WeakSet<ArrayBufferLike>();

function newPiece(bytes: number): Buffer {
  if (bytes <= PIECE_BYTES) {
    const spare = spares.pop();
    if (spare !== undefined) {
      ownPieces.add(spare.buffer);
      return spare;
    }
  }
  const piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, bytes));
  if (piece.byteOffset === 0 && piece.buffer.byteLength === PIECE_BYTES)
    ownPieces.add(piece.buffer);
  return piece;
}

/**
 * Gives back the pieces of a line encodeLineInSlices made, once they are written and nothing
 * reads them any more: the next long line is encoded into the same memory.
 */
export function reuseLinePieces(line: readonly Buffer[]): void {
  let last: ArrayBufferLike | null = null;
  for (const part of line) {
    const memory = part.buffer;
    // A piece's parts follow one another; the bytes of a long hit (jsonInSlices) are not ours.
    if (memory === last || !ownPieces.has(memory)) continue;
    last = memory;
    if (spares.length >= SPARES_KEPT) break;
    // Out of the set until it is handed out again: a line given back twice adds it once.
    ownPieces.delete(memory);
    spares.push(Buffer.from(memory, 0, PIECE_BYTES));
  }
  if (sparesTimer !== null) clearTimeout(sparesTimer);
  sparesTimer = setTimeout(() => {
    spares.length = 0;
    sparesTimer = null;
  }, SPARES_KEPT_MS);
  sparesTimer.unref?.();
}

const QUOTE = 0x22;

/**
 * Characters of a long text (a bulk's body in its request) encoded at a time: room for the
 * whole text at three bytes a character took a fresh piece of tens of megabytes for every
 * bulk, each of its pages a fault as it was first written; in slices, the text fills pieces
 * used before. Small enough for a slice's JSON at its longest (six characters for one) to
 * fit a piece.
 */
const TEXT_SLICE_CHARS = 32 * 1024;

/**
 * Encoded pieces filled text by text. Each hit's text is written into the piece as soon as it
 * is built: joined into one long string first, it had to be flattened and then encoded, two
 * passes over megabytes, which cost more than building the text did.
 */
class PieceWriter {
  readonly pieces: Buffer[] = [];
  private piece = newPiece(PIECE_BYTES);
  private used = 0;

  write(text: string): void {
    if (text.length <= TEXT_SLICE_CHARS) {
      this.writeShort(text);
      return;
    }
    for (let start = 0; start < text.length;) {
      const end = codePointEnd(text, Math.min(start + TEXT_SLICE_CHARS, text.length));
      this.writeShort(text.slice(start, end));
      start = end;
    }
  }

  private writeShort(text: string): void {
    if (this.used + text.length * MAX_BYTES_PER_CHAR > this.piece.length) {
      this.close();
      this.piece = newPiece(text.length * MAX_BYTES_PER_CHAR);
    }
    this.used += this.piece.write(text, this.used, 'utf8');
  }

  /**
   * `text` as a JSON string, as JSON.stringify writes it. Text it writes as it is (a raw query
   * nearly always is: percent-encoded) is encoded straight into the piece between its quotes:
   * joined with the rest of its hit first, it was copied once more, and into two-byte text
   * when anything else of the hit is not Latin-1 (a page title's dash), which is encoded a
   * character at a time. The raw queries are most of a bulk's line.
   */
  writeJsonString(text: string): void {
    if (text.length > TEXT_SLICE_CHARS) {
      this.writeLongJsonString(text);
      return;
    }
    if (needsJsonEscape(text)) {
      this.writeShort(q(text));
      return;
    }
    if (this.used + text.length * MAX_BYTES_PER_CHAR + 2 > this.piece.length) {
      this.close();
      this.piece = newPiece(text.length * MAX_BYTES_PER_CHAR + 2);
    }
    const piece = this.piece;
    piece[this.used++] = QUOTE;
    this.used += piece.write(text, this.used, 'utf8');
    piece[this.used++] = QUOTE;
  }

  /**
   * The same for a text of megabytes (a bulk's body), its JSON made a slice at a time: the
   * JSON of the whole text was a copy of megabytes more, made and dropped for every bulk,
   * which the collector of the old generation had to take back.
   */
  private writeLongJsonString(text: string): void {
    this.writeShort('"');
    for (let start = 0; start < text.length;) {
      const end = codePointEnd(text, Math.min(start + TEXT_SLICE_CHARS, text.length));
      const slice = text.slice(start, end);
      // A slice's JSON is that of its characters: a pair of surrogates is never cut apart.
      this.writeShort(needsJsonEscape(slice) ? q(slice).slice(1, -1) : slice);
      start = end;
    }
    this.writeShort('"');
  }

  /** Bytes already encoded, after what was written before. */
  writeBytes(bytes: readonly Buffer[]): void {
    if (this.used > 0) this.pieces.push(this.piece.subarray(0, this.used));
    appendAll(this.pieces, bytes);
    this.piece = this.piece.subarray(this.used);
    this.used = 0;
  }

  close(): Buffer[] {
    if (this.used > 0) this.pieces.push(this.piece.subarray(0, this.used));
    this.piece = Buffer.alloc(0);
    this.used = 0;
    return this.pieces;
  }
}

/**
 * encodeHit's text after `glue`, its raw query encoded without a copy (writeJsonString); the
 * text after its raw query is given back, to be written with what follows it (the next hit's
 * text): one write fewer a hit, of a text that would be flattened on its own.
 */
function writeHit(out: PieceWriter, glue: string, hit: CompactHit, request: StoredRequest): string {
  const rawQuery = hit.rawQuery;
  const sameAs = sameTextAs(rawQuery, request);
  if (sameAs !== undefined) {
    out.write(`${glue}${hitHead(hit)},"sameAs":"${sameAs}"${hitTail(hit)}`);
    return '';
  }
  out.write(`${glue}${hitHead(hit)},"rawQuery":`);
  out.writeJsonString(rawQuery);
  return hitTail(hit);
}

/**
 * True when the hit's text is megabytes long (a parameter of megabytes: its raw query holds
 * it, and so do its kept parameters): its line is written in slices, even alone.
 */
export function hasLongText(hit: { rawQuery: string }): boolean {
  return hit.rawQuery.length > LONG_STRING_CHARS;
}

/**
 * The line of a request with thousands of hits (a bulk's line reaches 16 MB and more), built
 * between turns of the event loop and handed over as encoded pieces: built and encoded in one
 * go it held the server for a quarter of a second. `pause` is called after each hit and what
 * it gives, if anything, awaited (Slicer.tickIfDue gives a promise once a slice is used up).
 * Each hit follows a tab, which JSON allows between values and never writes inside a string,
 * so the reader can parse such a line one hit at a time too (decode-line.ts); to any JSON
 * parser it is the same line `encodeLine` writes. `hitAt` gives the hits in order. A hit of
 * megabytes (hasLongText) is encoded a megabyte at a time (json-in-slices.ts).
 */
export async function encodeLineInSlices(
  request: StoredRequest,
  count: number,
  hitAt: (index: number) => CompactHit,
  pause: () => Promise<void> | undefined,
): Promise<Buffer[]> {
  // What jsonInSlices is given: it awaits each pause.
  const pauseInHit = async () => {
    await pause();
  };
  const out = new PieceWriter();
  // The body's JSON is written on its own: joined with the rest of the request, its
  // megabytes were copied once more into one flat text before being encoded.
  out.write(`{"v":${LINE_VERSION},"request":${requestHead(request)}`);
  out.writeJsonString(request.body);
  out.write(`${requestTail(request)},"hits":[`);
  // What is written but not yet encoded: the end of the hit before (writeHit).
  let pending = '';
  for (let i = 0; i < count; i++) {
    const hit = hitAt(i);
    if (hasLongText(hit)) {
      out.write(`${pending}${i > 0 ? ',' : ''}\t`);
      pending = '';
      // Making the hit (hitAt) may have taken most of a slice: 100,000 parameters kept.
      await pause();
      out.writeBytes(await jsonInSlices(hit.lineAgainst(request), pauseInHit));
    } else pending = writeHit(out, `${pending}${i > 0 ? ',\t' : '\t'}`, hit, request);
    const due = pause();
    if (due !== undefined) await due;
  }
  out.write(`${pending}]}\n`);
  return out.close();
}
