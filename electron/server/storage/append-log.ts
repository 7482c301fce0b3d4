// Append-only writer for the data file. Concurrent appends are coalesced: while one write
// is in flight, new lines queue up and go out together in the next single write, so a busy
// endpoint makes few system calls. A promise resolves once its bytes are in the kernel
// (write() returned): they then survive the process being killed (kill -9, a crash); `close`
// also fsyncs so a clean shutdown survives a power cut.
import { open, type FileHandle } from 'node:fs/promises';

type Waiter = { resolve: () => void; reject: (error: Error) => void };
type Op =
  { kind: 'write'; parts: string[]; waiters: Waiter[] } | { kind: 'truncate'; waiter: Waiter };

export class AppendLog {
  private readonly queue: Op[] = [];
  private running = false;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<AppendLog> {
    return new AppendLog(await open(path, 'a'), path);
  }

  /** Appends `text` (complete lines); resolves when written. */
  append(text: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The data file is closed.'));
    return new Promise((resolve, reject) => {
      const last = this.queue[this.queue.length - 1];
      if (last?.kind === 'write') {
        last.parts.push(text);
        last.waiters.push({ resolve, reject });
      } else {
        this.queue.push({ kind: 'write', parts: [text], waiters: [{ resolve, reject }] });
      }
      this.pump();
    });
  }

  /** Empties the file after every write queued before it. */
  truncate(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The data file is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ kind: 'truncate', waiter: { resolve, reject } });
      this.pump();
    });
  }

  /** Finishes queued writes, syncs to disk and closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  private drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return this.append('').catch(() => undefined);
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    for (let op = this.queue.shift(); op; op = this.queue.shift()) {
      if (op.kind === 'truncate') {
        try {
          await this.handle.truncate(0);
          op.waiter.resolve();
        } catch (error) {
          op.waiter.reject(error as Error);
        }
        continue;
      }
      try {
        await this.writeAll(Buffer.from(op.parts.join(''), 'utf8'));
        for (const waiter of op.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of op.waiters) waiter.reject(error as Error);
      }
    }
    this.running = false;
  }

  private async writeAll(buffer: Buffer): Promise<void> {
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset);
      offset += bytesWritten;
    }
  }
}
