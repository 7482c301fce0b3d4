// Writing a long answer whose length is not known beforehand (an export, a visit's detail):
// its parts, made as they are written, go into chunks of bytes sent with the response's
// backpressure respected and the event loop given back between slices.
import type { ServerResponse } from 'node:http';
import { Slicer } from '../storage/journal-scan';
import { drained } from './reply';

const CHUNK_BYTES = 64 * 1024;

/**
 * Writes the parts through one chunk of bytes at a time: each text is encoded straight into
 * the chunk, with no string of 64 KiB joined first and measured again by the response (a
 * string written to a chunked response is measured for its chunk size, then encoded).
 */
export async function writeParts(
  res: ServerResponse,
  parts: AsyncIterable<string | Buffer>,
): Promise<void> {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = async () => {
    if (used === 0 || res.destroyed) return;
    // The response keeps the chunk until it is sent: the next parts go into a new one.
    const ok = res.write(chunk.subarray(0, used));
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    if (!ok) await drained(res);
  };
  const slicer = new Slicer();
  for await (const part of parts) {
    await slicer.tick();
    if (res.destroyed) return;
    // A UTF-16 unit takes at most 3 bytes in UTF-8: a part that may not fit starts a chunk.
    const most = typeof part === 'string' ? part.length * 3 : part.length;
    if (used + most > CHUNK_BYTES) await flush();
    if (most > CHUNK_BYTES) {
      if (res.destroyed) return;
      if (!res.write(typeof part === 'string' ? Buffer.from(part, 'utf8') : part)) {
        await drained(res);
      }
    } else if (typeof part === 'string') used += chunk.write(part, used, 'utf8');
    else used += part.copy(chunk, used);
  }
  if (res.destroyed) return;
  // Written even when empty, not passed to end(): every answer written so is chunked, never
  // with a Content-Length, so the headers of a GET are known before its body and a HEAD
  // repeats them.
  res.write(chunk.subarray(0, used));
  res.end();
}
