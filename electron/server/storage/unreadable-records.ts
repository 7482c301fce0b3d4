// Lines of the data file that could not be read back are copied, with their line numbers,
// into a side file next to it, so one damaged record neither stops the load nor silently
// hides: the copy is there to inspect or repair, and the line itself stays in the data file.
// The side file is rewritten at each load (it lists what the data file holds now); before a
// reset empties the data file, the side file is renamed so no later load overwrites it.
import { closeSync, existsSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_MODE } from './data-dir';

export const UNREADABLE_FILE_NAME = 'hits.unreadable.txt';

export class UnreadableRecords {
  private fd: number | null = null;
  private records = 0;
  private readonly file: string;
  private readonly temp: string;

  constructor(
    dataDir: string,
    private readonly dataFile: string,
  ) {
    this.file = join(dataDir, UNREADABLE_FILE_NAME);
    this.temp = `${this.file}.${process.pid}.tmp`;
  }

  /** A line that is not a data record (damaged, or written by something else). */
  add(number: number, text: string, reason: string): void {
    this.records++;
    this.write(`# line ${number} of ${this.dataFile}: ${reason}\n`);
    this.write(`${text}\n`);
  }

  /** A line past the length cap: its first bytes are copied; the line stays in the data file. */
  addOverlong(number: number, head: Buffer, bytes: number, offset: number): void {
    this.records++;
    this.write(
      `# line ${number} of ${this.dataFile} (from byte ${offset}): ${bytes} bytes, too long ` +
        `to read back; its first ${head.length} bytes follow, the whole line stays in the data file\n`,
    );
    this.write(head);
    this.write('\n');
  }

  /** Closes the side file; returns what was set aside, or null when every line was read. */
  finish(): { records: number; file: string } | null {
    if (this.fd === null) return null;
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temp, this.file);
    return { records: this.records, file: this.file };
  }

  private write(data: string | Buffer): void {
    if (this.fd === null) this.fd = openSync(this.temp, 'w', FILE_MODE);
    writeFileSync(this.fd, data);
  }
}

/** Renames the side file with the time, so the copies outlive the lines a reset removes. */
export function setAsideBeforeReset(file: string): void {
  if (!existsSync(file)) return;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  renameSync(file, file.replace(/\.txt$/, `-${stamp}.txt`));
}
