// The hit lines of an NDJSON export grouped by requestId, as the first reading of the file
// finds them: each group keeps only where its lines are, their bulk indexes and the request's
// time, never the lines' parsed objects. Keeping every parsed line until the whole file was
// read filled the young generation with objects that all lived on, and each scavenge then
// copied all of them (turns of 100 ms and more in a file of 50,000 hits).
import type { Transport } from '../../../shared/matomo/types';
import { quote } from './import-item';

/** What grouping needs of one hit line (read from it, then the line is let go). */
export interface HitKey {
  line: number;
  /** Where the line starts in the file's text. */
  start: number;
  requestId: string;
  index: number;
  transport: Transport;
  /** Its time in epoch milliseconds; Infinity when it has none that can be read. */
  time: number;
}

/** A group's hits after its first one (bulk requests only: a single request has one hit). */
interface LaterHits {
  lines: number[];
  starts: number[];
  /** Bulk index → line, for the repeated index check. */
  lineOfIndex: Map<number, number>;
}

/** Groups in first appearance order, numbered from 0; the arrays are indexed by group. */
export class HitGroups {
  private readonly numbers = new Map<string, number>();
  private readonly transports: Transport[] = [];
  private readonly firstLines: number[] = [];
  private readonly firstStarts: number[] = [];
  private readonly firstIndexes: number[] = [];
  private readonly later = new Map<number, LaterHits>();
  /** The lowest bulk index of each group, whose hit's time is the request's. */
  private readonly lowestIndexes: number[] = [];
  /** The request's time (as HitKey.time) of each group. */
  readonly times: number[] = [];

  get count(): number {
    return this.transports.length;
  }

  /** Adds a hit to its request's group; a duplicate is not added, and why is returned. */
  add(hit: HitKey): string | null {
    const group = this.numbers.get(hit.requestId);
    if (group === undefined) {
      this.numbers.set(hit.requestId, this.count);
      this.transports.push(hit.transport);
      this.firstLines.push(hit.line);
      this.firstStarts.push(hit.start);
      this.firstIndexes.push(hit.index);
      this.lowestIndexes.push(hit.index);
      this.times.push(hit.time);
      return null;
    }
    const transport = this.transports[group]!;
    const firstLine = this.firstLines[group]!;
    if (transport !== hit.transport) {
      return `its request ${quote(hit.requestId)} is ${transport} on line ${firstLine} but ${hit.transport} here`;
    }
    if (hit.transport !== 'bulk') {
      return `it repeats the ${hit.transport} request ${quote(hit.requestId)} of line ${firstLine} (a single request carries one hit)`;
    }
    const twin = this.lineWithIndex(group, hit.index);
    if (twin !== undefined) {
      return `it repeats hit ${hit.index} of bulk request ${quote(hit.requestId)} (line ${twin})`;
    }
    let later = this.later.get(group);
    if (!later) this.later.set(group, (later = { lines: [], starts: [], lineOfIndex: new Map() }));
    later.lines.push(hit.line);
    later.starts.push(hit.start);
    later.lineOfIndex.set(hit.index, hit.line);
    if (hit.index < this.lowestIndexes[group]!) {
      this.lowestIndexes[group] = hit.index;
      this.times[group] = hit.time;
    }
    return null;
  }

  /** The lines of a group's hits and where they start, in file order. */
  linesOf(group: number): { lines: number[]; starts: number[] } {
    const later = this.later.get(group);
    return {
      lines: [this.firstLines[group]!, ...(later?.lines ?? [])],
      starts: [this.firstStarts[group]!, ...(later?.starts ?? [])],
    };
  }

  private lineWithIndex(group: number, index: number): number | undefined {
    if (this.firstIndexes[group] === index) return this.firstLines[group];
    return this.later.get(group)?.lineOfIndex.get(index);
  }
}
