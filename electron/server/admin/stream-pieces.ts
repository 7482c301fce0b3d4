// The encoded JSON of each hit and request the live stream sends, made once per added request
// and shared by every open stream: each subscriber used to copy every hit into a summary,
// hold it until its flush and then stringify and encode its whole batch again, which cost
// more than storing the hit did. A `hits` event is then joined from these pieces, byte for
// byte the text formatEvent writes for the same hits (stream-pieces.test.ts checks it).
import type { HitFields } from '../../../shared/api/routes';
import type { SummaryDto } from '../../../shared/api/types';
import type { HitStoreEvent } from '../contracts';
import { listedInCompactStream, toHitSummary } from './hit-fields';
import { boundHit, boundRequest } from './text-cut';

type AddedEvent = Extract<HitStoreEvent, { type: 'added' }>;

/** One hit as the stream sends it: its JSON, and the request it belongs to. */
export interface HitPiece {
  requestId: string;
  json: Buffer;
}

/** One request as the stream sends it. */
export interface RequestPiece {
  id: string;
  json: Buffer;
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
const last: Record<HitFields, { event: AddedEvent | null; pieces: AddedPieces | null }> = {
  compact: { event: null, pieces: null },
  full: { event: null, pieces: null },
};

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

function piecesOf(event: AddedEvent, fields: HitFields): AddedPieces {
  const hits = event.hits;
  const out: HitPiece[] = new Array<HitPiece>(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const hit = boundHit(hits[i] as (typeof hits)[number]);
    out[i] = {
      requestId: hit.requestId,
      json: json(fields === 'compact' ? toHitSummary(hit) : hit),
    };
  }
  const request = event.request;
  const sent = fields === 'full' || listedInCompactStream(request);
  return {
    hits: out,
    request: sent ? { id: request.id, json: json(boundRequest(request)) } : null,
  };
}

/** The pieces `event` brings to a stream of `fields`, encoded once for all subscribers. */
export function addedPieces(event: AddedEvent, fields: HitFields): AddedPieces {
  const slot = last[fields];
  if (slot.event !== event || slot.pieces === null) {
    slot.pieces = piecesOf(event, fields);
    slot.event = event;
  }
  return slot.pieces;
}

const HITS_HEAD = Buffer.from('event: hits\ndata: {"type":"hits","hits":[', 'utf8');
const REQUESTS_HEAD = Buffer.from('],"requests":[', 'utf8');
const SUMMARY_HEAD = Buffer.from('],"summary":', 'utf8');
const EVENT_END = Buffer.from('}\n\n', 'utf8');
const COMMA = Buffer.from(',', 'utf8');

/** Appends `pieces` separated by commas. */
function pushJoined(out: Buffer[], pieces: readonly { json: Buffer }[]): void {
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0) out.push(COMMA);
    out.push((pieces[i] as { json: Buffer }).json);
  }
}

/**
 * One `hits` event as bytes: what formatEvent writes for `{ type: 'hits', hits, requests,
 * summary }`, copied once from the shared pieces instead of stringified for each stream.
 */
export function hitsEventBytes(
  hits: readonly HitPiece[],
  requests: readonly RequestPiece[],
  summaryJson: Buffer,
): Buffer {
  const out: Buffer[] = [HITS_HEAD];
  pushJoined(out, hits);
  out.push(REQUESTS_HEAD);
  pushJoined(out, requests);
  out.push(SUMMARY_HEAD, summaryJson, EVENT_END);
  return Buffer.concat(out);
}

/** The summary's JSON for hitsEventBytes. */
export function summaryBytes(summary: SummaryDto): Buffer {
  return json(summary);
}
