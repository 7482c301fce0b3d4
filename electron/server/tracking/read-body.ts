// Reads a tracking request's body with limits: a size cap (checked against Content-Length
// first, then while streaming), an idle timeout against slow uploads, and detection of
// aborted uploads. It never throws: every outcome comes back as data, with the bytes
// received so far, so the server can still record what arrived.
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; body: Buffer }
  | {
      ok: false;
      reason: 'too_large' | 'timeout' | 'aborted';
      /** The first bytes received (up to `keepBytes`). */
      partial: Buffer;
      /** Bytes received before giving up (or announced by Content-Length when larger). */
      received: number;
    };

export interface BodyLimits {
  maxBytes: number;
  idleTimeoutMs: number;
  /** How much of a refused body to keep for the record. */
  keepBytes: number;
}

const NO_BODY: BodyResult = { ok: true, body: Buffer.alloc(0) };

/** Request headers by lower-cased name, as Node gives them or as already read (raw-request.ts). */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** True when the request announces no body at all (no Content-Length, no chunked encoding). */
export function hasNoBody(headers: Headers): boolean {
  const length = headers['content-length'];
  return (length === undefined || length === '0') && headers['transfer-encoding'] === undefined;
}

/** Bytes joined per turn of the event loop when a large body's pieces are put together. */
const JOIN_SLICE_BYTES = 1024 * 1024;

/**
 * The pieces of a body as one buffer. A large one is copied a slice per turn of the event
 * loop: joining a 12 MB body in one go held the server for tens of milliseconds (the copy, and
 * the fresh memory it touches), more on a busy machine.
 */
export async function joinInSlices(chunks: readonly Buffer[], total: number): Promise<Buffer> {
  if (chunks.length === 1) return chunks[0] as Buffer;
  if (total <= JOIN_SLICE_BYTES) return Buffer.concat(chunks, total);
  const joined = Buffer.allocUnsafe(total);
  let at = 0;
  let sliceEnd = JOIN_SLICE_BYTES;
  for (const chunk of chunks) {
    chunk.copy(joined, at);
    at += chunk.length;
    if (at >= sliceEnd) {
      sliceEnd = at + JOIN_SLICE_BYTES;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return joined;
}

/**
 * The result for a request that announces no body (a GET, a beacon): there is nothing to wait
 * for, so the hot path skips the stream machinery and the promise (`hasNoBody` first).
 */
export function noBody(req: IncomingMessage): BodyResult {
  req.resume();
  return NO_BODY;
}

/**
 * `headers`: the request's headers when already read (the tracking handler has them as the
 * engine wants them), so that Node does not build its own header object for every hit.
 */
export function readBody(
  req: IncomingMessage,
  limits: BodyLimits,
  headers: Headers = req.headers,
): Promise<BodyResult> {
  if (hasNoBody(headers)) return Promise.resolve(noBody(req));
  const declared = Number(headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    // Refuse before reading: the answer goes out at once; the rest is discarded as it comes.
    req.resume();
    return Promise.resolve({
      ok: false,
      reason: 'too_large',
      partial: Buffer.alloc(0),
      received: declared,
    });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    /** Every byte arrived; the pieces are being joined. */
    let ending = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (result: BodyResult) => {
      if (settled || (ending && !result.ok)) return;
      settled = true;
      if (timer) clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('close', onClose);
      req.off('error', onAborted);
      // Whatever still arrives is discarded, so the client can finish sending and read the answer.
      if (!result.ok) req.resume();
      resolve(result);
    };
    const keep = () => {
      const all = Buffer.concat(chunks);
      return all.length > limits.keepBytes ? all.subarray(0, limits.keepBytes) : all;
    };
    const armTimer = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => finish({ ok: false, reason: 'timeout', partial: keep(), received }),
        limits.idleTimeoutMs,
      );
      timer.unref();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) {
        finish({ ok: false, reason: 'too_large', partial: keep(), received });
        return;
      }
      chunks.push(chunk);
      armTimer();
    };
    const onEnd = () => {
      if (settled) return;
      ending = true;
      if (timer) clearTimeout(timer);
      void joinInSlices(chunks, received).then((body) => finish({ ok: true, body }));
    };
    const onAborted = () => finish({ ok: false, reason: 'aborted', partial: keep(), received });
    const onClose = () => {
      if (!req.complete) onAborted();
    };

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
    req.on('close', onClose);
    armTimer();
  });
}
