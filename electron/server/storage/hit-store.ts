// The hit store: every request and its hits go to an append-only NDJSON file in the data
// dir before the request is answered, then into the in-memory window (newest `maxHits`).
// Restarting on the same data dir streams the file back. Counts cover every hit ever
// stored (memory and file), so the UI can say how many exist only on disk. What went wrong
// with the file (a write the disk refused, records that could not be read back, a record
// cut by a kill) is listed in the summary's alerts.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataAlertDto, HitDto, SummaryDto } from '../../../shared/api/types';
import type { HitStore, HitStoreEvent } from '../contracts';
import { AppendLog } from './append-log';
import { ensurePrivateDir } from './data-dir';
import { readLines, repairTail } from './data-file';
import { UnreadableRecords, setAsideBeforeReset } from './unreadable-records';
import { writeFailure } from './write-failure';
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
/** Where a record cut off at the end of the data file (a kill mid-write) is moved. */
export const TORN_FILE_NAME = 'hits.torn.txt';

export interface HitStoreOptions {
  dataDir: string;
  maxHits: number;
  /** Bytes the in-memory window may hold (estimated); the oldest hits go first past it. */
  maxMemoryBytes?: number;
  derive: HitDeriver;
  /** Parses the parameters of a hit again (they are not kept in memory for most hits). */
  paramsOf: ParamsOf;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** Alerts from elsewhere (saved settings), listed with the store's own in the summary. */
  otherAlerts?: () => DataAlertDto[];
}

export interface LoadReport {
  requests: number;
  hits: number;
  /** Lines that could not be read back; copies are in `unreadableFile`. */
  skippedLines: number;
  unreadableFile?: string;
  /** Bytes of a cut last record moved to the torn file at open. */
  tornBytes: number;
}

export interface PersistentHitStore extends HitStore {
  /** Streams the data file back into memory; tracking adds wait for it. Call once. */
  load(): Promise<LoadReport>;
  readonly dataFile: string;
  /**
   * The hits in memory as kept, oldest first, without their derived views: indexes built
   * from what every hit holds (visits) read them at start without re-analysing each one.
   */
  compactOldestFirst(): Iterable<CompactHit>;
}

type Counts = Omit<
  SummaryDto,
  'inMemory' | 'onDiskOnly' | 'maxHits' | 'alerts' | 'memoryBytes' | 'maxMemoryBytes'
>;

const zeroCounts = (): Counts => ({
  requests: 0,
  hits: 0,
  recorded: 0,
  excluded: 0,
  rejected: 0,
  bulkRequests: 0,
  failedRequests: 0,
});

/** True when `text` is a whole data file line (a record whose newline alone is missing). */
function isDataLine(text: string): boolean {
  try {
    decodeLine(text);
    return true;
  } catch {
    return false;
  }
}

export async function openHitStore(options: HitStoreOptions): Promise<PersistentHitStore> {
  ensurePrivateDir(options.dataDir);
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  const tornFile = join(options.dataDir, TORN_FILE_NAME);
  const log = options.log ?? (() => undefined);
  const { tornBytes } = await repairTail(dataFile, isDataLine, tornFile);
  const appendLog = await AppendLog.open(dataFile);
  const sizeAtOpen = (await stat(dataFile)).size;

  let maxHits = options.maxHits;
  const maxMemoryBytes = options.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
  const memory = new HitMemory(maxHits, undefined, maxMemoryBytes);
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
  /** Why the last write to the data file failed; null once a write succeeds again. */
  let writeError: string | null = null;
  let unreadable: { records: number; file: string } | null = null;

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

  const setWriteError = (next: string | null) => {
    if (next === writeError) return;
    writeError = next;
    emit({ type: 'alerts' });
  };

  const alerts = (): DataAlertDto[] => {
    const list: DataAlertDto[] = [];
    if (writeError) list.push({ kind: 'write-failed', message: writeError });
    if (unreadable) {
      list.push({
        kind: 'unreadable-records',
        message:
          `${unreadable.records === 1 ? '1 record' : `${unreadable.records} records`} of ` +
          `the data file could not be read, kept in ${unreadable.file}`,
        file: unreadable.file,
      });
    }
    if (tornBytes > 0) {
      list.push({
        kind: 'torn-tail',
        message: `A record cut off by an interrupted write (${tornBytes} bytes, never acknowledged) was moved to ${tornFile}`,
        file: tornFile,
      });
    }
    return [...list, ...(options.otherAlerts?.() ?? [])];
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
      const setAside = new UnreadableRecords(options.dataDir, dataFile);
      try {
        await readLines(dataFile, sizeAtOpen, {
          line(text, number) {
            let request: StoredRequest;
            let hits: CompactHit[];
            try {
              // A line may be valid JSON yet lack fields a record needs: set aside too.
              const line = decodeLine(text);
              request = storedRequestOf(line.request, pools);
              const first = seq;
              hits = line.hits.map((stored, i) =>
                hydrateHit(stored, request, first + i + 1, pools, options.paramsOf),
              );
            } catch (error) {
              setAside.add(number, text, (error as Error).message);
              return;
            }
            seq += hits.length;
            count(request, hits);
            memory.insert(request, hits);
            report.requests++;
            report.hits += hits.length;
          },
          overlong: (number, head, bytes, offset) =>
            setAside.addOverlong(number, head, bytes, offset),
        });
      } finally {
        loadDone = true;
        markLoaded();
        const kept = setAside.finish();
        if (kept) {
          unreadable = kept;
          report.skippedLines = kept.records;
          report.unreadableFile = kept.file;
          emit({ type: 'alerts' });
        }
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
      try {
        await appendLog.append(encodeLine(stored, compact));
      } catch (error) {
        setWriteError(writeFailure(error, dataFile));
        throw error;
      }
      setWriteError(null);
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

    compactOldestFirst: () => memory.matchingOldestFirst({}),

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
        memoryBytes: memory.bytes,
        ...(Number.isFinite(maxMemoryBytes) ? { maxMemoryBytes } : {}),
        alerts: alerts(),
      };
    },

    async reset() {
      if (loadStarted) await loaded;
      // The unreadable lines go with the file: their copies must outlive the next load.
      if (unreadable) setAsideBeforeReset(unreadable.file);
      unreadable = null;
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
