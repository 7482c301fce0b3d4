// One visit as the engine keeps it while hits arrive: what Matomo's log_visit row holds
// (visitor, user id, first and last action times, referrer) plus what the timeline and the
// cross-hit checks need. Per hit only its id, time and type are kept: the rest is read from
// the stored hit when a visit is shown.
import type { HitType } from '../matomo/types';
import type { VisitCheckState } from './cross-hit-checks';
import type { VisitBoundaryReason, VisitIdentity, VisitReferrer } from './types';

export class VisitState {
  readonly hitIds: string[] = [];
  /** Unix seconds of each hit (its cdt when it had one), parallel to hitIds. */
  readonly times: number[] = [];
  readonly types: HitType[] = [];
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
  entryUrl: string | undefined;
  entryTime = Infinity;
  exitUrl: string | undefined;
  exitTime = -Infinity;
  issueCount = 0;
  /** The lookup keys the visit is filed under (to forget it when it is evicted). */
  readonly lookupKeys: string[] = [];
  /** Reasons on hits inside the visit (a user id set, …), by hit id. */
  notes: Map<string, VisitBoundaryReason> | null = null;

  constructor(
    readonly id: string,
    readonly idsite: number,
    public visitorId: string,
    public identitySource: VisitIdentity['source'],
    readonly configId: string,
    time: number,
    public referrer: VisitReferrer,
    readonly boundary: VisitBoundaryReason,
    readonly checks: VisitCheckState,
  ) {
    this.firstActionTime = time;
    this.earliest = time;
    this.lastActionTime = time;
    this.endTime = time;
  }

  add(hitId: string, time: number, type: HitType, url: string): void {
    this.hitIds.push(hitId);
    this.times.push(time);
    this.types.push(type);
    if (time > this.endTime) this.endTime = time;
    if (time < this.earliest) this.earliest = time;
    if (type === 'ping') return;
    this.actionCount++;
    if (time > this.lastActionTime) this.lastActionTime = time;
    if (type === 'pageview' || type === 'site_search' || type === 'product_view') {
      this.pageviewCount++;
      if (url !== '' && time < this.entryTime) {
        this.entryUrl = url;
        this.entryTime = time;
      }
      if (url !== '' && time >= this.exitTime) {
        this.exitUrl = url;
        this.exitTime = time;
      }
    }
  }

  note(hitId: string, reason: VisitBoundaryReason): void {
    this.notes ??= new Map();
    this.notes.set(hitId, reason);
  }
}
