// The part of storing a tracking request that its answer does not wait for. The lines of
// one write reach the disk together and their requests resume one after another in the
// same turn of the event loop: each queues what follows its line here and answers at once,
// and the queue is worked through, in arrival order, once they have all answered, still in
// that turn (process.nextTick runs after the promise callbacks of the turn). No request,
// search or stream event can be read in between, so nothing acknowledged is ever missing
// from what is read next; reads made from within the turn settle the queue first.

/** Work queued for lines written, each with its hits counted (for arrival positions). */
export class AfterAnswers<T extends { hits: readonly unknown[] }> {
  private queue: T[] = [];
  private scheduled = false;
  /** Hits of the lines queued: already in the file, not yet in the store's index. */
  hits = 0;

  constructor(private readonly work: (item: T) => void) {}

  /** Queues `item`'s work for after the answers of this turn. */
  push(item: T): void {
    this.queue.push(item);
    this.hits += item.hits.length;
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(this.settled);
  }

  /** Does the queued work, then `item`'s (which then comes after it, as it arrived). */
  settle(item: T): void {
    this.settled();
    this.work(item);
  }

  /** Does every queued work now, oldest first (one that throws leaves the rest queued). */
  readonly settled = (): void => {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const item = this.queue.shift() as T;
      this.hits -= item.hits.length;
      this.work(item);
    }
  };
}
