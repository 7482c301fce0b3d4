// The order hits arrived in: by arrival time, then by position in their bulk. Hits reach the
// plan code in any order (API pages newest first, files oldest first).
import type { HitSummaryDto } from '../api/types';

/** Negative when `a` arrived before `b`. */
export function arrivalOrder(a: HitSummaryDto, b: HitSummaryDto): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
  return a.index - b.index;
}

/** A copy, oldest first. */
export function chronological(hits: readonly HitSummaryDto[]): HitSummaryDto[] {
  return [...hits].sort(arrivalOrder);
}

/** `1 hit`, `2 hits`: a count with its noun, for messages. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
