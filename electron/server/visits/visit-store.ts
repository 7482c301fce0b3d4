// Visits over the hit store: every hit is assigned to its visit as it is stored, and once
// more, oldest first, after the data file is read back at start (the visit id is computed,
// never written to the data file). Hits read through this store carry their visit id, the
// reason when they open a visit, and their cross-hit findings among their issues.
import type { HitDto, HitFilterDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitFilter } from '../../../shared/api/hit-filter';
import type { SiteProfile } from '../../../shared/matomo/types';
import { VisitIndex } from '../../../shared/visits';
import { fullReferrerOf } from '../../../shared/visits/full-referrer';
import { orderItemsSteps } from '../../../shared/visits/order-items';
import { inTurns } from '../../../shared/steps';
import { withFindings } from '../../../shared/visits/with-findings';
import type { HitStoreEvent } from '../contracts';
import type { PersistentHitStore } from '../storage/hit-store';
import { Slicer } from '../storage/journal-scan';
import { visitInputOf } from './visit-input';
import { AnnouncedEvent } from './announced-event';
import { assignedCopy } from '../literal-copy';
import type { AddedEvent } from '../added-hits';

export interface VisitStoreOptions {
  sites: () => readonly SiteProfile[];
  maxHits: number;
  log?: (msg: string, err: string) => void;
}

export interface VisitStore {
  store: PersistentHitStore;
  visits: VisitIndex;
  /** Resolves once the stored hits have been assigned to their visits. */
  rebuilt(): Promise<void>;
  /** Forms the visits of the stored hits again (the rules changed); resolves when done. */
  reform(): Promise<void>;
  /** Called each time the stored hits' visits were formed again (their visit ids may differ). */
  onReformed(listener: () => void): () => void;
}

/** Hits of one stored request above which their visits are assigned in slices. */
const QUEUED_ADD_HITS = 500;
const ASSIGN_SLICE = 100;

export function withVisitStore(inner: PersistentHitStore, options: VisitStoreOptions): VisitStore {
  // Search engines and social networks told apart from websites, as Matomo's attribution does.
  const visits = new VisitIndex({
    sites: options.sites,
    maxHits: options.maxHits,
    referrerOf: fullReferrerOf,
  });
  const listeners = new Set<(event: HitStoreEvent) => void>();
  /** Hits stored while the stored ones are still being assigned: assigned after them. */
  let pending: { hits: HitDto[]; request: RequestRecordDto }[] | null = null;
  let rebuilding: Promise<void> = Promise.resolve();
  let generation = 0;
  /** Rebuilds started: only the latest one assigns the hits stored while it ran. */
  let rebuilds = 0;

  const assign = (hits: readonly HitDto[], request: RequestRecordDto | undefined) => {
    for (const hit of hits) {
      // A hit the engine cannot place stays without a visit; it never stops the others.
      try {
        visits.assign(visitInputOf(hit, request?.headers));
      } catch (error) {
        options.log?.('A hit could not be assigned to a visit', (error as Error).message);
      }
    }
  };

  /**
   * The hit with its visit and findings, as Object.assign({}, hit, fields) makes it, but by an
   * object literal (literal-copy.ts): a spread copy given more properties afterwards gets a
   * hidden class of its own, which kept the hit's records and analysis alive into the old
   * generation (see announced-event.ts), and Object.assign made a table of properties, slow
   * to copy and to write as JSON for every hit the live stream sends.
   */
  const decorate = (hit: HitDto): HitDto => {
    const visit = visits.visitOfHit(hit.id);
    const findings = visits.findingsOf(hit.id);
    if (!visit && findings.length === 0) return hit;
    const issues = withFindings(hit.issues, findings);
    if (!visit) return assignedCopy(hit, { issues });
    const reason = visit.firstHitId === hit.id ? visit.boundary : visit.noteOf(hit.id);
    const ofVisit: Partial<HitDto> = { issues, visitId: visit.id, visitorId: visit.visitorId };
    if (reason) ofVisit.visitReason = reason;
    return assignedCopy(hit, ofVisit);
  };

  /** The event announced once its hits are assigned (announced-event.ts). */
  const announced = (event: AddedEvent): AddedEvent => new AnnouncedEvent(event, decorate);

  // Filters read a hit's visit and its cross-hit findings where the store keeps neither.
  const withVisitLookup = (filter: HitFilterDto): HitFilter =>
    filter.query === undefined && filter.q === undefined && filter.hasIssues === undefined
      ? filter
      : {
          ...filter,
          visitOf: (hitId: string) => {
            const visit = visits.visitOfHit(hitId);
            return visit ? { visitId: visit.id, visitorId: visit.visitorId } : undefined;
          },
          // Filters only read findings: they get the ones made once per hit.
          findingsOf: (hitId: string) => visits.findingsToRead(hitId),
          everyFinding: (visit) => visits.forEachFindingToRead(visit),
        };

  const emit = (event: HitStoreEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.log?.('A hit store listener failed', (error as Error).message);
      }
    }
  };

  /**
   * Stored hits of a large bulk, and whatever is stored after them, are assigned in slices and
   * announced once assigned, in order: the store's write turn stays short.
   */
  const backlog: AddedEvent[] = [];
  const drainBacklog = async () => {
    const started = generation;
    const slicer = new Slicer();
    while (backlog.length > 0 && generation === started) {
      const event = backlog[0]!;
      for (let i = 0; i < event.hits.length; i += ASSIGN_SLICE) {
        assign(event.hits.slice(i, i + ASSIGN_SLICE), event.request);
        await slicer.tick();
        if (generation !== started) return;
      }
      backlog.shift();
      emit(announced(event));
    }
  };

  inner.subscribe((event) => {
    if (event.type === 'reset') {
      visits.clear();
      generation++;
      backlog.length = 0;
      if (pending) pending = [];
    } else if (event.type === 'added') {
      if (pending) pending.push({ hits: event.hits, request: event.request });
      else if (backlog.length > 0 || event.hits.length > QUEUED_ADD_HITS) {
        backlog.push(event);
        if (backlog.length === 1) void drainBacklog();
        return;
      } else assign(event.hits, event.request);
      emit(announced(event));
      return;
    }
    emit(event);
  });

  /**
   * Assigns the stored hits oldest first, a slice of time per turn of the event loop: 500
   * hits a turn (100,000 in memory after a restart) took tens of milliseconds each, and a
   * tracking request sent meanwhile waited for them.
   */
  const rebuild = async () => {
    const started = generation;
    const run = ++rebuilds;
    pending = [];
    const slicer = new Slicer();
    for (const hit of inner.compactOldestFirst()) {
      if (generation !== started) break;
      try {
        // Each hit is read once here: its parameters, parsed again, are not cached, where
        // they outlived the young generation's collections of thousands of hits after them.
        const params = hit.paramsReadOnce();
        // An order's ec_items may hold megabytes: its items are read in steps, as on arrival.
        const decoded =
          hit.type === 'ecommerce_order'
            ? { ec_items: await inTurns(orderItemsSteps(params), () => slicer.tick()) }
            : undefined;
        if (generation !== started) break;
        visits.assign(visitInputOf(hit, hit.request.headers, decoded, params));
      } catch (error) {
        options.log?.('A stored hit could not be assigned to a visit', (error as Error).message);
      }
      await slicer.tick();
    }
    // The hits stored meanwhile, in order, in slices like a large bulk's: assigned at once,
    // the bulks that arrived during a long rebuild held the event loop some 25 ms each
    // (10,000 page views). Those stored during this assignment wait in `pending` behind them;
    // after a reset, only the hits stored since are left there.
    while (run === rebuilds && pending !== null && pending.length > 0) {
      const { hits, request } = pending.shift()!;
      const assigning = generation;
      for (let i = 0; i < hits.length && generation === assigning; i += ASSIGN_SLICE) {
        assign(hits.slice(i, i + ASSIGN_SLICE), request);
        await slicer.tick();
      }
    }
    if (run === rebuilds) pending = null;
  };

  const reformedListeners = new Set<() => void>();
  const reform = async () => {
    visits.clear();
    const started = ++generation;
    // Hits waiting to be assigned are stored: the rebuild assigns them. They are announced
    // now, in order, since the stopped drain would never announce them. Decorated against the
    // emptied index, they cost little: 27 ms for 160,000 queued hits.
    for (const event of backlog.splice(0)) emit({ ...event, hits: event.hits.map(decorate) });
    rebuilding = rebuild();
    await rebuilding;
    // A reform overtaken by a newer one (or a reset) says nothing: the newer one will.
    if (generation !== started) return;
    for (const listener of reformedListeners) {
      try {
        listener();
      } catch (error) {
        options.log?.('A visits listener failed', (error as Error).message);
      }
    }
  };

  async function* decorated(hits: AsyncIterable<HitDto>): AsyncIterable<HitDto> {
    for await (const hit of hits) yield decorate(hit);
  }

  const store: PersistentHitStore = {
    get dataFile() {
      return inner.dataFile;
    },
    async load() {
      const report = await inner.load();
      rebuilding = rebuild();
      await rebuilding;
      return report;
    },
    add: (request, hits) => inner.add(request, hits),
    compactOldestFirst: () => inner.compactOldestFirst(),
    query(filter, page) {
      const result = inner.query(withVisitLookup(filter), page);
      return { ...result, hits: result.hits.map(decorate) };
    },
    async search(filter, page) {
      const result = await inner.search(withVisitLookup(filter), page);
      return { ...result, hits: result.hits.map(decorate) };
    },
    async *storedOldestFirst(filter, reading) {
      const lines = inner.storedOldestFirst(withVisitLookup(filter), reading);
      for await (const line of lines) {
        yield { request: line.request, hits: decorated(line.hits) };
      }
    },
    ready: () => inner.ready(),
    saveSnapshot: () => inner.saveSnapshot(),
    // The deleted run's hits leave their visits: the visits are formed again from what is left.
    ...(inner.dropRun
      ? {
          async dropRun(run: string) {
            const removed = await inner.dropRun!(run);
            await reform();
            return removed;
          },
        }
      : {}),
    all: (filter) => inner.all(withVisitLookup(filter)).map(decorate),
    matchingIdsInTurns: (filter) => inner.matchingIdsInTurns(withVisitLookup(filter)),
    hitCursor: (hitId) => inner.hitCursor?.(hitId) ?? hitId,
    cursorPlace: (cursor) => inner.cursorPlace?.(cursor) ?? null,
    positionOf: (hitId) => inner.positionOf?.(hitId),
    *iterate(filter) {
      for (const hit of inner.iterate(withVisitLookup(filter))) yield decorate(hit);
    },
    *iterateOldestFirst(filter) {
      for (const hit of inner.iterateOldestFirst(withVisitLookup(filter))) yield decorate(hit);
    },
    requestsInArrivalOrder: () => inner.requestsInArrivalOrder(),
    // A hit's visit and findings change neither its URL nor its title.
    describeManyInTurns: (ids) => inner.describeManyInTurns(ids),
    get(id) {
      const hit = inner.get(id);
      return hit ? decorate(hit) : undefined;
    },
    getRequest: (id) => inner.getRequest(id),
    lostHit: (id) => inner.lostHit?.(id),
    async detail(id, views) {
      const found = await inner.detail(id, views);
      return found ? { ...found, hit: decorate(found.hit) } : undefined;
    },
    failedRequests: (limit) => inner.failedRequests(limit),
    summary: () => inner.summary(),
    reset: () => inner.reset(),
    seenOrders: () => inner.seenOrders(),
    loading: () => inner.loading(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setMaxHits(maxHits) {
      inner.setMaxHits(maxHits);
      visits.setMaxHits(maxHits);
    },
    close: () => inner.close(),
  };
  return {
    store,
    visits,
    rebuilt: () => rebuilding,
    reform,
    onReformed(listener) {
      reformedListeners.add(listener);
      return () => reformedListeners.delete(listener);
    },
  };
}
