// Writing a long answer whose length is not known beforehand (an export, a visit's detail):
// its parts, made as they are written, go into chunks of bytes sent with the response's
// backpressure respected and the event loop given back between slices.
import type { ServerResponse } from 'node:http';
import { Slicer } from '../storage/journal-scan';
import { ByteChunks } from './byte-chunks';
import { drained } from './reply';

/** A part that writes itself into the chunks (a hit's JSON, json-into-chunks.ts). */
export type WritePart = (out: ByteChunks) => void;

/**
 * Writes the parts through one chunk of bytes at a time: each text is encoded straight into
 * the chunk, with no string of 64 KiB joined first and measured again by the response (a
 * string written to a chunked response is measured for its chunk size, then encoded).
 */
export async function writeParts(
  res: ServerResponse,
  parts: AsyncIterable<string | Buffer | WritePart>,
): Promise<void> {
  const out = new ByteChunks();
  const slicer = new Slicer();
  for await (const part of parts) {
    await slicer.tick();
    if (res.destroyed) return;
    if (typeof part === 'string') out.text(part);
    else if (typeof part === 'function') part(out);
    else out.bytes(part);
    for (const chunk of out.take()) {
      if (res.destroyed) return;
      if (!res.write(chunk, () => out.recycle(chunk))) await drained(res);
    }
  }
  if (res.destroyed) return;
  // Written even when empty, not passed to end(): every answer written so is chunked, never
  // with a Content-Length, so the headers of a GET are known before its body and a HEAD
  // repeats them.
  for (const chunk of out.rest()) res.write(chunk);
  res.end();
}
