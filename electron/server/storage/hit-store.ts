// The hit store: every request and its hits go to an append-only NDJSON file in the data
// dir before the request is answered, then into the in-memory window (newest `maxHits`).
// Restarting on the same data dir streams the file back. Counts cover every hit ever
// stored (memory and file), so the UI can say how many exist only on disk.
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HitDto, SummaryDto } from '../../../shared/api/types';
import type { HitStore, HitStoreEvent } from '../contracts';
import { AppendLog } from './append-log';
import { readLines, repairTornTail } from './data-file';
import { HitMemory } from './hit-memory';
import {
  decodeLine,
  toRequestDto,
  type CompactHit,
  type ParamsOf,
  type StoredRequest,
} from './stored-record';
import { encodeLine } from './encode-line';
import { compactHit, hydrateHit, storedRequestOf, toHitDto, type HitDeriver } from './compact';
import { ValuePools } from './string-pool';

export const DATA_FILE_NAME = 'hits.ndjson';

export interface HitStoreOptions {
  dataDir: string;
  maxHits: number;
  derive: HitDeriver;
  /** Parses the parameters of a hit again (they are not kept in memory for most hits). */
  paramsOf: ParamsOf;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

export interface LoadReport {
  requests: number;
  hits: number;
  skippedLines: number;
  tornBytes: number;
}

export interface PersistentHitStore extends HitStore {
  /** Streams the data file back into memory; tracking adds wait for it. Call once. */
  load(): Promise<LoadReport>;
  readonly dataFile: string;
}

type Counts = Omit<SummaryDto, 'inMemory' | 'onDiskOnly' | 'maxHits'>;

const zeroCounts = (): Counts => ({
  requests: 0,
  hits: 0,
  recorded: 0,
  excluded: 0,
  rejected: 0,
  bulkRequests: 0,
  failedRequests: 0,
});

export async function openHitStore(options: HitStoreOptions): Promise<PersistentHitStore> {
  mkdirSync(options.dataDir, { recursive: true });
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  const log = options.log ?? (() => undefined);
  const tornBytes = await repairTornTail(dataFile);
  const appendLog = await AppendLog.open(dataFile);
  const sizeAtOpen = (await stat(dataFile)).size;

  let maxHits = options.maxHits;
  const memory = new HitMemory(maxHits);
  const pools = new ValuePools();
  const listeners = new Set<(event: HitStoreEvent) => void>();
  const orders = new Set<string>();
  let counts = zeroCounts();
  let seq = 0;
  let closed = false;
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  let loadStarted = false;
  let loadDone = false;

  const count = (request: StoredRequest, hits: readonly CompactHit[]) => {
    counts.requests++;
    if (request.transport === 'bulk') counts.bulkRequests++;
    if (request.error) counts.failedRequests++;
    for (const hit of hits) {
      counts.hits++;
      counts[hit.outcome]++;
      if (hit.order) orders.add(hit.order);
    }
  };

  const emit = (event: HitStoreEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log('error', 'A hit store listener failed', { err: (error as Error).message });
      }
    }
  };

  const materialize = (hit: CompactHit): HitDto => {
    return toHitDto(hit, options.derive(hit));
  };

  const store: PersistentHitStore = {
    dataFile,
    async load() {
      if (loadStarted) throw new Error('The data file is already loaded.');
      loadStarted = true;
      const report: LoadReport = { requests: 0, hits: 0, skippedLines: 0, tornBytes };
      try {
        await readLines(dataFile, sizeAtOpen, (text) => {
          let line;
          try {
            line = decodeLine(text);
          } catch {
            report.skippedLines++;
            return;
          }
          const request = storedRequestOf(line.request, pools);
          const hits = line.hits.map((stored) =>
            hydrateHit(stored, request, ++seq, pools, options.paramsOf),
          );
          count(request, hits);
          memory.insert(request, hits);
          report.requests++;
          report.hits += hits.length;
        });
      } finally {
        loadDone = true;
        markLoaded();
      }
      if (report.skippedLines > 0 || tornBytes > 0) {
        log('warn', 'Parts of the data file could not be read back', { ...report, dataFile });
      }
      return report;
    },

    async add(request, hits) {
      if (closed) throw new Error('The hit store is closed.');
      // Only while loading: once loaded, an add costs no extra turn of the microtask queue.
      const pending = store.loading();
      if (pending) await pending;
      const stored = storedRequestOf(request, pools);
      const compact = hits.map((hit) => compactHit(hit, stored, ++seq, pools, options.paramsOf));
      await appendLog.append(encodeLine(stored, compact));
      count(stored, compact);
      memory.insert(stored, compact);
      emit({ type: 'added', request, hits });
    },

    query(filter, page) {
      const result = memory.query(filter, Math.max(0, page.limit), page.before);
      return { hits: result.hits.map(materialize), next: result.next, total: result.total };
    },

    all(filter) {
      return Array.from(store.iterate(filter));
    },

    *iterate(filter) {
      for (const hit of memory.matching(filter)) yield materialize(hit);
    },

    *iterateOldestFirst(filter) {
      for (const hit of memory.matchingOldestFirst(filter)) yield materialize(hit);
    },

    *requestsInArrivalOrder() {
      for (const request of memory.requestsInArrivalOrder()) yield toRequestDto(request);
    },

    get(id) {
      const hit = memory.get(id);
      return hit ? materialize(hit) : undefined;
    },

    getRequest(id) {
      const request = memory.request(id);
      return request ? toRequestDto(request) : undefined;
    },

    failedRequests(limit) {
      return memory
        .hitlessRequests(Number.MAX_SAFE_INTEGER)
        .filter((request) => request.error)
        .slice(0, limit)
        .map(toRequestDto);
    },

    summary() {
      return {
        ...counts,
        inMemory: memory.size,
        onDiskOnly: counts.hits - memory.size,
        maxHits,
      };
    },

    async reset() {
      if (loadStarted) await loaded;
      await appendLog.truncate();
      memory.clear();
      pools.clear();
      orders.clear();
      counts = zeroCounts();
      emit({ type: 'reset' });
    },

    seenOrders: () => orders,

    loading: () => (loadStarted && !loadDone ? loaded : null),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    setMaxHits(next) {
      maxHits = next;
      memory.setMaxHits(next);
    },

    async close() {
      if (closed) return;
      closed = true;
      await appendLog.close();
    },
  };
  return store;
}
