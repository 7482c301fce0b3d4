// Where a page of hits ends, kept in the cursor of the next page so that page goes on from
// there even when the hit that ended it is gone. A hit's place is its arrival position;
// deleting a run rewrites the data file and numbers the remaining hits again, and clearing
// starts the numbering over. Each such change notes the positions it took out, and a cursor
// given before it has its place carried over: the hits older than the cursor that are left,
// and only those, stay older than it.

/** Joins a cursor's hit id, place and the changes it was given after (no hit id has one). */
const MARK = '~';

/** What a cursor stands for. */
export interface CursorPlace {
  hitId: string;
  /**
   * The position the cursor's hit has now, or would have had it stayed; null when the cursor
   * is a bare hit id, or was given by an earlier start of the server (whose changes are not
   * known here): the hit is then looked up by its id.
   */
  place: number | null;
}

/** The hit a cursor names (a bare hit id names itself). */
export function cursorHitId(cursor: string): string {
  const parts = cursor.split(MARK);
  return parts.length === 3 ? (parts[0] as string) : cursor;
}

export class HitPlaces {
  /** Tells the cursors of this start of the server from those of an earlier one. */
  private readonly era = Date.now().toString(36);
  /** The positions each change took out: ascending [start, end) pairs, flat. */
  private readonly changes: number[][] = [];

  /** How many changes were made so far: a walk notes it when it starts. */
  get changeCount(): number {
    return this.changes.length;
  }

  /**
   * The cursor of the page after the hit `hitId` at arrival position `position`, as the
   * positions were after `given` changes (those of a walk that started then).
   */
  cursor(hitId: string, position: number, given = this.changes.length): string {
    return `${hitId}${MARK}${position}${MARK}${this.era}.${given}`;
  }

  read(cursor: string): CursorPlace {
    const parts = cursor.split(MARK);
    if (parts.length !== 3) return { hitId: cursor, place: null };
    const [hitId, position, stamp] = parts as [string, string, string];
    if (stamp === '') return { hitId, place: null };
    const dot = stamp.lastIndexOf('.');
    const given = Number(stamp.slice(dot + 1));
    const place = Number(position);
    const known =
      dot > 0 &&
      stamp.slice(0, dot) === this.era &&
      Number.isInteger(given) &&
      given >= 0 &&
      given <= this.changes.length &&
      Number.isInteger(place) &&
      place >= 0;
    return { hitId, place: known ? this.carried(place, given) : null };
  }

  /** Hits at these positions were taken out (ascending [start, end) pairs, flat). */
  removed(ranges: number[]): void {
    this.changes.push(ranges);
  }

  /** Every hit was taken out; there were `count`. */
  cleared(count: number): void {
    this.changes.push([0, count]);
  }

  /** `place` as it was after `given` changes, carried over those made since. */
  private carried(place: number, given: number): number {
    let at = place;
    for (let i = given; i < this.changes.length; i++) {
      const ranges = this.changes[i] as number[];
      let below = 0;
      for (let r = 0; r < ranges.length && (ranges[r] as number) < at; r += 2) {
        below += Math.min(ranges[r + 1] as number, at) - (ranges[r] as number);
      }
      at -= below;
    }
    return at;
  }
}
