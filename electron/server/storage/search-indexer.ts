// Builds the search entries of stored hits (search-text.ts) after their requests are answered.
// Preparing them cost 10 to 15 µs a hit on the tracking path, and a bulk of thousands of hits
// could not have them at all without holding the server; here they are built hit by hit in
// slices of a few milliseconds that give the event loop back, for every line, large or not.
// A search first has the hits queued before it given their entries (catchUp). A hit still
// without entries is one the entries cannot speak for: a search reads it
// (SearchText.candidates), so results never depend on how far the indexer is.
import type { HitDto } from '../../../shared/api/types';
import { yieldToLoop } from './journal-scan';
import { packedQueryOf } from './kept-request';
import { PlainPairs } from './plain-pairs';
import type { SearchText } from './search-text';
import type { CompactHit } from './stored-record';

type Params = HitDto['params'];

/**
 * Time one slice may take. Short on purpose: an idle server chains slices back to back (a
 * turn costs microseconds), a busy one gives requests and their slices of analysis most of
 * each turn, so entries built after the answer do not slow the next request down much.
 */
const INDEX_SLICE_MS = 2;
/** Hits whose names are told between two asks of `pause` (tellWaitingNames). */
const NAMES_BETWEEN_PAUSES = 512;

/** The hits of one line waiting for entries, and how far the indexer got into them. */
interface Waiting {
  hits: readonly CompactHit[];
  /** Their parameters as analysed on arrival, when known: no parse again. */
  params: readonly Params[] | null;
  /** Lines read back from the data file: their hits' parameters are parsed without caching. */
  readBack: boolean;
  next: number;
}

/**
 * A stored hit's parameters, or null when they cannot be parsed again (it is then always
 * searched). A hit read back is read once: cached, the parameters of every hit of a read-back
 * outlived a few young-generation collections and were copied by each, for no later reader.
 * A hit just stored is cached: the visits and the stream read its parameters next, and a hit
 * of one 8 MB value would be parsed again in one of their turns.
 */
function paramsOrNull(hit: CompactHit, readBack: boolean): Params | null {
  try {
    return readBack ? hit.paramsReadOnce() : hit.params;
  } catch {
    return null;
  }
}

/**
 * True when the hit's parameters are parsed from its raw query alone, as ParamsOf parses them
 * (derive-hit.ts): a bulk's entry sent as a query, or a request without a body whose raw query
 * is its URL's. Kept parameters (an object entry, a cut body) are not.
 */
function paramsOfRawQuery(hit: CompactHit): boolean {
  if (hit.keptParams !== undefined || hit.objectEntry) return false;
  if (hit.transport === 'bulk') return true;
  return hit.request.bodySize === 0 && hit.packedRawQuery === packedQueryOf(hit.request);
}

export class SearchIndexer {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private idle: (() => void)[] = [];
  /** Hits queued and not yet given entries. */
  private behind = 0;
  /** Hits given entries so far. */
  private built = 0;
  private readonly plainPairs = new PlainPairs();
  /** Set once the store closes (halt). */
  private halted = false;

  constructor(private readonly texts: SearchText) {}

  /** Hits stored but without search entries yet. */
  get lag(): number {
    return this.behind;
  }

  /**
   * Queues the hits of a line, in arrival order (after those queued before), for entries
   * built in the background; `params` are theirs as analysed on arrival, when at hand;
   * `readBack` for the lines of the data file read back at a start or after a rewrite.
   */
  enqueue(
    hits: readonly CompactHit[],
    params: readonly Params[] | null = null,
    readBack = false,
  ): void {
    if (hits.length === 0) return;
    this.waiting.push({ hits, params, readBack, next: 0 });
    this.behind += hits.length;
    this.schedule();
  }

  /** Resolves once every hit queued so far (and after) has its entries. */
  whenIdle(): Promise<void> {
    if (this.behind === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Builds the entries of everything queued now, giving the event loop back through `pause`
   * between slices: the load keeps pace this way instead of queueing a whole file of hits.
   */
  async drain(pause: () => Promise<void>): Promise<void> {
    while (this.behind > 0) {
      this.slice();
      if (this.behind > 0) await pause();
    }
  }

  /**
   * Builds the entries of the hits queued now (not of those queued meanwhile: tracking goes
   * on), giving the event loop back through `pause` between slices. A search does this first:
   * a hit without entries is read whole by the search, which costs more than its entries.
   */
  async catchUp(pause: () => Promise<void>): Promise<void> {
    const target = this.built + this.behind;
    while (this.built < target && this.behind > 0) {
      this.slice();
      if (this.built < target) await pause();
    }
  }

  /**
   * Tells the bloom of the parameter names of every hit queued now (SearchText.tellNames),
   * without building their entries, which stay queued: a snapshot needs no more of them, and
   * at a shutdown right after a bulk the entries were built only to be lost (some 140 ms a
   * bulk of 10,000). The event loop is given back through `pause` every few hundred hits.
   */
  async tellWaitingNames(pause: () => Promise<void>): Promise<void> {
    const texts = this.texts;
    let next = texts.hits;
    let sincePause = 0;
    for (const line of [...this.waiting]) {
      for (let i = line.next; i < line.hits.length; i++) {
        const hit = line.hits[i] as CompactHit;
        const position = hit.seq - 1;
        // As addOne: a hit that is not next keeps its entries, a gap gets every name. The
        // entries built meanwhile (between pauses) told their hits' names already.
        next = Math.max(next, texts.hits);
        if (position < next) continue;
        for (; next < position; next++) texts.tellNames(next, null);
        this.tellNames(hit, line.params?.[i], line.readBack);
        next = position + 1;
        if (++sincePause === NAMES_BETWEEN_PAUSES) {
          sincePause = 0;
          await pause();
        }
      }
    }
  }

  /** tellNames() of one hit, its parameters found as addOne finds them. */
  private tellNames(hit: CompactHit, params: Params | undefined, readBack: boolean): void {
    const position = hit.seq - 1;
    if (params !== undefined) return this.texts.tellNames(position, params);
    const pairs = this.plainPairs;
    if (paramsOfRawQuery(hit) && pairs.read(hit.rawQuery)) {
      this.texts.tellPlainNames(position, pairs);
      pairs.forget();
    } else this.texts.tellNames(position, paramsOrNull(hit, readBack));
  }

  /** Forgets what is queued: the entries are being built again from scratch (reset, rewrite). */
  clear(): void {
    this.waiting = [];
    this.behind = 0;
    this.settle();
  }

  /**
   * Builds no more entries in the background: the store is closing, and they would be lost
   * (while keeping the process alive until built). What is queued stays for tellWaitingNames.
   */
  halt(): void {
    this.halted = true;
  }

  private schedule(): void {
    if (this.scheduled || this.halted) return;
    this.scheduled = true;
    void yieldToLoop().then(() => {
      this.scheduled = false;
      if (this.halted) return;
      this.slice();
      if (this.behind > 0) this.schedule();
    });
  }

  /** Builds entries for up to INDEX_SLICE_MS, hit by hit (a line of thousands takes many). */
  private slice(): void {
    const started = performance.now();
    while (this.waiting.length > 0 && performance.now() - started < INDEX_SLICE_MS) {
      const line = this.waiting[0] as Waiting;
      this.addOne(line.hits[line.next] as CompactHit, line.params?.[line.next], line.readBack);
      line.next++;
      this.behind--;
      this.built++;
      if (line.next === line.hits.length) this.waiting.shift();
    }
    this.settle();
  }

  private addOne(hit: CompactHit, params: Params | undefined, readBack: boolean): void {
    const position = hit.seq - 1;
    const texts = this.texts;
    // Entries follow arrival positions; a hit that is not next (never expected) is left to be
    // read by every search rather than given another hit's place.
    if (position < texts.hits) return;
    if (position > texts.hits) texts.addUnsure(position - texts.hits);
    if (params !== undefined) return texts.add(hit, params);
    // Parameters unknown (a read-back): a raw query that is exactly its parameters gives the
    // entries by itself, without the parse.
    const pairs = this.plainPairs;
    if (paramsOfRawQuery(hit) && pairs.read(hit.rawQuery)) {
      texts.addPlain(hit, pairs);
      pairs.forget();
    } else texts.add(hit, paramsOrNull(hit, readBack));
  }

  private settle(): void {
    if (this.behind > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
