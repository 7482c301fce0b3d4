// Writing admin answers: JSON bodies, JSON errors with a real status, and the headers every
// admin answer carries. Never a CORS header: admin data must not be readable cross-origin.
import type { ServerResponse } from 'node:http';
import type { ApiErrorDto } from '../../../shared/api/types';
import { Slicer, yieldToLoop } from '../storage/journal-scan';
import { appendAll, jsonInSlices, shortJson } from '../storage/json-in-slices';

/** An error an admin route reports to its caller as `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Headers on every admin and UI answer. */
export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** The status and headers of a JSON answer of `bytes` bytes (unknown: sent chunked). */
export function setJsonHeaders(res: ServerResponse, status: number, bytes?: number): void {
  setBaseHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (bytes !== undefined) res.setHeader('Content-Length', bytes);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  setJsonHeaders(res, status, Buffer.byteLength(body));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** Bytes written to the socket per turn of the event loop by sendJsonInPieces. */
const WRITE_PIECE_BYTES = 1024 * 1024;

/** Raw queries up to this long make a small hit. */
const SMALL_RAW_QUERY_CHARS = 64 * 1024;

/**
 * A hit's texts (parameters, occurrences, decoded values) are all read from its raw query: a
 * hit whose raw query is short is small, and is written in one go (the search for long texts
 * and large lists, json-in-slices.ts, would double the time of an ordinary page).
 */
function isSmallHit(item: unknown): boolean {
  const hit = item as { rawQuery?: unknown; cut?: { rawQuery?: { chars: number } } } | null;
  if (typeof hit?.rawQuery !== 'string') return false;
  // Its length as captured: a hit cut for reading (text-cut.ts) may keep a short beginning of
  // a raw query that held 100,000 parameters, all of them still in the hit.
  return (hit.cut?.rawQuery?.chars ?? hit.rawQuery.length) <= SMALL_RAW_QUERY_CHARS;
}

const isHit = (item: unknown): boolean =>
  typeof (item as { rawQuery?: unknown } | null)?.rawQuery === 'string';

/**
 * JSON of one item of a list when it is written in one go, else undefined. An item other than
 * a hit (a visit's action: 10,000 of them) is, when nothing in it is long: written field by
 * field, each with a pause, they took a tenth of a second.
 */
function shortItemJson(item: unknown): string | undefined {
  if (isSmallHit(item)) return JSON.stringify(item);
  return isHit(item) ? undefined : shortJson(item);
}

/**
 * JSON of one item of a list: a text when it is written in one go, else its pieces (its long
 * texts and large parts each encoded alone, `pause` awaited between them). Written as
 * JSON.stringify writes a list: what it cannot write becomes null.
 */
export async function itemJson(
  item: unknown,
  pause: () => Promise<void>,
): Promise<string | Buffer[]> {
  return shortItemJson(item) ?? (await jsonInSlices(item ?? null, pause));
}

/** Characters of short items gathered into one piece (a piece each made 20,000 buffers). */
const GATHER_CHARS = 64 * 1024;

/** Resolves when `res` can take more bytes, or is closed. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve();
      return;
    }
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * A list field of an answer ended before the item that would take its JSON past `maxBytes`
 * (its first item is always kept, however long): `cut` gives the fields that change then,
 * such as the cursor of the rest.
 */
export interface ListBudget {
  field: string;
  maxBytes: number;
  cut(kept: number): Record<string, unknown>;
}

const byteLength = (pieces: readonly Buffer[]): number =>
  pieces.reduce((sum, piece) => sum + piece.length, 0);

/**
 * sendJson for answers that may reach tens of megabytes (a page of hits, one hit: each carries
 * the query it was sent with): the same JSON, each field (and each item of a list) encoded
 * alone, long strings a megabyte at a time (json-in-slices.ts), and the bytes written a
 * megabyte per turn, with the event loop given back in between. Made in one piece, one hit
 * of an 8 MB parameter held the server for over a second. With a `budget`, one list ends
 * before its JSON passes the budget's bytes.
 */
export async function sendJsonInPieces(
  res: ServerResponse,
  value: object,
  budget?: ListBudget,
): Promise<void> {
  const slicer = new Slicer();
  const pause = () => slicer.tick();
  const fields: { key: string; pieces: Buffer[] }[] = [];
  let changed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value) as [string, unknown][]) {
    if (field === undefined) continue;
    const pieces: Buffer[] = [];
    fields.push({ key, pieces });
    if (!Array.isArray(field)) {
      appendAll(pieces, await jsonInSlices(field, pause));
      continue;
    }
    const maxBytes = budget?.field === key ? budget.maxBytes : Infinity;
    let bytes = 0;
    let kept = 0;
    let text = '';
    const flush = () => {
      if (text !== '') pieces.push(Buffer.from(text));
      text = '';
    };
    for (; kept < field.length; kept++) {
      const item: unknown = field[kept];
      const glue = kept > 0 ? ',' : '[';
      const written = await itemJson(item, pause);
      if (typeof written === 'string') {
        bytes += Buffer.byteLength(written);
        if (kept > 0 && bytes > maxBytes) break;
        text += glue + written;
        if (text.length >= GATHER_CHARS) flush();
      } else {
        bytes += byteLength(written);
        if (kept > 0 && bytes > maxBytes) break;
        text += glue;
        flush();
        appendAll(pieces, written);
      }
      await slicer.tick();
    }
    text += kept > 0 ? ']' : '[]';
    flush();
    if (kept < field.length && budget) changed = budget.cut(kept);
  }
  // The changed fields are small (a cursor, a count): written again whole.
  for (const field of fields) {
    if (Object.hasOwn(changed, field.key))
      field.pieces.splice(0, field.pieces.length, Buffer.from(JSON.stringify(changed[field.key])));
  }
  const pieces = fields.flatMap(({ key, pieces: own }, i) => [
    Buffer.from(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`),
    ...own,
  ]);
  pieces.push(Buffer.from(fields.length === 0 ? '{}' : '}'));
  if (res.headersSent || res.destroyed) {
    res.end();
    return;
  }
  setJsonHeaders(res, 200, byteLength(pieces));
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const part of writesOf(pieces)) {
    if (res.destroyed) break;
    // A slow client is waited for: what it has not taken stays in `pieces`, not queued twice.
    if (!res.write(part)) await drained(res);
    await yieldToLoop();
  }
  res.end();
}

/**
 * The pieces as writes of WRITE_PIECE_BYTES at most, small ones joined: a visit's 10,000
 * actions are 20,000 pieces, and a write of each held the server for tens of milliseconds.
 */
function* writesOf(pieces: readonly Buffer[]): Generator<Buffer> {
  let joined: Buffer[] = [];
  let bytes = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; at += WRITE_PIECE_BYTES) {
      const part = piece.subarray(at, at + WRITE_PIECE_BYTES);
      if (bytes + part.length > WRITE_PIECE_BYTES) {
        yield Buffer.concat(joined, bytes);
        joined = [];
        bytes = 0;
      }
      joined.push(part);
      bytes += part.length;
    }
  }
  if (bytes > 0) yield Buffer.concat(joined, bytes);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body: ApiErrorDto = { error: { code, message } };
  sendJson(res, status, body, headers);
}

export function sendApiError(res: ServerResponse, error: ApiError): void {
  sendError(res, error.status, error.code, error.message, error.headers);
}
