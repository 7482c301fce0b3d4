// Writing admin answers: JSON bodies, JSON errors with a real status, and the headers every
// admin answer carries. Never a CORS header: admin data must not be readable cross-origin.
import type { ServerResponse } from 'node:http';
import type { ApiErrorDto } from '../../../shared/api/types';
import { Slicer, yieldToLoop } from '../storage/journal-scan';

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

/** The status and headers of a JSON answer of `bytes` bytes. */
function setJsonHeaders(res: ServerResponse, status: number, bytes: number): void {
  setBaseHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', bytes);
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

/**
 * sendJson for a page of hits, which may reach tens of megabytes (each hit carries the query
 * it was sent with): the same JSON, each hit encoded alone and the bytes written a megabyte
 * per turn, with the event loop given back in between. Made in one piece, a page holding
 * hits of 8 MB held the server for seconds.
 */
export async function sendJsonInPieces(
  res: ServerResponse,
  value: { hits: readonly unknown[] },
): Promise<void> {
  const listKey = 'hits';
  const slicer = new Slicer();
  const pieces: Buffer[] = [Buffer.from(`{${JSON.stringify(listKey)}:[`)];
  const items = value[listKey];
  for (let i = 0; i < items.length; i++) {
    pieces.push(Buffer.from(`${i > 0 ? ',' : ''}${JSON.stringify(items[i])}`));
    await slicer.tick();
  }
  let tail = ']';
  for (const [key, field] of Object.entries(value)) {
    if (key !== listKey && field !== undefined)
      tail += `,${JSON.stringify(key)}:${JSON.stringify(field)}`;
  }
  pieces.push(Buffer.from(`${tail}}`));
  if (res.headersSent || res.destroyed) {
    res.end();
    return;
  }
  setJsonHeaders(
    res,
    200,
    pieces.reduce((sum, piece) => sum + piece.length, 0),
  );
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  for (const piece of pieces) {
    for (let at = 0; at < piece.length && !res.destroyed; at += WRITE_PIECE_BYTES) {
      res.write(piece.subarray(at, at + WRITE_PIECE_BYTES));
      await yieldToLoop();
    }
  }
  res.end();
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
