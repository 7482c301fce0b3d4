// One visit as the engine keeps it while hits arrive: what Matomo's log_visit row holds
// (visitor, user id, first and last action times, referrer) plus what the timeline and the
// cross-hit checks need. Per hit only its number in the hit table is kept (the table holds
// its id, time and type): the rest is read from the stored hit when a visit is shown.
import type { HitType } from '../matomo/types';
import type { VisitCheckState } from './cross-hit-checks';
import { HitTable } from './hit-table';
import { reasonOf, type StoredReason } from './stored-reason';
import type { VisitBoundaryReason, VisitIdentity, VisitReferrer } from './types';

export class VisitState {
  /**
   * The numbers of the visit's hits in the hit table, in arrival order (small integers: the
   * array holds no pointers). Their ids, times and types are in the table.
   */
  private hits: number[] = [];
  actionCount = 0;
  pageviewCount = 0;
  /** Last action time as Matomo keeps it: the latest non-ping hit (VisitLastActionTime.php 100–117). */
  lastActionTime: number;
  /** Latest hit, pings included: the visit's total time runs to it (VisitTotalTime.php 46–54). */
  endTime: number;
  /** Matomo's visit_first_action_time: the time of the hit that opened the visit. */
  readonly firstActionTime: number;
  /** The earliest hit (a cdt-dated hit may be earlier than the one that opened the visit). */
  earliest: number;
  userId = '';
  /** The first and the last page view by time (their URLs are read from the stored hits). */
  entryHitId: string | undefined;
  /** -1 until there is a page view (an integer keeps the field small). */
  entryTime = -1;
  exitHitId: string | undefined;
  exitTime = -1;
  /** Set when the index forgets the visit (its hits left memory). */
  evicted = false;
  issueCount = 0;
  /**
   * Visitor ids the visit had before the current one (a user id set, a new _id), each once:
   * two ids taking turns on one device changed it at every hit, and a list of each change
   * made the visit's eviction forget the same id thousands of times in one turn.
   */
  formerVisitorIds: Set<string> | null = null;
  /** Reasons on hits inside the visit (a user id set, …), by hit id. */
  private stored: Map<string, StoredReason> | null = null;

  constructor(
    private readonly table: HitTable,
    /** The visit's number in the order visits opened (its hits' table entries name it). */
    readonly serial: number,
    readonly firstHitId: string,
    readonly idsite: number,
    public visitorId: string,
    public identitySource: VisitIdentity['source'],
    readonly configId: string,
    time: number,
    public referrer: VisitReferrer,
    readonly opening: StoredReason,
    readonly checks: VisitCheckState,
  ) {
    this.firstActionTime = time;
    this.earliest = time;
    this.lastActionTime = time;
    this.endTime = time;
  }

  /** The visit id: its first hit's id, prefixed (stable across restarts, as hit ids are). */
  get id(): string {
    return `v-${this.firstHitId}`;
  }

  get hitCount(): number {
    return this.hits.length;
  }

  hitIdAt(i: number): string {
    return this.table.idOf(this.hits[i] as number);
  }

  /** The visit's hit ids in arrival order (a new array). */
  get hitIds(): string[] {
    const ids: string[] = new Array<string>(this.hits.length);
    for (let i = 0; i < ids.length; i++) ids[i] = this.hitIdAt(i);
    return ids;
  }

  /** The table number of the i-th hit. */
  numberAt(i: number): number {
    return this.hits[i] as number;
  }

  /** Unix seconds of the i-th hit. */
  timeAt(i: number): number {
    return this.table.timeOf(this.hits[i] as number);
  }

  typeAt(i: number): HitType {
    return this.table.typeOf(this.hits[i] as number);
  }

  /**
   * The visit as it is now, with a table of its own hits: it reads the same for as long as it
   * is read (a visit's answer takes many turns), while the index may evict it meanwhile and
   * number other hits with its hits' numbers.
   */
  snapshot(): VisitState {
    const table = new HitTable();
    const hits = this.hits.map((n) =>
      table.add(this.table.idOf(n), this.serial, this.table.timeOf(n), this.table.typeOf(n)),
    );
    const copy = Object.assign(Object.create(VisitState.prototype) as VisitState, this);
    Object.assign(copy, { table, hits });
    return copy;
  }

  /** The table renumbered its hits (see HitTable.compact). */
  renumber(moved: Int32Array): void {
    for (let i = 0; i < this.hits.length; i++) {
      this.hits[i] = moved[this.hits[i] as number] as number;
    }
  }

  /** Adds the hit the table numbered `n`. */
  add(n: number, hitId: string, time: number, type: HitType): void {
    this.hits.push(n);
    if (time > this.endTime) this.endTime = time;
    if (time < this.earliest) this.earliest = time;
    if (type === 'ping') return;
    this.actionCount++;
    if (time > this.lastActionTime) this.lastActionTime = time;
    if (type === 'pageview' || type === 'site_search' || type === 'product_view') {
      this.pageviewCount++;
      if (this.entryHitId === undefined || time < this.entryTime) {
        this.entryHitId = hitId;
        this.entryTime = time;
      }
      if (this.exitHitId === undefined || time >= this.exitTime) {
        this.exitHitId = hitId;
        this.exitTime = time;
      }
    }
  }

  /** Why the visit opened. */
  get boundary(): VisitBoundaryReason {
    return reasonOf(this.opening);
  }

  note(hitId: string, reason: StoredReason): void {
    this.stored ??= new Map();
    this.stored.set(hitId, reason);
  }

  /** The reason noted on a hit inside the visit, if any. */
  noteOf(hitId: string): VisitBoundaryReason | undefined {
    const stored = this.stored?.get(hitId);
    return stored ? reasonOf(stored) : undefined;
  }
}
