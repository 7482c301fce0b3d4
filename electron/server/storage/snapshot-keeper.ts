// When the index snapshot (index-snapshot.ts) is written: after a load, every few minutes
// while hits arrive, and at a clean shutdown; one write at a time, and never one that a
// reset or a rewrite of the data file made stale. A kill between two writes costs only
// time at the next start: the lines after the last snapshot are scanned.
import type { FileHandle } from 'node:fs/promises';
import { removeSnapshot, writeSnapshot, type IndexSnapshot } from './index-snapshot';
import type { LineKinds } from './line-kinds';

/** How often the snapshot is brought up to date while the server runs. */
export const SNAPSHOT_EVERY_MS = 60_000;

export interface SnapshotSource {
  /** Null while the index is not complete (a load or a re-index under way). */
  current(): Omit<IndexSnapshot, 'kinds'> | null;
  /**
   * The kinds of hits of the first `lines` lines and the bloom of their parameter names, as the
   * index keeps them (the names of hits still without search entries told first, in turns).
   */
  kindsOf(lines: number): Promise<LineKinds>;
  reader(): FileHandle;
}

export class SnapshotKeeper {
  /** Bytes of the data file the saved snapshot covers (-1: none saved). */
  private savedCovered = -1;
  private writing: Promise<void> | null = null;
  /** Bumped when the data file changes in place: a write under way is not renamed. */
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly file: string,
    private readonly source: SnapshotSource,
    private readonly onError: (message: string) => void,
  ) {}

  /** The snapshot read at start covers this many bytes. */
  loaded(covered: number): void {
    this.savedCovered = covered;
  }

  /** Saves every `everyMs` from now on, when anything was added (the timer keeps no process alive). */
  every(everyMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.save(), everyMs);
    this.timer.unref();
  }

  /** Writes the snapshot when the index covers more (or other) bytes than the saved one. */
  save(): Promise<void> {
    // After the write under way, which may have taken the index before the latest lines.
    if (this.writing) return this.writing.then(() => this.save());
    const snapshot = this.source.current();
    if (!snapshot || snapshot.covered === this.savedCovered) return Promise.resolve();
    const generation = this.generation;
    this.writing = this.source
      .kindsOf(snapshot.offsets.length)
      .then((kinds) =>
        writeSnapshot(
          this.file,
          { ...snapshot, kinds },
          this.source.reader(),
          () => generation === this.generation,
        ),
      )
      .then((written) => {
        if (written) this.savedCovered = snapshot.covered;
      })
      .catch((error: Error) => this.onError(error.message))
      .finally(() => (this.writing = null));
    return this.writing;
  }

  /** Before the data file is emptied or rewritten: the saved snapshot no longer applies. */
  async forget(): Promise<void> {
    this.generation++;
    await this.writing;
    removeSnapshot(this.file);
    this.savedCovered = -1;
  }

  /** At a clean shutdown: stops the timer and saves a last time (before the file closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
    await this.save();
  }
}
