// Reading the data file in ways that keep the server answering: a quick first pass that
// only finds where lines start (and which lines carry a recorded order, so the
// duplicate-order check can work before the full load), and reads of line ranges for
// searches and exports. Long loops give the event loop back every few milliseconds.
import { open, type FileHandle } from 'node:fs/promises';
import { readSync } from 'node:fs';

const NEWLINE = 0x0a;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Bytes of a line read to find its request id. */
const HEAD_BYTES = 128;
/** How a hit line names its recorded order (a key, so never inside an escaped string). */
const ORDER_MARK = Buffer.from('"order":"');

/** Time a loop may hold the event loop before it yields. */
export const SLICE_MS = 8;

/** A turn of the event loop for everything waiting (a tracking request, a timer). */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Tells a long loop when to give the event loop back (every SLICE_MS). */
export class Slicer {
  private since = performance.now();
  /** Yields when the current slice is used up. */
  async tick(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await yieldToLoop();
    this.since = performance.now();
  }

  /**
   * tick's promise when the slice is used up, else undefined: a loop of thousands of short
   * steps (the hits of a bulk's line) then makes and awaits no promise per step, which was
   * some 5 MB of garbage for the collector per bulk of 10,000 hits.
   */
  tickIfDue(): Promise<void> | undefined {
    return performance.now() - this.since < SLICE_MS ? undefined : this.tick();
  }
}

export interface LineStart {
  offset: number;
  /** Bytes without the newline. */
  length: number;
  /** The first bytes of the line (enough for its request id). */
  head: string;
  /** The line holds the order mark: parse it to learn its recorded orders. */
  hasOrder: boolean;
}

/**
 * Every line from byte `start` (a line start) up to byte `limit` of the file, in order (empty
 * ones too).
 */
export async function scanLineStarts(
  handle: FileHandle,
  limit: number,
  onLine: (line: LineStart) => void,
  start = 0,
): Promise<void> {
  const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(limit - start, 1)));
  let lineStart = start;
  let head = '';
  let hasOrder = false;
  /** The end of the previous chunk, for an order mark cut in two. */
  let carry = Buffer.alloc(0);
  const slicer = new Slicer();
  for (let at = start; at < limit;) {
    const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, limit - at), at);
    if (bytesRead === 0) break;
    const data = chunk.subarray(0, bytesRead);
    let from = 0;
    for (;;) {
      const end = data.indexOf(NEWLINE, from);
      const stop = end < 0 ? data.length : end;
      if (head.length < HEAD_BYTES && stop > from) {
        head += data.toString('utf8', from, Math.min(stop, from + HEAD_BYTES));
      }
      if (!hasOrder) {
        const joined = from === 0 && carry.length > 0;
        hasOrder =
          data.subarray(from, stop).includes(ORDER_MARK) ||
          (joined &&
            Buffer.concat([carry, data.subarray(0, Math.min(stop, ORDER_MARK.length))]).includes(
              ORDER_MARK,
            ));
      }
      if (end < 0) break;
      const offset = at + end;
      onLine({ offset: lineStart, length: offset - lineStart, head, hasOrder });
      lineStart = offset + 1;
      head = '';
      hasOrder = false;
      from = end + 1;
    }
    // Only the end of a line still open can continue into the next chunk.
    const tail = Math.max(data.lastIndexOf(NEWLINE) + 1, data.length - ORDER_MARK.length + 1);
    carry = Buffer.from(data.subarray(tail));
    at += bytesRead;
    await slicer.tick();
  }
}

/** Reads bytes [offset, offset + length), off the event loop. */
export async function readRange(
  handle: FileHandle,
  offset: number,
  length: number,
): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** The same, blocking: for one line, when a single hit is opened. */
export function readBytesSync(handle: FileHandle, offset: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(handle.fd, buffer, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/** The same as text. */
export const readRangeSync = (handle: FileHandle, offset: number, length: number): string =>
  readBytesSync(handle, offset, length).toString('utf8');

export const openReader = (path: string): Promise<FileHandle> => open(path, 'r');
