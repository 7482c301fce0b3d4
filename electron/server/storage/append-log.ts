// Append-only writer for the data file. Appends made while the event loop works through
// one batch of I/O (many requests arriving together) are coalesced into a single write at
// the end of that batch. The write is synchronous: for a local file it is a few
// microseconds, cheaper than a round trip through the thread pool, and a promise resolves
// only once its bytes are in the kernel, so an acknowledged hit survives the process being
// killed (kill -9, a crash). `close` also fsyncs, so a clean shutdown survives a power cut.
// A flush of megabytes (a line of a 16 MB body) is written a megabyte per turn: in one call
// the kernel held the event loop 40-150 ms. Its appends resolve once the last piece is
// written, and appends made meanwhile wait for the next flush, so no line interleaves; a kill
// between pieces leaves a cut last line that was never acknowledged (cut off at the next
// start, data-file.ts).
// A write the disk refuses (full, I/O error) rejects its appends, so their requests are
// answered with an error rather than acknowledged; the next append tries the disk again.
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  writeSync,
} from 'node:fs';
import { FILE_MODE } from './data-dir';
import { appendAll } from './json-in-slices';

/** Where an appended text starts in the file, and its length there in bytes. */
export type Appended = { offset: number; bytes: number };

type Waiter = { resolve: (appended: Appended) => void; reject: (error: Error) => void };

/** A flush being written, possibly over several turns. */
interface Flush {
  buffers: Buffer[];
  sizes: number[];
  waiters: Waiter[];
  /** Where its first line starts in the file. */
  start: number;
  /** The buffer being written, and how much of it is written. */
  next: number;
  done: number;
  /** Bytes written so far. */
  written: number;
}

/** Lines as text, or already encoded (a large line built in slices, encode-line.ts). */
type Part = string | readonly Buffer[];

/** The most bytes UTF-8 needs for one UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;
/** Size of the buffer kept for encoding the text of one flush (larger flushes get their own). */
const SCRATCH_BYTES = 256 * 1024;
/** Most bytes written in one turn of the event loop. */
const BYTES_PER_TURN = 1024 * 1024;

export class AppendLog {
  private parts: Part[] = [];
  private waiters: Waiter[] = [];
  /** Reused by every flush: the lines of one flush are encoded into it, written, forgotten. */
  private scratch: Buffer | null = null;
  private scheduled = false;
  private closed = false;
  /** The flush being written a piece per turn. */
  private writing: Flush | null = null;

  /** Bytes of complete lines in the file: a failed write is cut back to this. */
  private size: number;
  /** A failed write left bytes that could not be cut: the next write starts a new line. */
  private partialLine = false;

  private constructor(
    private fd: number,
    readonly path: string,
  ) {
    this.size = fstatSync(fd).size;
  }

  static async open(path: string): Promise<AppendLog> {
    const fd = openSync(path, 'a', FILE_MODE);
    // A file from an older version may be readable by others: it holds captured cookies.
    fchmodSync(fd, FILE_MODE);
    return new AppendLog(fd, path);
  }

  /**
   * Appends `text` (complete lines, as text or as encoded pieces); resolves, once written,
   * with where it starts in the file and its length in bytes (counted as it is encoded).
   */
  append(text: Part): Promise<Appended> {
    if (this.closed) return Promise.reject(new Error('The data file is closed.'));
    return new Promise((resolve, reject) => {
      this.parts.push(text);
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writing ??= this.begin();
      if (this.writing) this.advance(this.writing, BYTES_PER_TURN);
      if (this.writing || this.parts.length > 0) this.schedule();
    });
  }

  /** Empties the file after every append made before it. */
  async truncate(): Promise<void> {
    if (this.closed) throw new Error('The data file is closed.');
    this.flush();
    ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  /** Bytes in the file once every append made so far is written. */
  flushedSize(): number {
    this.flush();
    return this.size;
  }

  /**
   * Replaces the file: every append made before is written first, then `swap` (synchronous,
   * so no append can land in between) puts the new file in place and the log goes on
   * appending to it.
   */
  replace(swap: (writtenBytes: number) => void): void {
    if (this.closed) throw new Error('The data file is closed.');
    this.flush();
    swap(this.size);
    const fd = openSync(this.path, 'a', FILE_MODE);
    fchmodSync(fd, FILE_MODE);
    closeSync(this.fd);
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.partialLine = false;
  }

  /** Writes what is pending, syncs to disk and closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      fsyncSync(this.fd);
    } catch {
      // Every acknowledged line is already in the kernel; a failing disk must not stop the exit.
    } finally {
      closeSync(this.fd);
    }
  }

  /** Writes everything appended so far, now (for callers that cannot wait). */
  private flush(): void {
    if (this.writing) this.advance(this.writing, Infinity);
    const rest = this.begin();
    if (rest) this.advance(rest, Infinity);
  }

  /** Takes what is appended so far as the next flush (null when nothing is). */
  private begin(): Flush | null {
    if (this.parts.length === 0) return null;
    const start = this.size + (this.partialLine ? 1 : 0);
    const { buffers, sizes } = this.encode(this.parts, this.partialLine);
    const flush = { buffers, sizes, waiters: this.waiters, start, next: 0, done: 0, written: 0 };
    this.parts = [];
    this.waiters = [];
    return flush;
  }

  /**
   * Writes up to `budget` bytes more of `flush`; once it is all written its appends are told
   * where their lines are, and a failed write rejects them all.
   */
  private advance(flush: Flush, budget: number): void {
    this.writing = flush;
    try {
      for (let left = budget; flush.next < flush.buffers.length && left > 0;) {
        const buffer = flush.buffers[flush.next] as Buffer;
        if (flush.done < buffer.length) {
          const length = Math.min(buffer.length - flush.done, left);
          const n = writeSync(this.fd, buffer, flush.done, length);
          // A disk that takes nothing without an error would loop here for ever.
          if (n <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          flush.done += n;
          flush.written += n;
          left -= n;
        }
        if (flush.done === buffer.length) {
          flush.next++;
          flush.done = 0;
        }
      }
    } catch (error) {
      this.writing = null;
      this.dropPartial(flush.written);
      for (const waiter of flush.waiters) waiter.reject(error as Error);
      return;
    }
    if (flush.next < flush.buffers.length) return;
    this.writing = null;
    this.size += flush.written;
    this.partialLine = false;
    let offset = flush.start;
    for (let i = 0; i < flush.waiters.length; i++) {
      const bytes = flush.sizes[i] as number;
      (flush.waiters[i] as Waiter).resolve({ offset, bytes });
      offset += bytes;
    }
  }

  /**
   * What one flush writes, and the bytes of each part: the text lines encoded one after
   * another into one buffer (the common case: many small lines; no joined string, no second
   * pass to count bytes), encoded pieces as they are, so a large line is never copied.
   */
  private encode(
    parts: readonly Part[],
    newLineFirst: boolean,
  ): { buffers: Buffer[]; sizes: number[] } {
    let room = newLineFirst ? 1 : 0;
    for (const part of parts)
      if (typeof part === 'string') room += part.length * MAX_BYTES_PER_CHAR;
    let run: Buffer;
    if (room > SCRATCH_BYTES) run = Buffer.allocUnsafe(room);
    else run = this.scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
    const buffers: Buffer[] = [];
    const sizes: number[] = [];
    let at = 0;
    let runStart = 0;
    if (newLineFirst) run[at++] = 0x0a;
    for (const part of parts) {
      if (typeof part === 'string') {
        const bytes = run.write(part, at, 'utf8');
        at += bytes;
        sizes.push(bytes);
        continue;
      }
      if (at > runStart) buffers.push(run.subarray(runStart, at));
      runStart = at;
      appendAll(buffers, part);
      sizes.push(part.reduce((n, piece) => n + piece.length, 0));
    }
    if (at > runStart) buffers.push(run.subarray(runStart, at));
    return { buffers, sizes };
  }

  /**
   * Removes the bytes of a write that failed halfway, so the next append starts clean. Only
   * when the file is exactly what this writer made of it (the data directory is locked, but a
   * size computed by one writer must never cut another's lines); otherwise the next write
   * starts a new line and the loader sets the broken one aside.
   */
  private dropPartial(written: number): void {
    if (written === 0) return;
    let size = this.size + written;
    try {
      size = fstatSync(this.fd).size;
      if (size === this.size + written) {
        ftruncateSync(this.fd, this.size);
        return;
      }
    } catch {
      // Fall through: keep the bytes, start the next write on a new line.
    }
    this.size = size;
    this.partialLine = true;
  }
}
