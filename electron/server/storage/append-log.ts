// Append-only writer for the data file. Appends made while the event loop works through
// one batch of I/O (many requests arriving together) are coalesced into a single write at
// the end of that batch. The write is synchronous: for a local file it is a few
// microseconds, cheaper than a round trip through the thread pool, and a promise resolves
// only once its bytes are in the kernel, so an acknowledged hit survives the process being
// killed (kill -9, a crash). `close` also fsyncs, so a clean shutdown survives a power cut.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';

type Waiter = { resolve: () => void; reject: (error: Error) => void };

export class AppendLog {
  private parts: string[] = [];
  private waiters: Waiter[] = [];
  private scheduled = false;
  private closed = false;

  /** Bytes of complete lines in the file: a failed write is cut back to this. */
  private size: number;

  private constructor(
    private readonly fd: number,
    readonly path: string,
  ) {
    this.size = fstatSync(fd).size;
  }

  static async open(path: string): Promise<AppendLog> {
    return new AppendLog(openSync(path, 'a'), path);
  }

  /** Appends `text` (complete lines); resolves when written. */
  append(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The data file is closed.'));
    return new Promise((resolve, reject) => {
      this.parts.push(text);
      this.waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Empties the file after every append made before it. */
  async truncate(): Promise<void> {
    if (this.closed) throw new Error('The data file is closed.');
    this.flush();
    ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  /** Writes what is pending, syncs to disk and closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.parts.length === 0) return;
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    const waiters = this.waiters;
    this.parts = [];
    this.waiters = [];
    try {
      const buffer = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < buffer.length) {
        offset += writeSync(this.fd, buffer, offset, buffer.length - offset);
      }
      this.size += buffer.length;
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      // Disk full or gone: drop the half-written lines so the next append starts clean.
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // Nothing more can be done; the loader skips a broken line.
      }
      for (const waiter of waiters) waiter.reject(error as Error);
    }
  }
}
