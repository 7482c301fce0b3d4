// An added request's hits read one at a time, for listeners that go through a large bulk over
// several turns: an announcement decorates each hit only when it is read (announced-event.ts),
// so counting its hits or reading one must not make all of them.
import type { HitDto } from '../../shared/api/types';
import type { HitStoreEvent } from './contracts';

/**
 * Hits of an announcement above which a listener goes through them over several turns: reading
 * a hit with its visit and making its JSON costs microseconds to tens of them, so a bulk of
 * 10,000 gone through in one turn held the event loop for hundreds of milliseconds. A smaller
 * one, a single hit above all, is gone through at once, as cheaply as before.
 */
export const SLICED_HITS = 256;

export type AddedEvent = Extract<HitStoreEvent, { type: 'added' }>;

/** An added event whose hits can be counted and read one by one without making them all. */
export interface HitsByIndex {
  readonly hitCount: number;
  hitAt(index: number): HitDto;
}

const byIndex = (event: AddedEvent): event is AddedEvent & HitsByIndex => 'hitAt' in event;

/** How many hits `event` adds, none of them made. */
export function hitCountOf(event: AddedEvent): number {
  return byIndex(event) ? event.hitCount : event.hits.length;
}

/** The hit at `index` of `event`, made alone. */
export function hitOf(event: AddedEvent, index: number): HitDto {
  return byIndex(event) ? event.hitAt(index) : (event.hits[index] as HitDto);
}
