// The 'added' event the visit store passes on once its hits are assigned to their visits.
// Its hits are decorated (visit id, reason, cross-hit findings) when a listener first reads
// them: most listeners only look at the request, and no copy of each hit is made for them.
// A listener that works through a large bulk over several turns reads them one at a time
// (hitAt, added-hits.ts): reading `hits` decorates the whole bulk in one turn, 70 ms of CPU
// for 10,000 page views.
//
// A class, with the getter on its prototype, and not an object literal with a getter of its
// own: each literal's getter is a new function, which made each event a table of properties
// (V8's dictionary mode) rather than an object of a shared hidden class. Such events, as the
// spread copies given more properties in decorate (visit-store.ts), kept every request's hits,
// records and analysis alive through two collections of the young generation: they were moved
// to the old generation and collected there later, some 3 KB a page view, most of the
// server's collection time under steady tracking (announced-event.test.ts).
import type { HitDto } from '../../../shared/api/types';
import type { AddedEvent, HitsByIndex } from '../added-hits';

export class AnnouncedEvent implements AddedEvent, HitsByIndex {
  readonly type = 'added' as const;
  readonly request: AddedEvent['request'];
  readonly #stored: readonly HitDto[];
  readonly #decorate: (hit: HitDto) => HitDto;
  #hits: HitDto[] | undefined;
  /** Hits decorated one at a time so far, by index; dropped once `hits` is made. */
  #some: (HitDto | undefined)[] | undefined;

  constructor(event: AddedEvent, decorate: (hit: HitDto) => HitDto) {
    this.request = event.request;
    this.#stored = event.hits;
    this.#decorate = decorate;
    this.#hits = undefined;
    this.#some = undefined;
  }

  get hits(): HitDto[] {
    if (this.#hits === undefined) {
      const some = this.#some;
      // A hit read before by index stays the same object for every listener.
      this.#hits = some
        ? this.#stored.map((hit, i) => some[i] ?? this.#decorate(hit))
        : this.#stored.map(this.#decorate);
      this.#some = undefined;
    }
    return this.#hits;
  }

  get hitCount(): number {
    return this.#stored.length;
  }

  hitAt(index: number): HitDto {
    if (this.#hits !== undefined) return this.#hits[index] as HitDto;
    const some = (this.#some ??= new Array<HitDto | undefined>(this.#stored.length));
    return (some[index] ??= this.#decorate(this.#stored[index] as HitDto));
  }
}
