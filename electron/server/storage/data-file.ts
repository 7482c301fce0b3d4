// Reading the NDJSON data file back. A kill during a write can leave the last line cut: it
// was never acknowledged, and is moved into a side file (never just deleted) so it cannot
// glue onto the next append; a complete last record that only lacks its newline is kept.
// Lines are then streamed one at a time with a length cap, so one damaged or huge line
// neither stops the load nor needs unbounded memory: the caller sets it aside and goes on.
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { FILE_MODE } from './data-dir';

const NEWLINE = 0x0a;

/** Longest line read back; a longer one is set aside (records at the default limits are far smaller). */
export const MAX_LINE_BYTES = 128 * 1024 * 1024;
/** How much of an over-long line is copied into the side file (the line stays in the data file). */
export const OVERLONG_COPY_BYTES = 1024 * 1024;

export interface TailRepair {
  /** A complete record without its final newline was kept (the newline added). */
  keptRecord: boolean;
  /** Bytes of a cut record moved from the end of the data file into the torn file. */
  tornBytes: number;
}

/** Offset just after the last newline of the file (0 when it has none). */
async function afterLastNewline(handle: FileHandle, size: number): Promise<number> {
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024));
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    await handle.read(chunk, 0, length, start);
    const at = chunk.subarray(0, length).lastIndexOf(NEWLINE);
    if (at >= 0) return start + at + 1;
    end = start;
  }
  return 0;
}

/** Appends bytes [start, end) of `handle` to `side` after a header line, and syncs it. */
async function copyToSide(
  handle: FileHandle,
  start: number,
  end: number,
  side: string,
  header: string,
): Promise<void> {
  const out = await open(side, 'a', FILE_MODE);
  try {
    await out.write(`${header}\n`);
    const chunk = Buffer.alloc(Math.min(end - start, 1024 * 1024));
    for (let at = start; at < end;) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, end - at), at);
      if (bytesRead === 0) break;
      await out.write(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
    await out.write('\n');
    await out.sync();
  } finally {
    await out.close();
  }
}

/**
 * Makes the file end with a newline: a last record that is complete (`isRecord`) gets its
 * newline; anything else after the last newline (a write cut by a kill) is copied into
 * `tornFile`, then cut from the data file.
 */
export async function repairTail(
  path: string,
  isRecord: (text: string) => boolean,
  tornFile: string,
): Promise<TailRepair> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { keptRecord: false, tornBytes: 0 };
  }
  if (size === 0) return { keptRecord: false, tornBytes: 0 };
  const handle = await open(path, 'r+');
  try {
    const keep = await afterLastNewline(handle, size);
    const tail = size - keep;
    if (tail === 0) return { keptRecord: false, tornBytes: 0 };
    if (tail <= MAX_LINE_BYTES) {
      const bytes = Buffer.alloc(tail);
      await handle.read(bytes, 0, tail, keep);
      if (isRecord(bytes.toString('utf8'))) {
        await handle.write('\n', size);
        await handle.sync();
        return { keptRecord: true, tornBytes: 0 };
      }
    }
    const header =
      `# ${new Date().toISOString()}: ${tail} bytes cut from the end of ${path} ` +
      `(from byte ${keep}), a record whose write was interrupted:`;
    await copyToSide(handle, keep, size, tornFile, header);
    await handle.truncate(keep);
    return { keptRecord: false, tornBytes: tail };
  } finally {
    await handle.close();
  }
}

export interface LineSink {
  /**
   * A complete line, as bytes: a bulk line of 16 MB turned into text in one go held the server,
   * so the reader decodes only what it needs (decode-line.ts). `number` counts from 1 over every
   * line of the file. Awaited when async.
   */
  line(bytes: Buffer, number: number): unknown;
  /** A line over the length cap: its first bytes, its length, and where it starts. */
  overlong(number: number, head: Buffer, bytes: number, offset: number): void;
  /** Awaited after each chunk: lets a long read give the event loop back. */
  pause?(): Promise<void>;
  /** Asked after each chunk: true ends the read there (its reader is closing). */
  stopped?(): boolean;
}

/**
 * A line longer than this is not gathered from the stream's chunks: joining megabytes of
 * pieces took one turn of 50–100 ms (a fresh buffer's pages faulted in, then the copy), so
 * once the newline is found the line is read at its offset in one async read, which fills the
 * buffer off the event loop.
 */
const GATHERED_LINE_BYTES = 1024 * 1024;

/** Bytes [start, start + length) of the file, read off the event loop. */
async function readAt(handle: FileHandle, start: number, length: number): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(length);
  for (let at = 0; at < length;) {
    const { bytesRead } = await handle.read(bytes, at, length - at, start + at);
    if (bytesRead === 0) throw new Error(`the data file ended inside the line at byte ${start}`);
    at += bytesRead;
  }
  return bytes;
}

/** Calls the sink for each line among the first `limit` bytes of the file (empty lines skipped). */
export async function readLines(
  path: string,
  limit: number,
  sink: LineSink,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<void> {
  if (limit <= 0) return;
  // One handle for the stream and the long lines: both read the same file, even if it is
  // replaced meanwhile.
  const handle = await open(path, 'r');
  // Small chunks: each is handled in one go, and the server answers others between them.
  const stream = createReadStream('', {
    fd: handle,
    autoClose: false,
    start: 0,
    end: limit - 1,
    highWaterMark: 256 * 1024,
  });
  const gatherUpTo = Math.min(GATHERED_LINE_BYTES, maxLineBytes);
  /** The open line's pieces so far, while it is short. */
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** Set while skipping to the end of a long line: its length so far. */
  let long: { bytes: number } | null = null;
  let number = 0;
  let offset = 0;
  let lineStart = 0;
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (;;) {
        const at = data.indexOf(NEWLINE, from);
        const piece = data.subarray(from, at >= 0 ? at : data.length);
        if (long) {
          long.bytes += piece.length;
        } else if (pendingBytes + piece.length > gatherUpTo) {
          long = { bytes: pendingBytes + piece.length };
          pending = [];
          pendingBytes = 0;
        } else if (at >= 0) {
          const bytes = pendingBytes > 0 ? Buffer.concat([...pending, piece]) : piece;
          pending = [];
          pendingBytes = 0;
          number++;
          if (bytes.length > 0) {
            const handled = sink.line(bytes, number);
            if (handled instanceof Promise) await handled;
          }
        } else if (piece.length > 0) {
          pending.push(piece);
          pendingBytes += piece.length;
        }
        if (at < 0) break;
        if (long) {
          number++;
          if (long.bytes > maxLineBytes) {
            const head = await readAt(handle, lineStart, Math.min(long.bytes, OVERLONG_COPY_BYTES));
            sink.overlong(number, head, long.bytes, lineStart);
          } else {
            const handled = sink.line(await readAt(handle, lineStart, long.bytes), number);
            if (handled instanceof Promise) await handled;
          }
          long = null;
        }
        from = at + 1;
        lineStart = offset + from;
      }
      offset += data.length;
      if (sink.pause) await sink.pause();
      if (sink.stopped?.()) return;
    }
  } finally {
    stream.destroy();
    await handle.close();
  }
}
