// The in-memory window of the store: the newest `maxHits` compact hits in arrival order,
// their requests, and the newest requests that produced no hit (failed, preflight), so
// they stay visible. Oldest hits are evicted first (by count, and by estimated bytes so that
// large bodies cannot exhaust the heap); they remain in the data file.
// A hit is found by id through its request: a request's hits sit side by side in arrival
// order, so no map entry per hit is needed (at 100,000 hits such a map held ~40 B a hit).
import type { HitDto, HitFilterDto } from '../../../shared/api/types';
import { isEmptyHitFilter, matchesHitFilter } from '../../../shared/api/hit-filter';
import { hitBytes, requestBytes } from './memory-size';
import { splitHitId, type CompactHit, type StoredRequest } from './stored-record';

interface RequestSlot {
  request: StoredRequest;
  /** Hits of this request still in memory. */
  live: number;
  bytes: number;
  /** Arrival number of the request's first hit (-1: none); the others follow it. */
  firstSeq: number;
}

export class HitMemory {
  /** Arrival order; entries before `head` are evicted (cleared in batches). */
  private hits: CompactHit[] = [];
  private head = 0;
  private readonly requests = new Map<string, RequestSlot>();
  private readonly hitless: string[] = [];
  /** Estimated bytes of what is held (memory-size.ts). */
  private held = 0;

  constructor(
    private maxHits: number,
    private readonly maxHitless = 10_000,
    private maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  get size(): number {
    return this.hits.length - this.head;
  }

  get bytes(): number {
    return this.held;
  }

  insert(request: StoredRequest, hits: readonly CompactHit[]): void {
    const bytes = requestBytes(request);
    const firstSeq = hits[0]?.seq ?? -1;
    this.requests.set(request.id, { request, live: hits.length, bytes, firstSeq });
    this.held += bytes;
    if (hits.length === 0) {
      this.hitless.push(request.id);
      if (this.hitless.length > this.maxHitless) {
        for (const id of this.hitless.splice(0, this.hitless.length - this.maxHitless)) {
          this.dropRequest(id);
        }
      }
    }
    for (const hit of hits) {
      this.hits.push(hit);
      this.held += hitBytes(hit);
    }
    this.evict();
  }

  setMaxBytes(maxBytes: number): void {
    this.maxBytes = maxBytes;
    this.evict();
  }

  setMaxHits(maxHits: number): void {
    this.maxHits = maxHits;
    this.evict();
  }

  /** The hit `id` names (`<request id>.<index>`, hitIdOf), when the window holds it. */
  get(id: string): CompactHit | undefined {
    const named = splitHitId(id);
    if (named === null) return undefined;
    const slot = this.requests.get(named.requestId);
    if (slot === undefined || slot.firstSeq < 0) return undefined;
    // Usually the hit at that index; otherwise the request's hits are looked through.
    const guess = named.index < 0 ? undefined : this.atSeq(slot.firstSeq + named.index);
    if (guess?.id === id && guess.request === slot.request) return guess;
    for (let i = Math.max(this.head, this.positionOf(slot.firstSeq)); i < this.hits.length; i++) {
      const hit = this.hits[i] as CompactHit;
      if (hit.request !== slot.request) break;
      if (hit.id === id) return hit;
    }
    return undefined;
  }

  /** The hit with arrival number `seq`, when the window still holds it. */
  atSeq(seq: number): CompactHit | undefined {
    if (this.size === 0 || seq < (this.hits[this.head] as CompactHit).seq) return undefined;
    const hit = this.hits[this.positionOf(seq)];
    return hit?.seq === seq ? hit : undefined;
  }

  request(id: string): StoredRequest | undefined {
    return this.requests.get(id)?.request;
  }

  /** Newest requests that produced no hit, newest first. */
  hitlessRequests(limit: number): StoredRequest[] {
    const result: StoredRequest[] = [];
    for (let i = this.hitless.length - 1; i >= 0 && result.length < limit; i--) {
      const slot = this.requests.get(this.hitless[i] ?? '');
      if (slot) result.push(slot.request);
    }
    return result;
  }

  /** The newest `limit` matching hits; `total` counts every match in memory. */
  query(
    filter: HitFilterDto,
    limit: number,
  ): { hits: CompactHit[]; next: string | null; total: number } {
    const hits: CompactHit[] = [];
    let more = false;
    let total = 0;
    const all = isEmptyHitFilter(filter);
    if (all) total = this.size;
    for (let i = this.hits.length - 1; i >= this.head; i--) {
      const hit = this.hits[i] as CompactHit;
      if (!all && !matchesHitFilter(hit as unknown as HitDto, filter)) continue;
      if (!all) total++;
      if (hits.length < limit) hits.push(hit);
      else {
        more = true;
        if (all) break;
      }
    }
    return { hits, next: more ? (hits[hits.length - 1]?.id ?? null) : null, total };
  }

  /** Every matching hit, newest first. */
  *matching(filter: HitFilterDto): Generator<CompactHit> {
    const all = isEmptyHitFilter(filter);
    for (let i = this.hits.length - 1; i >= this.head; i--) {
      const hit = this.hits[i] as CompactHit;
      if (all || matchesHitFilter(hit as unknown as HitDto, filter)) yield hit;
    }
  }

  /**
   * The hits in memory when the walk starts, newest first, each checked against `filter`:
   * the hit when it matches, null when it does not, so that a caller can give the event loop
   * back between any two steps (a rare match is otherwise a walk of the whole window in one
   * step). Safe to pause: the walk keeps its place by arrival number, hits evicted or
   * cleared meanwhile are left out and hits that arrive meanwhile are not included.
   */
  *matchingSteps(filter: HitFilterDto): Generator<CompactHit | null> {
    const all = isEmptyHitFilter(filter);
    let hits = this.hits;
    let i = hits.length - 1;
    let seq = Number.POSITIVE_INFINITY;
    for (;;) {
      if (hits !== this.hits) {
        // Compacted or cleared: the next older hit than the last one walked.
        hits = this.hits;
        i = this.positionOf(seq) - 1;
      }
      if (i < this.head) return;
      const hit = hits[i--] as CompactHit;
      seq = hit.seq;
      yield all || matchesHitFilter(hit as unknown as HitDto, filter) ? hit : null;
    }
  }

  /**
   * Every matching hit in memory when the walk starts, oldest first (exports). The walk may
   * be paused between hits while an export waits on its client, so it keeps its place by
   * arrival number, not array position: hits evicted or cleared meanwhile are skipped, and
   * hits that arrive meanwhile are not included.
   */
  *matchingOldestFirst(filter: HitFilterDto): Generator<CompactHit> {
    const all = isEmptyHitFilter(filter);
    const lastSeq = this.size > 0 ? (this.hits[this.hits.length - 1] as CompactHit).seq : -1;
    let hits = this.hits;
    let i = this.head;
    let seq = -1;
    for (;;) {
      if (hits !== this.hits || i < this.head) {
        // The array was compacted or cleared, or the walk fell behind eviction.
        hits = this.hits;
        const at = this.positionOf(seq);
        i = Math.max(this.head, (hits[at] as CompactHit | undefined)?.seq === seq ? at + 1 : at);
      }
      const hit = hits[i] as CompactHit | undefined;
      if (hit === undefined || hit.seq > lastSeq) return;
      i++;
      seq = hit.seq;
      if (all || matchesHitFilter(hit as unknown as HitDto, filter)) yield hit;
    }
  }

  /** Every request in memory (with or without hits), in arrival order. */
  *requestsInArrivalOrder(): Generator<StoredRequest> {
    for (const slot of this.requests.values()) yield slot.request;
  }

  /** Removes every request `drop` selects and its hits; returns the number of hits removed. */
  removeRequests(drop: (request: StoredRequest) => boolean): number {
    const before = this.size;
    const kept: CompactHit[] = [];
    for (let i = this.head; i < this.hits.length; i++) {
      const hit = this.hits[i] as CompactHit;
      if (drop(hit.request)) {
        this.held -= hitBytes(hit);
      } else kept.push(hit);
    }
    this.hits = kept;
    this.head = 0;
    for (const [id, slot] of this.requests) if (drop(slot.request)) this.dropRequest(id);
    const hitless = this.hitless.filter((id) => this.requests.has(id));
    this.hitless.length = 0;
    this.hitless.push(...hitless);
    return before - this.size;
  }

  clear(): void {
    this.hits = [];
    this.head = 0;
    this.requests.clear();
    this.hitless.length = 0;
    this.held = 0;
  }

  private positionOf(seq: number): number {
    let low = this.head;
    let high = this.hits.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const value = (this.hits[mid] as CompactHit).seq;
      if (value === seq) return mid;
      if (value < seq) low = mid + 1;
      else high = mid - 1;
    }
    return low;
  }

  private dropRequest(id: string): void {
    const slot = this.requests.get(id);
    if (!slot) return;
    this.requests.delete(id);
    this.held -= slot.bytes;
  }

  private evictOldestHit(): void {
    const hit = this.hits[this.head] as CompactHit;
    this.hits[this.head] = undefined as unknown as CompactHit;
    this.head++;
    this.held -= hitBytes(hit);
    const slot = this.requests.get(hit.requestId);
    if (slot && --slot.live <= 0) this.dropRequest(hit.requestId);
  }

  /** True when the oldest hitless request arrived before the oldest hit. */
  private hitlessIsOlder(): boolean {
    const oldest = this.requests.get(this.hitless[0] ?? '');
    if (!oldest || this.size === 0) return true;
    return oldest.request.receivedAt <= (this.hits[this.head] as CompactHit).receivedAt;
  }

  private evict(): void {
    while (this.size > this.maxHits) this.evictOldestHit();
    // Over the byte budget: the oldest of either kind goes, the newest hit always stays.
    while (this.held > this.maxBytes && (this.size > 1 || this.hitless.length > 0)) {
      if (this.hitless.length > 0 && this.hitlessIsOlder()) {
        this.dropRequest(this.hitless.shift() as string);
      } else if (this.size > 0) {
        this.evictOldestHit();
      } else break;
    }
    if (this.head > 4096 && this.head * 2 > this.hits.length) {
      this.hits = this.hits.slice(this.head);
      this.head = 0;
    }
  }
}
