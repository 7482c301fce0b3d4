// Rewriting the data file without some records (the hits of a deleted run): the records to
// keep are copied, byte for byte, into a new file that then replaces the data file in one
// rename, so a crash at any point leaves either the old file or the new one, never a mix.
// The bulk of the copy runs asynchronously while tracking goes on; what was appended
// meanwhile is copied in the last, synchronous step, so no acknowledged record is lost.
import { closeSync, fsyncSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { FILE_MODE } from './data-dir';
import type { AppendLog } from './append-log';

const NEWLINE = 0x0a;
/** Lines longer than this are copied without being looked at (kept). */
const MAX_INSPECTED_BYTES = 32 * 1024 * 1024;

/** Splits bytes into lines; the caller decides for each complete line. */
class LineFilter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private passThrough = false;
  /** Bytes given to lines() before the current chunk. */
  private read = 0;
  /** Where in the file the line last yielded starts. */
  lineStart = 0;
  readonly out: Buffer[] = [];

  /**
   * The complete lines of `data` (with their newline) that need a decision, in order; the
   * caller keeps each (`keep`) or not before taking the next. Lines too long to look at are
   * kept without being yielded.
   */
  *lines(data: Buffer): Generator<Buffer> {
    let from = 0;
    for (;;) {
      const at = data.indexOf(NEWLINE, from);
      const piece = data.subarray(from, at >= 0 ? at + 1 : data.length);
      if (this.passThrough) {
        this.out.push(Buffer.from(piece));
      } else if (this.pendingBytes + piece.length > MAX_INSPECTED_BYTES) {
        this.out.push(...this.pending, Buffer.from(piece));
        this.pending = [];
        this.pendingBytes = 0;
        this.passThrough = true;
      } else if (at >= 0) {
        const line = Buffer.concat([...this.pending, piece]);
        this.pending = [];
        this.pendingBytes = 0;
        this.lineStart = this.read + at + 1 - line.length;
        yield line;
      } else if (piece.length > 0) {
        this.pending.push(Buffer.from(piece));
        this.pendingBytes += piece.length;
      }
      if (at < 0) break;
      this.passThrough = false;
      from = at + 1;
    }
    this.read += data.length;
  }

  keep(line: Buffer): void {
    this.out.push(line);
  }

  /** What is left without a final newline is kept as it is. */
  end(): void {
    this.out.push(...this.pending);
    this.pending = [];
  }

  take(): Buffer {
    const all = Buffer.concat(this.out);
    this.out.length = 0;
    return all;
  }
}

/** The bytes of a line without its newline. */
const withoutNewline = (line: Buffer) => line.subarray(0, line.length - 1);

/** Which lines go; `offset` is where the line starts in the file as it was. */
export interface LineSelector {
  /**
   * Whether the line (its bytes) goes, free to give the event loop turns while it reads a long
   * line (a bulk's line reaches 16 MB and more): used for the bulk of the copy.
   */
  inSlices(bytes: Buffer, offset: number): Promise<boolean>;
  /** The same decision at once: lines appended while the copy ends, in its last, synchronous step. */
  now(text: string, offset: number): boolean;
}

/** Rewrites `log`'s file without the lines `select` picks. Resolves with the number dropped. */
export async function dropLines(log: AppendLog, select: LineSelector): Promise<number> {
  const path = log.path;
  const temp = `${path}.rewrite`;
  const copied = log.flushedSize();
  const filter = new LineFilter();
  let dropped = 0;
  const out = await open(temp, 'w', FILE_MODE);
  try {
    if (copied > 0) {
      const stream = createReadStream(path, { start: 0, end: copied - 1, highWaterMark: 1 << 20 });
      for await (const data of stream as AsyncIterable<Buffer>) {
        for (const line of filter.lines(data)) {
          if (await select.inSlices(withoutNewline(line), filter.lineStart)) dropped++;
          else filter.keep(line);
        }
        await out.write(filter.take());
      }
    }
    await out.sync();
  } finally {
    await out.close();
  }
  log.replace((written) => {
    // Synchronous from here: appends made during the copy are in [copied, written).
    const fd = openSync(temp, 'a', FILE_MODE);
    try {
      const source = openSync(path, 'r');
      try {
        const chunk = Buffer.alloc(1 << 20);
        for (let at = copied; at < written;) {
          const n = readSync(source, chunk, 0, Math.min(chunk.length, written - at), at);
          if (n === 0) break;
          for (const line of filter.lines(chunk.subarray(0, n))) {
            if (select.now(withoutNewline(line).toString('utf8'), filter.lineStart)) dropped++;
            else filter.keep(line);
          }
          writeSync(fd, filter.take());
          at += n;
        }
      } finally {
        closeSync(source);
      }
      filter.end();
      writeSync(fd, filter.take());
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  });
  return dropped;
}
