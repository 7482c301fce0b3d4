// The JSON of each hit and request the live stream sends, made once per added request and
// shared by every open stream: each subscriber used to copy every hit into a summary, hold it
// until its flush and then stringify and encode its whole batch again, which cost more than
// storing the hit did. A `hits` event is then encoded from these pieces, byte for byte the
// text formatEvent writes for the same hits (stream-pieces.test.ts checks it).
import type { HitFields } from '../../../shared/api/routes';
import type { HitDto, SummaryDto } from '../../../shared/api/types';
import { listedInCompactStream, toHitSummary } from './hit-fields';
import { boundHit, boundRequest } from './text-cut';
import { Slicer } from '../storage/journal-scan';
import { hitCountOf, hitOf, SLICED_HITS, type AddedEvent } from '../added-hits';

/** A JSON text. */
interface Json {
  json: string;
}

/** One hit as the stream sends it: its JSON, and the request it belongs to. */
export interface HitPiece extends Json {
  requestId: string;
}

/** One request as the stream sends it. */
export interface RequestPiece extends Json {
  id: string;
}

/** What one added request brings to a stream of one `fields` kind. */
export interface AddedPieces {
  hits: HitPiece[];
  /** Null when this kind of stream does not send the request (compact: a single hit's). */
  request: RequestPiece | null;
}

/**
 * The pieces of the last event, per kind: the stores call their listeners one after another
 * with the same event object, so one slot per kind serves every subscriber without keeping
 * the pieces of older events alive.
 */
const last: Record<
  HitFields,
  { event: AddedEvent | null; pieces: AddedPieces | Promise<AddedPieces> | null }
> = {
  compact: { event: null, pieces: null },
  full: { event: null, pieces: null },
};

/**
 * The JSON of `value`, kept as text: a hit waits up to a flush interval for its event, and a
 * string is lighter on the heap than a Buffer (an object and a backing store each). Its bytes
 * are not counted here: counting a hit's UTF-8 took a third of the time of its JSON, and the
 * event's bytes are written without a count (hitsEventBytes).
 */
function jsonOf(value: unknown): Json {
  return { json: JSON.stringify(value) };
}

function hitPieceOf(hit: HitDto, fields: HitFields): HitPiece {
  const bounded = boundHit(hit);
  const { json } = jsonOf(fields === 'compact' ? toHitSummary(bounded) : bounded);
  return { requestId: bounded.requestId, json };
}

function requestPieceOf(event: AddedEvent, fields: HitFields): RequestPiece | null {
  const request = event.request;
  const sent = fields === 'full' || listedInCompactStream(request);
  return sent ? { id: request.id, ...jsonOf(boundRequest(request)) } : null;
}

function piecesOf(event: AddedEvent, fields: HitFields): AddedPieces {
  const hits = event.hits;
  const out: HitPiece[] = new Array<HitPiece>(hits.length);
  for (let i = 0; i < hits.length; i++) out[i] = hitPieceOf(hits[i] as HitDto, fields);
  return { hits: out, request: requestPieceOf(event, fields) };
}

/**
 * The same pieces, the event loop given back whenever a slice of time is used up; each hit is
 * read (and decorated with its visit) in its slice, not the whole bulk at once.
 */
async function piecesInSlices(event: AddedEvent, fields: HitFields): Promise<AddedPieces> {
  const count = hitCountOf(event);
  const out: HitPiece[] = new Array<HitPiece>(count);
  const slicer = new Slicer();
  for (let i = 0; i < count; i++) {
    await slicer.tick();
    out[i] = hitPieceOf(hitOf(event, i), fields);
  }
  return { hits: out, request: requestPieceOf(event, fields) };
}

/**
 * The pieces `event` brings to a stream of `fields`, encoded once for all subscribers: at once,
 * or, for a large announcement, as a promise of them made over several turns.
 */
export function addedPieces(
  event: AddedEvent,
  fields: HitFields,
): AddedPieces | Promise<AddedPieces> {
  const slot = last[fields];
  if (slot.event !== event || slot.pieces === null) {
    const sliced = hitCountOf(event) > SLICED_HITS;
    slot.pieces = sliced ? piecesInSlices(event, fields) : piecesOf(event, fields);
    slot.event = event;
  }
  return slot.pieces;
}

const HITS_HEAD = 'event: hits\ndata: {"type":"hits","hits":[';
const REQUESTS_HEAD = '],"requests":[';
const SUMMARY_HEAD = '],"summary":';
const EVENT_END = '}\n\n';
const COMMA = 0x2c;

/** The most bytes UTF-8 needs for one UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;
/** Size of the buffer kept for writing events (a larger event gets one of its own). */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | null = null;

/** The most bytes `pieces` separated by commas take in UTF-8. */
function joinedRoom(pieces: readonly Json[]): number {
  let room = pieces.length;
  for (const piece of pieces) room += MAX_BYTES_PER_CHAR * piece.json.length;
  return room;
}

/** Writes `pieces` separated by commas into `out` at `at`; returns where they end. */
function writeJoined(out: Buffer, at: number, pieces: readonly Json[]): number {
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) out[at++] = COMMA;
    at += out.write((pieces[i] as Json).json, at, 'utf8');
  }
  return at;
}

/**
 * One `hits` event as bytes: what formatEvent writes for `{ type: 'hits', hits, requests,
 * summary }`, each piece encoded straight into its place. Joined into one string first, the
 * event was flattened and then encoded, which cost tens of microseconds a hit as soon as one
 * character of it lay beyond Latin-1 (a page title with an en dash). The pieces are encoded
 * into a buffer large enough for any text of their length, kept for the next event, and the
 * event copied out of it at its size: a copy costs less than counting the bytes first.
 */
export function hitsEventBytes(
  hits: readonly HitPiece[],
  requests: readonly RequestPiece[],
  summary: SummaryDto,
): Buffer {
  const tail = `${SUMMARY_HEAD}${JSON.stringify(summary)}${EVENT_END}`;
  const room =
    HITS_HEAD.length +
    joinedRoom(hits) +
    REQUESTS_HEAD.length +
    joinedRoom(requests) +
    MAX_BYTES_PER_CHAR * tail.length;
  const out =
    room > SCRATCH_BYTES
      ? Buffer.allocUnsafe(room)
      : (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES));
  let at = out.write(HITS_HEAD, 0, 'latin1');
  at = writeJoined(out, at, hits);
  at += out.write(REQUESTS_HEAD, at, 'latin1');
  at = writeJoined(out, at, requests);
  at += out.write(tail, at, 'utf8');
  return Buffer.from(out.subarray(0, at));
}
