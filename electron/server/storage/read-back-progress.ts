// How far the data file has been read back after a start. The summary carries it so the UI
// can say why the table is still filling; listeners hear of it a few times a second, not
// once per line.
export const READ_BACK_ANNOUNCE_MS = 250;

export class ReadBackProgress {
  private bytesRead = 0;
  private lastAnnounced = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly bytes: number,
    private readonly announce: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one more line read (its bytes with the newline). */
  advance(lineBytes: number): void {
    this.bytesRead = Math.min(this.bytes, this.bytesRead + lineBytes);
    const at = this.now();
    if (at - this.lastAnnounced < READ_BACK_ANNOUNCE_MS) return;
    this.lastAnnounced = at;
    this.announce();
  }

  toDto(): { bytesRead: number; bytes: number } {
    return { bytesRead: this.bytesRead, bytes: this.bytes };
  }
}
