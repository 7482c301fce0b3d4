// The 'added' event the visit store passes on once its hits are assigned to their visits.
// Its hits are decorated (visit id, reason, cross-hit findings) when a listener first reads
// them: most listeners only look at the request, and no copy of each hit is made for them.
//
// A class, with the getter on its prototype, and not an object literal with a getter of its
// own: each literal's getter is a new function, which made each event a table of properties
// (V8's dictionary mode) rather than an object of a shared hidden class. Such events, as the
// spread copies given more properties in decorate (visit-store.ts), kept every request's hits,
// records and analysis alive through two collections of the young generation: they were moved
// to the old generation and collected there later, some 3 KB a page view, most of the
// server's collection time under steady tracking (announced-event.test.ts).
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitStoreEvent } from '../contracts';

export type AddedEvent = Extract<HitStoreEvent, { type: 'added' }>;

export class AnnouncedEvent implements AddedEvent {
  readonly type = 'added' as const;
  readonly request: RequestRecordDto;
  readonly #stored: readonly HitDto[];
  readonly #decorate: (hit: HitDto) => HitDto;
  #hits: HitDto[] | undefined;

  constructor(event: AddedEvent, decorate: (hit: HitDto) => HitDto) {
    this.request = event.request;
    this.#stored = event.hits;
    this.#decorate = decorate;
  }

  get hits(): HitDto[] {
    this.#hits ??= this.#stored.map(this.#decorate);
    return this.#hits;
  }
}
