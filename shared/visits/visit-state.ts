// One visit as the engine keeps it while hits arrive: what Matomo's log_visit row holds
// (visitor, user id, first and last action times, referrer) plus what the timeline and the
// cross-hit checks need. Per hit only its id, time and type are kept: the rest is read from
// the stored hit when a visit is shown.
import { HIT_TYPES, type HitType } from '../matomo/types';
import type { VisitCheckState } from './cross-hit-checks';
import { reasonOf, type StoredReason } from './stored-reason';
import type { VisitBoundaryReason, VisitIdentity, VisitReferrer } from './types';

export class VisitState {
  /**
   * Two slots per hit, in arrival order: its id, then its time (its cdt when it had one) in
   * seconds from the visit's first action, times 32, plus its type's index in HIT_TYPES. One
   * array of small values keeps the index within a few dozen bytes per hit.
   */
  private readonly slots: (string | number)[] = [];
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
  /** Visitor ids the visit had before the current one (a user id set, a new _id). */
  formerVisitorIds: string[] | null = null;
  /** Reasons on hits inside the visit (a user id set, …), by hit id. */
  notes: Map<string, VisitBoundaryReason> | null = null;

  constructor(
    readonly firstHitId: string,
    readonly idsite: number,
    public visitorId: string,
    public identitySource: VisitIdentity['source'],
    readonly configId: string,
    time: number,
    public referrer: VisitReferrer,
    private readonly opening: StoredReason,
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
    return this.slots.length / 2;
  }

  hitIdAt(i: number): string {
    return this.slots[2 * i] as string;
  }

  /** The visit's hit ids in arrival order (a new array). */
  get hitIds(): string[] {
    const ids: string[] = new Array<string>(this.hitCount);
    for (let i = 0; i < ids.length; i++) ids[i] = this.slots[2 * i] as string;
    return ids;
  }

  /** Unix seconds of the i-th hit. */
  timeAt(i: number): number {
    return this.firstActionTime + Math.floor((this.slots[2 * i + 1] as number) / 32);
  }

  typeAt(i: number): HitType {
    return HIT_TYPES[(((this.slots[2 * i + 1] as number) % 32) + 32) % 32] as HitType;
  }

  add(hitId: string, time: number, type: HitType): void {
    this.slots.push(hitId, (time - this.firstActionTime) * 32 + HIT_TYPES.indexOf(type));
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

  note(hitId: string, reason: VisitBoundaryReason): void {
    this.notes ??= new Map();
    this.notes.set(hitId, reason);
  }
}
