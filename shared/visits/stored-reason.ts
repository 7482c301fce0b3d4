// Boundary reasons as a visit keeps them: the two that open most visits (a first hit,
// inactivity) keep their values and make their sentence when read; the others keep theirs.
// A visit lasts as long as its hits are in memory, so a sentence per visit would cost more
// than the visit's other facts together.
import { describeGap } from './describe-gap';
import type { VisitBoundaryReason } from './types';

export type StoredReason =
  | VisitBoundaryReason
  | { code: 'inactivity'; gap: number; length: number }
  | { code: 'first_hit'; visitorId: string };

export function reasonOf(stored: StoredReason): VisitBoundaryReason {
  if ('text' in stored) return stored;
  if (stored.code === 'inactivity') {
    return {
      code: 'inactivity',
      text: `new visit: ${describeGap(stored.gap)} since the last action (the visit length is ${describeGap(stored.length)})`,
    };
  }
  return { code: 'first_hit', text: `new visit: first hit of visitor ${stored.visitorId}` };
}
