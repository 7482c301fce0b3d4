// The hit store's events, in the order of what they tell. A large bulk's hits are announced
// after its answer (contracts.ts, HitsToMake): their DTOs are made over several turns of the
// event loop, and every event the store gives meanwhile waits behind them, so no listener sees
// a later request, a reset or a summary before the bulk.
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitStoreEvent, HitsToMake } from '../contracts';
import { Slicer, yieldToLoop } from './journal-scan';

type Waiting = HitStoreEvent | { type: 'make'; request: RequestRecordDto; hits: HitsToMake };

export class Announcements {
  readonly #tell: (event: HitStoreEvent) => void;
  /** Events behind hits still being made; null when none are. */
  #waiting: Waiting[] | null = null;

  constructor(tell: (event: HitStoreEvent) => void) {
    this.#tell = tell;
  }

  /** Told at once, unless hits are still being made: then after them. */
  now(event: HitStoreEvent): void {
    if (this.#waiting) this.#waiting.push(event);
    else this.#tell(event);
  }

  /** The request's hits, made in the turns that follow and then told as one 'added' event. */
  later(request: RequestRecordDto, hits: HitsToMake): void {
    const item: Waiting = { type: 'make', request, hits };
    if (this.#waiting) {
      this.#waiting.push(item);
      return;
    }
    this.#waiting = [item];
    void this.#drain();
  }

  async #drain(): Promise<void> {
    const waiting = this.#waiting as Waiting[];
    const slicer = new Slicer();
    try {
      // Not one hit made before the add's caller goes on (it answers the request).
      await yieldToLoop();
      for (let item = waiting.shift(); item; item = waiting.shift()) {
        if (item.type !== 'make') {
          this.#tell(item);
          continue;
        }
        const hits = new Array<HitDto>(item.hits.count);
        for (let i = 0; i < hits.length; i++) {
          hits[i] = item.hits.hitAt(i);
          await slicer.tick();
        }
        this.#tell({ type: 'added', request: item.request, hits });
      }
    } finally {
      this.#waiting = null;
    }
  }
}
