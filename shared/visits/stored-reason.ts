// Boundary reasons as a visit keeps them: a code and the values its sentence names, the
// sentence made only when read (the API, the UI). A visit lasts as long as its hits are in
// memory, and the server assigns every hit but reads few reasons: a sentence per visit would
// cost more than the visit's other facts together.
import { describeGap } from './describe-gap';
import type { VisitBoundaryReason, VisitIdentity, VisitReferrer } from './types';

export type StoredReason =
  /** A reason whose sentence names no value of the hit (made once). */
  | VisitBoundaryReason
  | { code: 'inactivity'; gap: number; length: number }
  | { code: 'first_hit'; visitorId: string }
  | { code: 'day_changed'; lastDay: string; day: string; timezone: string }
  | { code: 'user_id_changed'; from: string; to: string; otherVisitor: boolean }
  | { code: 'campaign_changed' | 'referrer_changed'; from: VisitReferrer; to: VisitReferrer }
  /** A visitor id that matches no visit, the device's visit being another visitor's. */
  | {
      code: 'visitor_changed';
      visitorId: string;
      source: VisitIdentity['source'];
      deviceVisitorId: string;
    }
  /** Inside a visit: its visitor id replaced (a user id set, or another visitor id). */
  | {
      code: 'user_id_set' | 'visitor_changed';
      before: string;
      after: string;
      source: VisitIdentity['source'];
    }
  | { code: 'ping_ignored'; opening: StoredReason };

const referrerLabel = (r: VisitReferrer): string =>
  r.type === 'campaign'
    ? `${r.name}${r.keyword ? ` (${r.keyword})` : ''}`
    : r.type === 'direct'
      ? 'direct entry'
      : r.name;

function textOf(stored: Exclude<StoredReason, VisitBoundaryReason>): string {
  switch (stored.code) {
    case 'inactivity':
      return `new visit: ${describeGap(stored.gap)} since the last action (the visit length is ${describeGap(stored.length)})`;
    case 'first_hit':
      return `new visit: first hit of visitor ${stored.visitorId}`;
    case 'day_changed':
      return `new visit: the last action was on ${stored.lastDay}, this hit is on ${stored.day} (${stored.timezone})`;
    case 'user_id_changed':
      return `new visit: user id changed from ${stored.from} to ${stored.to}${stored.otherVisitor ? ', another visitor' : ''}`;
    case 'campaign_changed':
      return stored.from.type === 'campaign'
        ? `new visit: campaign changed from ${referrerLabel(stored.from)} to ${referrerLabel(stored.to)}`
        : `new visit: campaign ${referrerLabel(stored.to)} after the ${stored.from.type} referrer ${stored.from.name}`;
    case 'referrer_changed':
      return `new visit: referrer changed from ${referrerLabel(stored.from)} to ${stored.to.name}`;
    case 'ping_ignored':
      return `ping not recorded: it would open a new visit (${reasonOf(stored.opening).text.replace(/^new visit: /, '')})`;
    default:
      if ('deviceVisitorId' in stored) {
        return `new visit: visitor id ${stored.visitorId} (from ${stored.source}) matches no visit; the device's visit belongs to ${stored.deviceVisitorId}`;
      }
      return stored.code === 'user_id_set'
        ? `user id set: visitor id changed from ${stored.before} to ${stored.after}, same visit`
        : `visitor id changed from ${stored.before} to ${stored.after} (${stored.source}), same visit`;
  }
}

export function reasonOf(stored: StoredReason): VisitBoundaryReason {
  if ('text' in stored) return stored;
  return { code: stored.code, text: textOf(stored) };
}
