// Lines of the data file that could not be read back are copied, with their line numbers,
// into a side file next to it, so one damaged record neither stops the load nor silently
// hides: the copy is there to inspect or repair, and the line itself stays in the data file.
// A bulk's line read back in part (salvage-line.ts) is noted with the hits it lost, the
// pieces it held beyond the hits its request states, and the bytes of both. The side file is
// rewritten at each load (it lists what the data file holds now); before a reset empties the
// data file, the side file is renamed so no later load overwrites it.
import { closeSync, existsSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_MODE } from './data-dir';
import type { Salvage } from './salvage-line';

export const UNREADABLE_FILE_NAME = 'hits.unreadable.txt';

/** Where the data directory `dataDir` keeps what could not be read back. */
export const unreadableFileOf = (dataDir: string): string => join(dataDir, UNREADABLE_FILE_NAME);

/** What a load set aside: whole lines, and hits lost from lines read back in part. */
export interface SetAside {
  records: number;
  /** Lines read back in part that lost hits, and the hits they lost. */
  partial: number;
  lostHits: number;
  /** Hit pieces left out as none of the hits their request states, and the lines holding them. */
  extraPieces: number;
  extraBulks: number;
  file: string;
}

const counted = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The summary's alert text for what was set aside. */
export function setAsideMessage(setAside: SetAside): string {
  const { records, partial, lostHits, extraPieces, extraBulks, file } = setAside;
  const parts: string[] = [];
  if (records > 0) parts.push(counted(records, 'record', 'records'));
  if (partial > 0) {
    parts.push(`${counted(lostHits, 'hit', 'hits')} in ${counted(partial, 'bulk', 'bulks')}`);
  }
  const clauses: string[] = [];
  if (parts.length > 0) {
    const rest = partial > 0 ? ` (${partial === 1 ? 'its' : 'their'} other hits were)` : '';
    clauses.push(`${parts.join(' and ')} of the data file could not be read${rest}`);
  }
  if (extraPieces > 0) {
    const where = clauses.length > 0 ? '' : ' of the data file';
    const verb = extraPieces === 1 ? 'is' : 'are';
    const whose = extraBulks === 1 ? 'its' : 'their';
    clauses.push(
      `${counted(extraPieces, 'hit piece', 'hit pieces')} in ${counted(extraBulks, 'bulk', 'bulks')}` +
        `${where} ${verb} not among the hits ${whose} request states (left out)`,
    );
  }
  return `${clauses.join('; ')}, kept in ${file}`;
}

/** "3, 7-9": the positions of the lost hits (ascending), runs shortened. */
function runsOf(hits: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < hits.length;) {
    let j = i;
    while (j + 1 < hits.length && (hits[j + 1] as number) === (hits[j] as number) + 1) j++;
    runs.push(i === j ? `${hits[i]}` : `${hits[i]}-${hits[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

export class UnreadableRecords {
  private fd: number | null = null;
  private records = 0;
  private partial = 0;
  private lostHits = 0;
  private extraPieces = 0;
  private extraBulks = 0;
  private readonly file: string;
  private readonly temp: string;

  constructor(
    dataDir: string,
    private readonly dataFile: string,
  ) {
    this.file = unreadableFileOf(dataDir);
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

  /**
   * A bulk's line read back in part: which of its hits were lost, then each piece that does
   * not parse and each piece left out as none of its hits, with its bytes; the line stays in
   * the data file. Nothing is noted of a line that lost nothing and held nothing more.
   */
  addPartial(number: number, requestId: string, salvage: Salvage): void {
    const { stated, hits, lost, broken, extra } = salvage;
    if (lost.length === 0 && broken.length === 0 && extra.length === 0) return;
    if (lost.length > 0) this.partial++;
    this.lostHits += lost.length;
    // Every stated hit was read: a piece that does not parse was one more besides them.
    const surplus = extra.length + (lost.length === 0 ? broken.length : 0);
    if (surplus > 0) this.extraBulks++;
    this.extraPieces += surplus;
    const which = lost.length > 0 ? `hits ${runsOf(lost)} of it (ids ${requestId}.<hit>)` : 'none';
    const more = extra.length > 0 ? `; left out: ${counted(extra.length, 'piece', 'pieces')}` : '';
    this.write(
      `# line ${number} of ${this.dataFile}: request ${requestId} states ${stated} hits, ` +
        `${hits.length} read back; lost: ${which}${more}; the whole line stays in the data file\n`,
    );
    const pieces = [
      ...broken.map((piece) => ({ ...piece, why: 'does not parse' })),
      ...extra.map((piece) => ({ ...piece, why: 'is left out' })),
    ].sort((a, b) => a.piece - b.piece);
    for (const piece of pieces) {
      this.write(
        `# hit piece ${piece.piece} (from 0) ${piece.why}: ${piece.reason}; ` +
          `its ${piece.bytes.length} bytes follow\n`,
      );
      this.write(piece.bytes);
      this.write('\n');
    }
  }

  /** Closes the side file; returns what was set aside, or null when every line was read. */
  finish(): SetAside | null {
    if (this.fd === null) return null;
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temp, this.file);
    return {
      records: this.records,
      partial: this.partial,
      lostHits: this.lostHits,
      extraPieces: this.extraPieces,
      extraBulks: this.extraBulks,
      file: this.file,
    };
  }

  /**
   * Drops what was set aside so far, leaving the side file of the last whole read as it was:
   * a read cut short knows nothing of the lines after it.
   */
  abandon(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
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
