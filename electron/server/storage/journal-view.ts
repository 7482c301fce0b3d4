// Every stored hit, wherever it is: the newest in the in-memory window, the rest read from
// the data file through the index. A search narrows the candidates with the index columns
// (type, outcome, site, issues), then reads the candidate lines and lets the shared filter
// (shared/api/hit-filter.ts) decide on the real hit, so the query language has one meaning
// everywhere. Scans work in slices and give the event loop back between them.
import type { FileHandle } from 'node:fs/promises';
import {
  isEmptyHitFilter,
  matchesHitFilter,
  matchesHitFilterSteps,
  type HitFilter,
  type HitsWithFindings,
} from '../../../shared/api/hit-filter';
import type { HitDto, HitFilterDto } from '../../../shared/api/types';
import type { QueryRow } from '../../../shared/query/query-row';
import { inTurns } from '../../../shared/steps';
import { bodyIsOnDisk, withBodyOnDisk } from './body-on-disk';
import { columnQueryTest } from './column-query';
import { hydrateHit, storedRequestOf } from './compact';
import type { HitMemory } from './hit-memory';
import type { HitPlaces } from './hit-places';
import { idHash, type JournalIndex } from './journal-index';
import { readBytesSync, readRange, Slicer, yieldToLoop } from './journal-scan';
import { textCandidates } from './search-plan';
import type { SearchText } from './search-text';
import { splitHitId, type CompactHit, type ParamsOf, type StoredRequest } from './stored-record';
import { lazyLine, lazyLineInTurns, type LazyLine, WHOLE_HIT_BYTES } from './decode-line';
import { ValuePools } from './string-pool';

/** Bytes read from the data file at once by a scan. */
const SPAN_BYTES = 1024 * 1024;

/** A data file line read back; its hits are built when asked for (a bulk carries thousands). */
export interface StoredLineView {
  request: StoredRequest;
  hitCount: number;
  hit(index: number): CompactHit | undefined;
  /** hit(), a hit of megabytes parsed over turns (decode-line.ts). */
  hitInTurns(index: number): Promise<CompactHit | undefined>;
  /** Parses its hits of megabytes over turns; hit() then returns them at once. */
  prepareInTurns(): Promise<void>;
  indexOf(id: string): number;
}

/** A request and some of its hits, one at a time. */
export interface StoredLineHits {
  request: StoredRequest;
  hits: Iterable<CompactHit>;
}

function* allHits(view: StoredLineView): Generator<CompactHit> {
  for (let i = 0; i < view.hitCount; i++) {
    const hit = view.hit(i);
    if (hit) yield hit;
  }
}

export interface HitPage {
  hits: CompactHit[];
  next: string | null;
  total: number;
  /** The cursor of the hits after `hits[index]` (a page cut short of its limit). */
  cursorAfter(index: number): string | null;
}

/** The filter fields the index columns hold; the rest need the stored line. */
const COLUMN_FIELDS = ['outcome', 'type', 'idsite', 'hasIssues'] as const;

/** What the index columns can decide of a filter: its fields, and terms of its query. */
interface ColumnTests {
  columns: HitFilterDto;
  query: ((row: QueryRow) => boolean) | null;
  /** Leaves out hits whose search entries (and findings) cannot match (search-plan.ts). */
  text: ((position: number) => boolean) | null;
  /** The filter has criteria the columns cannot decide. */
  rest: boolean;
  /** Cross-hit findings, which the issues column does not hold (hits in memory only). */
  findingsOf: HitFilter['findingsOf'];
}

/**
 * Whether `hit` matches `filter`. A hit of 100,000 parameters is tested over several turns;
 * any other hit in this one, without an await of its own (a scan tests a million of them).
 */
export function matchesInTurns(hit: CompactHit, filter: HitFilter): boolean | Promise<boolean> {
  const steps = matchesHitFilterSteps(hit as unknown as HitDto, filter);
  const first = steps.next();
  if (first.done === true) return first.value;
  return yieldToLoop().then(() => inTurns(steps, yieldToLoop));
}

/** A hit as far as the columns know it: read by the shared filter and query terms. */
interface Probe {
  type: string;
  outcome: string;
  idsite: number | null;
  issues: unknown[];
}

function columnPart(filter: HitFilterDto): { columns: HitFilterDto; rest: boolean } {
  const columns: HitFilterDto = {};
  for (const field of COLUMN_FIELDS) {
    if (filter[field] !== undefined) (columns as Record<string, unknown>)[field] = filter[field];
  }
  const rest = !isEmptyHitFilter({
    ...filter,
    outcome: undefined,
    type: undefined,
    idsite: undefined,
    hasIssues: undefined,
  });
  return { columns, rest };
}

const ONE_ISSUE = [{}];
const NO_ISSUES: never[] = [];

export class JournalView {
  /** Bumped by a reset: a scan that started before it stops. */
  generation = 0;

  constructor(
    private readonly index: JournalIndex,
    private readonly memory: HitMemory,
    private readonly reader: () => FileHandle,
    private readonly paramsOf: ParamsOf,
    private readonly texts: SearchText,
    private readonly places: HitPlaces,
  ) {}

  /** The hits of a data file line as compact hits, at their arrival positions. */
  private viewOf(
    line: number,
    bytes: Buffer,
    pools: ValuePools,
    parsed?: LazyLine,
  ): StoredLineView | null {
    try {
      // A bulk line of thousands of hits is decoded and parsed only as far as its hits are
      // asked for.
      const decoded = parsed ?? lazyLine(bytes, undefined, this.index.keptPiecesOf(line));
      const stored = storedRequestOf(decoded.request, pools);
      const request = decoded.bodyLeftOut ? withBodyOnDisk(stored) : stored;
      const first = this.index.lineFirstHit(line);
      const paramsOf = this.paramsOf;
      return {
        request,
        hitCount: decoded.hitCount,
        hit(i) {
          try {
            return hydrateHit(decoded.hit(i), request, first + i + 1, pools, paramsOf);
          } catch {
            return undefined;
          }
        },
        async hitInTurns(i) {
          try {
            const stored = await decoded.hitInTurns(i, yieldToLoop);
            return hydrateHit(stored, request, first + i + 1, pools, paramsOf);
          } catch {
            return undefined;
          }
        },
        prepareInTurns: () => decoded.prepareInTurns(yieldToLoop),
        indexOf: (id) => decoded.indexOf(id),
      };
    } catch {
      return null;
    }
  }

  /**
   * viewOf(), a request head of megabytes (a bulk's body is there) parsed over turns;
   * `hitsOnly`: a bulk's body is left on disk (body-on-disk.ts).
   */
  private async viewInTurns(
    line: number,
    bytes: Buffer,
    pools: ValuePools,
    hitsOnly = false,
  ): Promise<StoredLineView | null> {
    const parsed =
      bytes.length > WHOLE_HIT_BYTES
        ? await lazyLineInTurns(bytes, yieldToLoop, this.index.keptPiecesOf(line), hitsOnly).catch(
            () => undefined,
          )
        : undefined;
    return this.viewOf(line, bytes, pools, parsed);
  }

  private lineSync(line: number): StoredLineView | null {
    const bytes = readBytesSync(
      this.reader(),
      this.index.lineOffset(line),
      this.index.lineLength(line),
    );
    return this.viewOf(line, bytes, new ValuePools());
  }

  /** The stored line of request `id` (one short read of the data file), or null. */
  requestLine(id: string): { line: number; view: StoredLineView } | null {
    for (const line of this.index.linesOfRequest(id)) {
      const view = this.lineSync(line);
      if (view?.request.id === id) return { line, view };
    }
    return null;
  }

  /** A hit from memory, else from the data file. */
  hit(id: string): CompactHit | undefined {
    const inMemory = this.memory.get(id);
    if (inMemory) return inMemory;
    const named = splitHitId(id);
    if (named === null) return undefined;
    const found = this.requestLine(named.requestId);
    return found?.view.hit(found.view.indexOf(id));
  }

  /**
   * hit(), its line read without holding the event loop and its hit found and parsed each in
   * a turn of their own: a hit of megabytes takes tens of milliseconds to parse.
   */
  async hitInTurns(id: string): Promise<CompactHit | undefined> {
    const inMemory = this.memory.get(id);
    if (inMemory) return inMemory;
    const named = splitHitId(id);
    if (named === null) return undefined;
    const view = await this.requestLineInTurns(named.requestId);
    if (view === undefined) return undefined;
    await yieldToLoop();
    // The id names its position: that hit is parsed (once) and checked before any walk.
    if (named.index >= 0 && named.index < view.hitCount) {
      const guessed = await view.hitInTurns(named.index);
      if (guessed?.id === id) return guessed;
    }
    const index = view.indexOf(id);
    await yieldToLoop();
    return view.hitInTurns(index);
  }

  /** request(), its line read without holding the event loop. */
  async requestInTurns(id: string): Promise<StoredRequest | undefined> {
    const inMemory = this.memory.request(id);
    if (inMemory && !bodyIsOnDisk(inMemory)) return inMemory;
    return (await this.requestLineInTurns(id))?.request;
  }

  /** The line of request `id`, read from the data file and parsed in a turn of its own. */
  private async requestLineInTurns(id: string): Promise<StoredLineView | undefined> {
    for (const line of this.index.linesOfRequest(id)) {
      const length = this.index.lineLength(line);
      const bytes = await readRange(this.reader(), this.index.lineOffset(line), length);
      await yieldToLoop();
      const view = await this.viewInTurns(line, bytes, new ValuePools());
      if (view?.request.id === id) return view;
    }
    return undefined;
  }

  request(id: string): StoredRequest | undefined {
    const inMemory = this.memory.request(id);
    if (inMemory && !bodyIsOnDisk(inMemory)) return inMemory;
    return this.requestLine(id)?.view.request;
  }

  /**
   * The arrival position a cursor stands for (hit-places.ts): carried over the runs deleted
   * and clears since it was given, so a page goes on from there even when its hit is gone.
   * A bare hit id is looked up (its line read without holding the loop); -1 when it is gone.
   */
  private async cursorPlaceInTurns(before: string): Promise<number> {
    const { hitId, place } = this.places.read(before);
    if (place !== null) return Math.min(place, this.index.hits);
    const hit = await this.hitInTurns(hitId);
    return hit ? hit.seq - 1 : -1;
  }

  /**
   * hit() of each id, each line they sit in read once and in slices: the hits of a visit past
   * the window are thousands in a bulk line of megabytes, which hit() read whole per hit.
   * A request's newest line holding it is the one read, as hit() does.
   */
  async hitsInTurns(ids: readonly string[]): Promise<Map<string, CompactHit>> {
    const found = new Map<string, CompactHit>();
    /** Request id → ids of its hits to read from the data file. */
    const wanted = new Map<string, string[]>();
    const slicer = new Slicer();
    for (const id of ids) {
      const inMemory = this.memory.get(id);
      if (inMemory) found.set(id, inMemory);
      else {
        const named = splitHitId(id);
        const same = named && wanted.get(named.requestId);
        if (same) same.push(id);
        else if (named) wanted.set(named.requestId, [id]);
      }
      await slicer.tick();
    }
    if (wanted.size === 0) return found;
    const hashes = new Set(Array.from(wanted.keys(), idHash));
    const lines: number[] = [];
    for (let line = this.index.lines - 1; line >= 0; line--) {
      if (hashes.has(this.index.lineHash(line))) lines.push(line);
      await slicer.tick();
    }
    const settled = new Set<string>();
    for (let i = 0; i < lines.length && settled.size < wanted.size;) {
      // Newest first, a span's worth at a time (only so many lines of megabytes held at once).
      const span: number[] = [];
      for (let bytes = 0; i < lines.length && bytes < SPAN_BYTES; i++) {
        span.push(lines[i] as number);
        bytes += this.index.lineLength(lines[i] as number);
      }
      // Only hits are described: a bulk's body of megabytes is not decoded.
      const views = await this.readLines([...span].reverse(), true);
      for (const line of span) {
        const view = views.get(line);
        const hitIds = view && !settled.has(view.request.id) && wanted.get(view.request.id);
        if (!view || !hitIds) continue;
        settled.add(view.request.id);
        for (const id of hitIds) {
          const hit = view.hit(view.indexOf(id));
          if (hit) found.set(id, hit);
          await slicer.tick();
        }
      }
    }
    return found;
  }

  /**
   * Reads the given lines (ascending) in spans of neighbouring lines (viewInTurns); also the
   * newest page while the data file is read back (newest-while-loading.ts).
   */
  async readLines(lines: number[], hitsOnly = false): Promise<Map<number, StoredLineView>> {
    const views = new Map<number, StoredLineView>();
    const pools = new ValuePools();
    const slicer = new Slicer();
    for (let i = 0; i < lines.length;) {
      const first = lines[i] as number;
      const start = this.index.lineOffset(first);
      let j = i + 1;
      while (
        j < lines.length &&
        lines[j] === (lines[j - 1] as number) + 1 &&
        this.index.lineOffset(lines[j] as number) - start < SPAN_BYTES
      ) {
        j++;
      }
      const last = lines[j - 1] as number;
      const end = this.index.lineOffset(last) + this.index.lineLength(last);
      const bytes = await readRange(this.reader(), start, end - start);
      for (let k = i; k < j; k++) {
        const line = lines[k] as number;
        const from = this.index.lineOffset(line) - start;
        const lineBytes = bytes.subarray(from, from + this.index.lineLength(line));
        const view = await this.viewInTurns(line, lineBytes, pools, hitsOnly);
        if (view) {
          if (lineBytes.length > WHOLE_HIT_BYTES) await view.prepareInTurns();
          views.set(line, view);
        }
        await slicer.tick();
      }
      i = j;
    }
    return views;
  }

  private async columnTests(filter: HitFilter, slicer: Slicer): Promise<ColumnTests> {
    const { columns, rest } = columnPart(filter);
    return {
      columns,
      query: columnQueryTest(filter.query),
      text: rest
        ? await textCandidates(
            this.texts,
            filter,
            (visit) => this.hitsWithFindings(filter, visit),
            (id) => (this.memory.get(id)?.seq ?? 0) - 1,
            () => slicer.tick(),
          )
        : null,
      rest,
      findingsOf: columns.hasIssues === undefined ? undefined : filter.findingsOf,
    };
  }

  /**
   * The hits with cross-hit findings: as the filter lists them, else asked of each hit in
   * memory (the visit engine keeps findings for the newest hits only).
   */
  private hitsWithFindings(filter: HitFilter, visit: Parameters<HitsWithFindings>[0]): void {
    if (filter.everyFinding) return filter.everyFinding(visit);
    const findingsOf = filter.findingsOf;
    if (!findingsOf) return;
    for (const hit of this.memory.matchingOldestFirst({})) {
      const findings = findingsOf(hit.id);
      visit(hit.id, findings, () => findings);
    }
  }

  /** The compact hit at `position` when the in-memory window holds it. */
  private inMemory(position: number): CompactHit | undefined {
    return this.memory.atSeq(position + 1);
  }

  /**
   * Whether the hit at `position` has cross-hit findings. The visit engine keeps findings for
   * the hits of its visits, which are the newest ones; a hit past the memory window is judged
   * by the issues it was stored with.
   */
  private hasFindings(position: number, findingsOf: HitFilter['findingsOf']): boolean {
    if (!findingsOf) return false;
    const hit = this.inMemory(position);
    return hit !== undefined && findingsOf(hit.id).length > 0;
  }

  /** Candidate positions of `line` by the index columns (and request id hash). */
  private candidates(
    line: number,
    tests: ColumnTests,
    requestHash: number | null,
    probe: Probe,
  ): number[] {
    if (requestHash !== null && this.index.lineHash(line) !== requestHash) return [];
    const found: number[] = [];
    const end = this.index.lineFirstHit(line + 1);
    for (let p = this.index.lineFirstHit(line); p < end; p++) {
      if (tests.text && !tests.text(p)) continue;
      probe.type = this.index.typeOf(p) ?? '';
      probe.outcome = this.index.outcomeOf(p) ?? '';
      probe.idsite = this.index.siteOf(p);
      probe.issues =
        this.index.hasIssues(p) || this.hasFindings(p, tests.findingsOf) ? ONE_ISSUE : NO_ISSUES;
      if (!matchesHitFilter(probe as unknown as HitDto, tests.columns)) continue;
      if (tests.query && !tests.query(probe as unknown as QueryRow)) continue;
      found.push(p);
    }
    return found;
  }

  /**
   * Matching hits newest first after the cursor `before` (a `next` given before), and how
   * many match in all (memory and disk). The walk reads only lines with a candidate hit.
   */
  async search(filter: HitFilterDto, limit: number, before?: string | null): Promise<HitPage> {
    const generation = this.generation;
    const changes = this.places.changeCount;
    const index = this.index;
    let start = index.hits - 1;
    if (before) start = (await this.cursorPlaceInTurns(before)) - 1;
    const pageOf = (hits: CompactHit[], more: boolean, total: number): HitPage => {
      const cursorAfter = (i: number) => {
        const hit = hits[i];
        return hit ? this.places.cursor(hit.id, hit.seq - 1, changes) : null;
      };
      return { hits, next: more ? cursorAfter(hits.length - 1) : null, total, cursorAfter };
    };
    if (isEmptyHitFilter(filter)) {
      const positions: number[] = [];
      for (let p = start; p >= 0 && positions.length < limit; p--) positions.push(p);
      const hits = await this.hitsAt(positions);
      const more = start - limit >= 0;
      return pageOf(hits, more, index.hits);
    }
    const slicer = new Slicer();
    const tests = await this.columnTests(filter, slicer);
    const rest = tests.rest;
    const requestHash = filter.requestId !== undefined ? idHash(filter.requestId) : null;
    const probe: Probe = { type: '', outcome: '', idsite: null, issues: NO_ISSUES };
    const pagePositions: number[] = [];
    const pageHits: CompactHit[] = [];
    let total = 0;
    let more = false;
    const matches = (hit: CompactHit | undefined): boolean | Promise<boolean> =>
      hit ? matchesInTurns(hit, filter) : false;
    const take = (position: number, hit?: CompactHit) => {
      total++;
      if (position > start) return;
      if (pagePositions.length < limit) {
        pagePositions.push(position);
        if (hit) pageHits.push(hit);
      } else more = true;
    };
    let batch: { line: number; positions: number[] }[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const views = await this.readLines(batch.map((item) => item.line).reverse());
      for (const { line, positions } of batch) {
        const view = views.get(line);
        if (!view) continue;
        const first = index.lineFirstHit(line);
        for (const p of positions) {
          const hit = view.hit(p - first);
          const found = matches(hit);
          if (found === true || (found !== false && (await found))) take(p, hit);
          // A bulk line carries thousands of hits: slices within it too.
          await slicer.tick();
        }
      }
      batch = [];
      batchBytes = 0;
    };
    for (let line = index.lines - 1; line >= 0; line--) {
      const positions = this.candidates(line, tests, requestHash, probe);
      if (positions.length === 0) continue;
      if (!rest) {
        for (const p of positions.reverse()) take(p);
      } else if (this.inMemory(positions[0] as number)) {
        await flush();
        for (const p of positions.reverse()) {
          const hit = this.inMemory(p);
          const found = matches(hit);
          if (found === true || (found !== false && (await found))) take(p, hit);
          await slicer.tick();
        }
      } else {
        batch.push({ line, positions: positions.reverse() });
        batchBytes += index.lineLength(line);
        if (batchBytes >= SPAN_BYTES) await flush();
      }
      await slicer.tick();
      if (this.generation !== generation) return pageOf([], false, 0);
    }
    await flush();
    const hits = rest ? pageHits : await this.hitsAt(pagePositions);
    return pageOf(hits, more, total);
  }

  /** The hits at the given positions, in that order. */
  private async hitsAt(positions: number[]): Promise<CompactHit[]> {
    const missing = [
      ...new Set(positions.filter((p) => !this.inMemory(p)).map((p) => this.index.lineOf(p))),
    ];
    const views = await this.readLines(missing.sort((a, b) => a - b));
    const hits: CompactHit[] = [];
    // A hit of megabytes takes tens of milliseconds to parse: a page of them, one turn each.
    const slicer = new Slicer();
    for (const p of positions) {
      const hit =
        this.inMemory(p) ??
        views.get(this.index.lineOf(p))?.hit(p - this.index.lineFirstHit(this.index.lineOf(p)));
      if (hit) hits.push(hit);
      await slicer.tick();
    }
    return hits;
  }

  /**
   * Every stored line oldest first, as it is when the walk starts (exports): without a filter
   * every request (with or without hits), with one the lines carrying a matching hit, with
   * only those hits. Stops at a reset. `hitsOnly`: a bulk's body is left on disk (readLines).
   */
  async *linesOldestFirst(filter: HitFilterDto, hitsOnly = false): AsyncGenerator<StoredLineHits> {
    const generation = this.generation;
    const all = isEmptyHitFilter(filter);
    const slicer = new Slicer();
    const tests = await this.columnTests(filter, slicer);
    const requestHash = filter.requestId !== undefined ? idHash(filter.requestId) : null;
    const probe: Probe = { type: '', outcome: '', idsite: null, issues: NO_ISSUES };
    const lines = this.index.lines;
    for (let line = 0; line < lines;) {
      const wanted: number[] = [];
      let bytes = 0;
      for (; line < lines && bytes < SPAN_BYTES; line++) {
        if (!all && this.candidates(line, tests, requestHash, probe).length === 0) continue;
        wanted.push(line);
        bytes += this.index.lineLength(line);
      }
      await slicer.tick();
      if (this.generation !== generation) return;
      const views = await this.readLines(wanted, hitsOnly);
      for (const lineNumber of wanted) {
        if (this.generation !== generation) return;
        const view = views.get(lineNumber);
        if (!view) continue;
        if (all) yield { request: view.request, hits: allHits(view) };
        else {
          const hits: CompactHit[] = [];
          for (const hit of allHits(view)) {
            if (matchesHitFilter(hit as unknown as HitDto, filter)) hits.push(hit);
            await slicer.tick();
          }
          if (hits.length > 0) yield { request: view.request, hits };
        }
        await slicer.tick();
      }
    }
  }
}
