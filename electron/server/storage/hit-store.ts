// The hit store: every request and its hits go to an append-only NDJSON file in the data
// dir before the request is answered, then into the in-memory window (newest `maxHits`,
// bounded by bytes) and the index of the file (journal-index.ts), through which every hit on
// disk stays reachable by id, search and export (journal-view.ts). Restarting on the same data
// dir reads the file back in two passes: a quick one for where lines start and the recorded
// orders (tracking is answered after it), then the full read in the background. The quick
// pass starts from a saved snapshot of the line starts and orders when one still matches the
// file (index-snapshot.ts), so only the lines written after it are scanned. Counts cover
// every hit ever stored (memory and file). What went wrong
// with the file (a write the disk refused, records that could not be read back, a record
// cut by a kill) is listed in the summary's alerts.
import { unknownDevice } from '../../../shared/matomo/user-agent';
import { describeHit, type HitDescription } from '../../../shared/visits';
import { stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { isEmptyHitFilter, type HitFilter } from '../../../shared/api/hit-filter';
import type { DataAlertDto, HitDto, HitsPageDto, SummaryDto } from '../../../shared/api/types';
import type { HitStore, HitStoreEvent, HitViews } from '../contracts';
import { AppendLog } from './append-log';
import { ensurePrivateDir } from './data-dir';
import { readLines, repairTail } from './data-file';
import {
  setAsideBeforeReset,
  setAsideMessage,
  unreadableFileOf,
  UnreadableRecords,
  type SetAside,
} from './unreadable-records';
import { LostHits } from './lost-hits';
import { writeFailure } from './write-failure';
import { HitMemory } from './hit-memory';
import { bodyIsOnDisk, windowRequest, withBodyOnDisk } from './body-on-disk';
import { JournalIndex, lineRequestId } from './journal-index';
import { openReader, readRange, scanLineStarts, Slicer, yieldToLoop } from './journal-scan';
import { decodeLineSalvaging, readLineSalvaging } from './decode-line';
import type { KeptPieces, Salvage } from './salvage-line';
import { JournalView } from './journal-view';
import { cursorHitId, HitPlaces } from './hit-places';
import { LinesAsLoaded, newestWhileLoading } from './newest-while-loading';
import { filteredWalk } from './filtered-while-loading';
import { SearchText } from './search-text';
import { SearchIndexer } from './search-indexer';
import { readSnapshot, SNAPSHOT_FILE_NAME } from './index-snapshot';
import { SNAPSHOT_EVERY_MS, SnapshotKeeper } from './snapshot-keeper';
import {
  decodeLine,
  splitHitId,
  type CompactHit,
  type ParamsOf,
  type StoredLine,
  type StoredRequest,
} from './stored-record';
import { encodeLine, encodeLineInSlices, hasLongText, reuseLinePieces } from './encode-line';
import { dropLines } from './drop-lines';
import {
  compactHit,
  hydrateHit,
  storedRequestOf,
  toHitDto,
  type HitDeriver,
  type HitDeriverInTurns,
} from './compact';
import { ReadBackProgress } from './read-back-progress';
import { ValuePools } from './string-pool';
import { seedDevices, type RememberDevice } from './seed-devices';

export const DATA_FILE_NAME = 'hits.ndjson';
/** Where a record cut off at the end of the data file (a kill mid-write) is moved. */
export const TORN_FILE_NAME = 'hits.torn.txt';
/** Hits from which a request's line is built and read back in slices (encode-line.ts). */
export const SLICED_LINE_HITS = 1000;

export interface HitStoreOptions {
  dataDir: string;
  maxHits: number;
  /** Bytes the in-memory window may hold (estimated); the oldest hits go first past it. */
  maxMemoryBytes?: number;
  derive: HitDeriver;
  /**
   * The same over turns of the event loop, for the reads that may wait (a page of hits, one
   * hit by id); without it they derive in one go.
   */
  deriveInTurns?: HitDeriverInTurns;
  /** Parses the parameters of a hit again (they are not kept in memory for most hits). */
  paramsOf: ParamsOf;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** Alerts from elsewhere (saved settings), listed with the store's own in the summary. */
  otherAlerts?: () => DataAlertDto[];
  /**
   * Awaited between the quick pass and the full read: start-up work that tracking needs too
   * (the device detector's warm-up) gets the processor first, so tracking opens sooner.
   */
  fullReadAfter?: Promise<void>;
  /** Told the devices of the newest stored hits during the quick pass (seed-devices.ts). */
  rememberDevice?: RememberDevice;
  /** How often the index snapshot is brought up to date (SNAPSHOT_EVERY_MS). */
  snapshotEveryMs?: number;
  /** Bytes a filtered page reads during the read-back before it waits (FILTERED_WALK_BYTES). */
  filteredWalkBytes?: number;
  /** Bytes of lines a filtered page rules out by their bytes before it waits (FILTERED_SKIP_BYTES). */
  filteredSkipBytes?: number;
}

export interface LoadReport {
  requests: number;
  hits: number;
  /** Lines that could not be read back; copies are in `unreadableFile`. */
  skippedLines: number;
  /** Hits lost from bulk lines read back in part (their other hits are loaded). */
  lostHits: number;
  /** Hit pieces of bulk lines left out as none of the hits their request states. */
  extraPieces?: number;
  unreadableFile?: string;
  /** Bytes of a cut last record moved to the torn file at open. */
  tornBytes: number;
  /** Lines and bytes the quick pass took from the saved snapshot instead of scanning them. */
  fromSnapshot: { lines: number; bytes: number } | null;
  /** Why no snapshot was used (none saved, or it no longer matched the data file). */
  snapshotIgnored?: string;
}

export interface PersistentHitStore extends HitStore {
  /**
   * Reads the data file back; call once. Tracking adds wait only for the first, quick pass
   * (`loading()`); searches wait for the whole load (`ready()`).
   */
  load(): Promise<LoadReport>;
  ready(): Promise<void>;
  readonly dataFile: string;
  /** Brings the index snapshot up to date now (it also is periodically and at close). */
  saveSnapshot(): Promise<void>;
  /**
   * The hits in memory as kept, oldest first, without their derived views: indexes built
   * from what every hit holds (visits) read them at start without re-analysing each one.
   */
  compactOldestFirst(): Iterable<CompactHit>;
}

/** The store as opened: with a way to wait for the search entries (tests, benchmarks). */
export interface OpenedHitStore extends PersistentHitStore {
  /**
   * Resolves once every hit stored so far has its search entries (they are built after the
   * answer; searches are right before too, they only read more).
   */
  searchEntriesBuilt(): Promise<void>;
}

type Counts = Omit<
  SummaryDto,
  'inMemory' | 'onDiskOnly' | 'maxHits' | 'alerts' | 'memoryBytes' | 'maxMemoryBytes' | 'readBack'
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

/** What the index keeps of a line read in part (not the bytes of its broken pieces). */
const keptOf = ({ pieces, hits }: Salvage): KeptPieces => ({ pieces, hits });

export async function openHitStore(options: HitStoreOptions): Promise<OpenedHitStore> {
  ensurePrivateDir(options.dataDir);
  const dataFile = join(options.dataDir, DATA_FILE_NAME);
  const tornFile = join(options.dataDir, TORN_FILE_NAME);
  const log = options.log ?? (() => undefined);
  const { tornBytes } = await repairTail(dataFile, isDataLine, tornFile);
  const appendLog = await AppendLog.open(dataFile);
  const sizeAtOpen = (await stat(dataFile)).size;
  let reader: FileHandle = await openReader(dataFile);

  let maxHits = options.maxHits;
  const maxMemoryBytes = options.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
  const memory = new HitMemory(maxHits, undefined, maxMemoryBytes);
  const pools = new ValuePools();
  const listeners = new Set<(event: HitStoreEvent) => void>();
  const orders = new Set<string>();
  const index = new JournalIndex();
  const texts = new SearchText((position, low, high) => index.addHitNames(position, low, high));
  const places = new HitPlaces();
  const view = new JournalView(index, memory, () => reader, options.paramsOf, texts, places);
  // Search entries are built after the answer, in the background (search-indexer.ts).
  const indexer = new SearchIndexer(texts);
  /**
   * Indexes the hits of `line`; their search entries follow in the background (`params`:
   * theirs as analysed on arrival, when at hand).
   */
  const indexHits = (
    line: number,
    hits: CompactHit[],
    params: HitDto['params'][] | null,
    readBack = false,
  ) => {
    index.setHits(line, hits);
    indexer.enqueue(hits, params, readBack);
  };
  let counts = zeroCounts();
  let closed = false;
  let markOrdersKnown: () => void = () => undefined;
  const ordersKnown = new Promise<void>((resolve) => (markOrdersKnown = resolve));
  let markLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  let loadStarted = false;
  /** The quick pass is over: tracking goes on while the rest loads. */
  let firstPassDone = false;
  let loadDone = false;
  /**
   * Set when the store closed during the read-back, which then stopped: the index knows only
   * the lines before, and is never saved as the whole file's.
   */
  let readBackCut = false;
  /** Set from the start of the load until the whole data file is read back. */
  let readBack: ReadBackProgress | null = null;
  /** Hits of the adds whose lines are being written (not yet indexed nor pending). */
  let writing = 0;
  /** Lines written while the full read was under way: indexed once it is over, in order. */
  let pending: {
    offset: number;
    length: number;
    request: StoredRequest;
    kept: StoredRequest | null;
    hits: CompactHit[];
    params: HitDto['params'][];
  }[] = [];
  /** Why the last write to the data file failed; null once a write succeeds again. */
  let writeError: string | null = null;
  let unreadable: SetAside | null = null;
  const lostHits = new LostHits(unreadableFileOf(options.dataDir));
  /** Set while the index is built again after a rewrite of the data file. */
  let reindexing: Promise<void> | null = null;
  const snapshots = new SnapshotKeeper(
    join(options.dataDir, SNAPSHOT_FILE_NAME),
    {
      current: () =>
        loadDone && !reindexing && !readBackCut
          ? { ...index.wholeLinesFromStart(), orders: [...orders] }
          : null,
      kindsOf: async (lines) => {
        const slicer = new Slicer();
        // Hits still without search entries: their names alone, the entries left for later.
        await indexer.tellWaitingNames(() => slicer.tick());
        return index.keptKinds(lines);
      },
      reader: () => reader,
    },
    (err) => log('warn', 'The index snapshot could not be saved', { err }),
  );

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
    emit({ type: 'summary' });
  };

  const alerts = (): DataAlertDto[] => {
    const list: DataAlertDto[] = [];
    if (writeError) list.push({ kind: 'write-failed', message: writeError });
    if (unreadable) {
      list.push({
        kind: 'unreadable-records',
        message: setAsideMessage(unreadable),
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

  const materialize = (hit: CompactHit, views: HitViews = 'full'): HitDto => {
    return toHitDto(hit, options.derive(hit, views));
  };

  /** A request acknowledged while the data file is still read back. */
  const pendingRequest = (id: string) => pending.find((line) => line.request.id === id)?.request;

  const deriveInTurns = options.deriveInTurns;
  /**
   * `readOnce` for a hit read once (an export): its parameters are parsed again, not cached,
   * where a cache would only keep them alive past the young generation's collections.
   */
  const materializeInTurns = async (
    hit: CompactHit,
    views: HitViews = 'full',
    readOnce = false,
  ): Promise<HitDto> => {
    const derived = deriveInTurns ? await deriveInTurns(hit, views) : options.derive(hit, views);
    if (!readOnce) return toHitDto(hit, derived, hit.params);
    // The parameters the views were parsed with, when they were: not parsed a second time.
    return toHitDto(hit, derived, hit.keptParams ?? derived.params ?? hit.paramsReadOnce());
  };

  /** Full hits one at a time, giving the event loop back between slices (searches, exports). */
  async function* materializeInSlices(
    hits: Iterable<CompactHit>,
    views: HitViews = 'full',
    readOnce = false,
  ): AsyncGenerator<HitDto> {
    const slicer = new Slicer();
    for (const hit of hits) {
      yield await materializeInTurns(hit, views, readOnce);
      await slicer.tick();
    }
  }

  /** Full hits with their derived views left empty, one at a time, in slices (CSV exports). */
  async function* withoutViews(hits: Iterable<CompactHit>): AsyncGenerator<HitDto> {
    const slicer = new Slicer();
    for (const hit of hits) {
      const derived = { occurrences: [], decoded: {}, device: unknownDevice(hit.userAgent) };
      yield toHitDto(hit, derived, hit.paramsReadOnce());
      await slicer.tick();
    }
  }

  /**
   * Into the in-memory window: `kept` is the request as the window keeps it, large bodies
   * left on disk (body-on-disk.ts), and the hits were built against it; null keeps nothing.
   */
  const toWindow = (kept: StoredRequest | null, hits: CompactHit[]) => {
    if (kept !== null) memory.insert(kept, hits);
  };

  /**
   * The newest hits, from the lines the quick pass found and those stored since; `total`
   * counts only the hits read back so far (`complete: false`). With a filter, the matching
   * ones (filtered-while-loading.ts), `total` those found; null when the walk gave up.
   */
  const pageWhileLoading = async (
    page: Parameters<HitStore['search']>[1],
    filter: HitFilter,
  ): Promise<HitsPageDto | null> => {
    const limit = Math.max(0, page.limit);
    const all = isEmptyHitFilter(filter);
    const result = await newestWhileLoading(
      view,
      index,
      pending.slice(),
      limit,
      // A cursor of this start names its hit beside its place; the place is not known yet.
      page.before ? cursorHitId(page.before) : null,
      () => reader,
      all ? undefined : filteredWalk(filter, options.filteredWalkBytes, options.filteredSkipBytes),
    );
    if (result.overBudget) return null;
    const found = result.hits.length + (result.next === null ? 0 : 1);
    const hits: HitDto[] = [];
    for await (const hit of materializeInSlices(result.hits, page.views)) hits.push(hit);
    return { hits, next: result.next, total: all ? counts.hits : found, complete: false };
  };

  /**
   * During the read-back, the lines of hit `id`'s request are read as the load reads them,
   * as a page answered meanwhile does, before the hit is looked for: read whole, a damaged
   * bulk's line would show hits the load leaves out, or others under their ids.
   */
  const settleWhileLoading = async (id: string): Promise<void> => {
    const named = splitHitId(id);
    if (named === null || !loadStarted || loadDone || reindexing || memory.get(id)) return;
    const lines = new LinesAsLoaded(view, index, () => reader);
    for (const line of [...index.linesOfRequest(named.requestId)]) await lines.settle(line);
  };

  /** Adds a written line to the index and the window, at its arrival position. */
  const commit = (
    offset: number,
    length: number,
    request: StoredRequest,
    kept: StoredRequest | null,
    hits: CompactHit[],
    params: HitDto['params'][] | null,
  ) => {
    const first = index.hits;
    if (hits.length > 0 && hits[0]?.seq !== first + 1) {
      for (let i = 0; i < hits.length; i++) (hits[i] as CompactHit).moveTo(first + i + 1);
    }
    const line = index.addLine(offset, length, request.id);
    indexHits(line, hits, params);
    toWindow(kept, hits);
  };

  /**
   * Orders recorded in the lines the quick pass marked (each line read and parsed once, a
   * bulk's line hit by hit between turns of the event loop).
   */
  const readOrders = async (lines: { offset: number; length: number }[]) => {
    const slicer = new Slicer();
    for (const { offset, length } of lines) {
      try {
        const bytes = await readRange(reader, offset, length);
        const { line } = await decodeLineSalvaging(bytes, () => slicer.tick());
        for (const hit of line.hits) if (hit.order) orders.add(hit.order);
      } catch {
        // An unreadable line is set aside by the full read.
      }
      await slicer.tick();
    }
  };

  const pendingHit = (id: string): CompactHit | undefined => {
    for (const line of pending) for (const hit of line.hits) if (hit.id === id) return hit;
    return undefined;
  };

  /** One line of the data file as stored records, or why it cannot be read. */
  const readStoredLine = async (
    bytes: Buffer,
    slicer: Slicer,
  ): Promise<
    | {
        request: StoredRequest;
        kept: StoredRequest | null;
        hits: CompactHit[];
        /** Set when the line was read in part: a bulk's line that lost some hits. */
        salvage: Salvage | null;
      }
    | string
  > => {
    let request: StoredRequest | undefined;
    let kept: StoredRequest | null = null;
    try {
      // A line may be valid JSON yet lack fields a record needs: set aside too. A bulk line
      // carries thousands of hits: the server answers between slices, of parsing too. Each
      // hit is made compact as soon as it is parsed, so its parsed form dies young. A bulk's
      // body of megabytes is left unread: the window would leave it on disk anyway.
      const { hits, salvage } = await readLineSalvaging(
        bytes,
        () => slicer.tick(),
        (line, hitCount, bodyLeftOut) => {
          request = storedRequestOf(line, pools);
          // Built against the request as the window keeps it (a large body stays on disk).
          kept = bodyLeftOut ? withBodyOnDisk(request) : windowRequest(request, hitCount);
          const owner = kept ?? request;
          const first = index.hits;
          return (stored, i) => hydrateHit(stored, owner, first + i + 1, pools, options.paramsOf);
        },
        true,
      );
      return { request: request as StoredRequest, kept, hits, salvage };
    } catch (error) {
      return (error as Error).message;
    }
  };

  /** The read-back is over: lines written meanwhile are indexed, in order, and adds commit. */
  const settleLoad = () => {
    index.settle();
    index.forgetSavedKinds();
    for (const line of pending) {
      commit(line.offset, line.length, line.request, line.kept, line.hits, line.params);
    }
    pending = [];
    loadDone = true;
  };

  /**
   * After the data file was rewritten without some records (a deleted run), every later line
   * sits at another offset: the index and the window are built again from the new file, in
   * slices, while new hits wait in `pending` as during the first load.
   */
  const reindex = async () => {
    const old = reader;
    reader = await openReader(dataFile);
    await old.close();
    view.generation++;
    index.clear();
    texts.clear();
    indexer.clear();
    memory.clear();
    pools.clear();
    orders.clear();
    counts = zeroCounts();
    loadDone = false;
    const size = appendLog.flushedSize();
    const orderLines: { offset: number; length: number }[] = [];
    await scanLineStarts(reader, size, (line) => {
      index.addLine(line.offset, line.length, lineRequestId(line.head));
      if (line.hasOrder) orderLines.push(line);
    });
    await readOrders(orderLines);
    const slicer = new Slicer();
    /** The requests read in part that the rewrite kept: the load noted what they lost. */
    const partial = new Set<string>();
    try {
      await readLines(dataFile, size, {
        async line(bytes, number) {
          const read = await readStoredLine(bytes, slicer);
          // The rewrite copied lines the first load already read or set aside.
          if (typeof read === 'string') return;
          index.setRequestId(number - 1, read.request.id);
          if (read.salvage) {
            index.setKeptPieces(number - 1, keptOf(read.salvage));
            partial.add(read.request.id);
          }
          indexHits(number - 1, read.hits, null, true);
          count(read.request, read.hits);
          toWindow(read.kept, read.hits);
          await indexer.drain(() => slicer.tick());
        },
        overlong: () => undefined,
        pause: () => slicer.tick(),
      });
      lostHits.retain(partial);
    } finally {
      settleLoad();
    }
  };

  const store: OpenedHitStore = {
    dataFile,
    saveSnapshot: () => snapshots.save(),
    async load() {
      if (loadStarted) throw new Error('The data file is already loaded.');
      loadStarted = true;
      readBack = new ReadBackProgress(sizeAtOpen, () => emit({ type: 'summary' }));
      emit({ type: 'summary' });
      const report: LoadReport = {
        requests: 0,
        hits: 0,
        skippedLines: 0,
        lostHits: 0,
        tornBytes,
        fromSnapshot: null,
      };
      const setAside = new UnreadableRecords(options.dataDir, dataFile);
      try {
        const saved = await readSnapshot(snapshots.file, reader, sizeAtOpen).catch(
          (error: Error) => ({ ignored: error.message }),
        );
        let scanFrom = 0;
        if ('snapshot' in saved) {
          const { offsets, lengths, hashes, kinds, covered } = saved.snapshot;
          index.restoreLines(offsets, lengths, hashes, kinds);
          for (const key of saved.snapshot.orders) orders.add(key);
          snapshots.loaded(covered);
          report.fromSnapshot = { lines: offsets.length, bytes: covered };
          scanFrom = covered;
        } else {
          report.snapshotIgnored = saved.ignored;
        }
        const orderLines: { offset: number; length: number }[] = [];
        await scanLineStarts(
          reader,
          sizeAtOpen,
          (line) => {
            index.addLine(line.offset, line.length, lineRequestId(line.head));
            if (line.hasOrder) orderLines.push(line);
          },
          scanFrom,
        );
        await readOrders(orderLines);
        if (options.rememberDevice)
          await seedDevices(reader, index, options.paramsOf, options.rememberDevice);
      } catch (error) {
        readBack = null;
        throw error;
      } finally {
        firstPassDone = true;
        markOrdersKnown();
      }
      // An empty data file has nothing to read back: waiting for the warm-up would only keep
      // the first hits out of the window (tracking is answered before the warm-up ends).
      if (sizeAtOpen > 0) await options.fullReadAfter;
      if (closed) {
        // Stopped before the full read began (the server closed during the warm-up).
        readBack = null;
        settleLoad();
        markLoaded();
        return report;
      }
      const slicer = new Slicer();
      try {
        await readLines(dataFile, sizeAtOpen, {
          async line(bytes, number) {
            readBack?.advance(bytes.length + 1);
            const read = await readStoredLine(bytes, slicer);
            if (typeof read === 'string') {
              setAside.add(number, bytes.toString('utf8'), read);
              return;
            }
            index.setRequestId(number - 1, read.request.id);
            if (read.salvage) {
              index.setKeptPieces(number - 1, keptOf(read.salvage));
              setAside.addPartial(number, read.request.id, read.salvage);
              lostHits.note(read.request.id, number, read.salvage.lost);
            }
            indexHits(number - 1, read.hits, null, true);
            count(read.request, read.hits);
            toWindow(read.kept, read.hits);
            // The load keeps pace with the entries rather than queueing a whole file of hits.
            await indexer.drain(() => slicer.tick());
            report.requests++;
            report.hits += read.hits.length;
          },
          overlong: (number, head, bytes, offset) =>
            setAside.addOverlong(number, head, bytes, offset),
          pause: () => slicer.tick(),
          // A stop asked during the read-back of a large file waited for its end (half a
          // minute for a million hits) with nothing to gain: the next start reads it again.
          stopped: () => (readBackCut = closed),
        });
      } finally {
        settleLoad();
        markLoaded();
        readBack = null;
        if (readBackCut) setAside.abandon();
        const kept = readBackCut ? null : setAside.finish();
        if (kept) {
          unreadable = kept;
          report.skippedLines = kept.records;
          report.lostHits = kept.lostHits;
          report.extraPieces = kept.extraPieces;
          report.unreadableFile = kept.file;
        }
        emit({ type: 'summary' });
      }
      if (report.skippedLines > 0 || report.lostHits > 0 || report.extraPieces || tornBytes > 0) {
        log('warn', 'Parts of the data file could not be read back', { ...report, dataFile });
      }
      // Saved now, so that even a kill soon after starts the next run from here.
      if (!closed) {
        void snapshots.save();
        snapshots.every(options.snapshotEveryMs ?? SNAPSHOT_EVERY_MS);
      }
      return report;
    },

    async add(request, hits) {
      if (closed) throw new Error('The hit store is closed.');
      // Only during the quick pass: once over, an add costs no extra turn of the microtask queue.
      const orderPass = store.loading();
      if (orderPass) await orderPass;
      const stored = storedRequestOf(request, pools);
      // The hits are built against the request as the window will keep it (body-on-disk.ts);
      // the line holds the whole request.
      const kept = windowRequest(stored, hits.length);
      // Arrival positions are final when the line is indexed (commit); this is the likely one.
      // Requests answered together are written together: the hits of those still on their
      // way to the file come first, or every one but the first would be built twice.
      const first = index.hits + pending.length + writing;
      writing += hits.length;
      const compactAt = (i: number) =>
        compactHit(hits[i] as HitDto, kept ?? stored, first + i + 1, pools, options.paramsOf);
      let compact: CompactHit[];
      let line: string | Buffer[];
      try {
        if (hits.length < SLICED_LINE_HITS && !hits.some(hasLongText)) {
          // In the same turn: a single hit's add must not wait for a promise of its own.
          compact = hits.map((_, i) => compactAt(i));
          line = encodeLine(stored, compact);
        } else ({ compact, line } = await encodeInSlices());
      } catch (error) {
        writing -= hits.length;
        throw error;
      }
      async function encodeInSlices(): Promise<{ compact: CompactHit[]; line: Buffer[] }> {
        // Each hit is compacted as the sliced encoder reaches it.
        const compact = new Array<CompactHit>(hits.length);
        const slicer = new Slicer();
        const line = await encodeLineInSlices(
          stored,
          hits.length,
          (i) => (compact[i] = compactAt(i)),
          () => slicer.tickIfDue(),
        );
        return { compact, line };
      }
      let offset: number;
      let length: number;
      try {
        const appended = await appendLog.append(line);
        offset = appended.offset;
        // The line without its newline (the encoder ends every line with one).
        length = appended.bytes - 1;
      } catch (error) {
        setWriteError(writeFailure(error, dataFile));
        throw error;
      } finally {
        writing -= hits.length;
        // Written (or refused): the next long line is encoded into the same memory.
        if (typeof line !== 'string') reuseLinePieces(line);
      }
      setWriteError(null);
      count(stored, compact);
      // Search entries are built after the answer (search-indexer.ts), from the parameters
      // as analysed: they need no parse again.
      const params = hits.map((hit) => hit.params);
      if (loadDone || !loadStarted) {
        commit(offset, length, stored, kept, compact, params);
      } else pending.push({ offset, length, request: stored, kept, hits: compact, params });
      emit({ type: 'added', request, hits });
    },

    query(filter, page) {
      const result = memory.query(filter, Math.max(0, page.limit));
      return {
        hits: result.hits.map((hit) => materialize(hit)),
        next: result.next,
        total: result.total,
      };
    },

    async search(filter, page) {
      const orderPass = store.loading();
      if (orderPass) await orderPass;
      // The table's first pages need no exact counts: answered from the line index.
      if (page.whileLoading && loadStarted && !loadDone && !reindexing) {
        const early = await pageWhileLoading(page, filter);
        if (early) return early;
      }
      await store.ready();
      const slicer = new Slicer();
      await indexer.catchUp(() => slicer.tick());
      const result = await view.search(filter, Math.max(0, page.limit), page.before);
      const hits: HitDto[] = [];
      for await (const hit of materializeInSlices(result.hits, page.views)) hits.push(hit);
      return { hits, next: result.next, total: result.total, cursorAfter: result.cursorAfter };
    },

    async *storedOldestFirst(filter, { views = true, bodies = true } = {}) {
      await store.ready();
      for await (const line of view.linesOldestFirst(filter, !bodies)) {
        const hits = views ? materializeInSlices(line.hits, 'full', true) : withoutViews(line.hits);
        yield { request: lostHits.requestDto(line.request), hits };
      }
    },

    ready: () => reindexing ?? (loadStarted && !loadDone ? loaded : Promise.resolve()),

    async searchEntriesBuilt() {
      await store.ready();
      await indexer.whenIdle();
    },

    all(filter) {
      return Array.from(store.iterate(filter));
    },

    *iterate(filter) {
      for (const hit of memory.matching(filter)) yield materialize(hit);
    },

    hitCursor(hitId) {
      const hit = memory.get(hitId);
      return hit ? places.cursor(hitId, hit.seq - 1) : hitId;
    },

    cursorPlace: (cursor) => places.read(cursor).place,

    positionOf(hitId) {
      const hit = memory.get(hitId);
      return hit && hit.seq - 1;
    },

    async *matchingIdsInTurns(filter) {
      const slicer = new Slicer();
      for (const hit of memory.matchingSteps(filter)) {
        if (hit) yield hit.id;
        await slicer.tick();
      }
    },

    *iterateOldestFirst(filter) {
      for (const hit of memory.matchingOldestFirst(filter)) yield materialize(hit);
    },

    compactOldestFirst: () => memory.matchingOldestFirst({}),

    *requestsInArrivalOrder() {
      for (const request of memory.requestsInArrivalOrder()) yield lostHits.requestDto(request);
    },

    get(id) {
      const hit = view.hit(id) ?? pendingHit(id);
      return hit ? materialize(hit) : undefined;
    },

    async detail(id, views) {
      // Right after a start, the quick pass may not have found the line of the hit yet.
      const quickPass = store.loading();
      if (quickPass) await quickPass;
      await settleWhileLoading(id);
      const hit = (await view.hitInTurns(id)) ?? pendingHit(id);
      if (!hit) return undefined;
      const dto = await materializeInTurns(hit, views);
      await yieldToLoop();
      // A request kept without its body (body-on-disk.ts) is read whole from its line.
      const whole = bodyIsOnDisk(hit.request)
        ? ((await view.requestInTurns(hit.requestId)) ?? pendingRequest(hit.requestId))
        : hit.request;
      const request = whole ? lostHits.requestDto(whole) : null;
      return { hit: dto, request };
    },

    async describeManyInTurns(ids) {
      const found = await view.hitsInTurns(ids);
      const described = new Map<string, HitDescription>();
      const slicer = new Slicer();
      for (const id of ids) {
        const hit = found.get(id) ?? pendingHit(id);
        if (hit) described.set(id, describeHit(hit));
        await slicer.tick();
      }
      return described;
    },

    getRequest(id) {
      const request = view.request(id) ?? pendingRequest(id);
      return request ? lostHits.requestDto(request) : undefined;
    },

    lostHit: (id) => lostHits.of(id),

    failedRequests(limit) {
      // Requests stored while the read-back is under way wait in `pending`, newer than any
      // in memory: a refusal answered meanwhile is listed at once.
      const waiting = pending
        .filter((line) => line.hits.length === 0 && line.request.error)
        .map((line) => line.request)
        .reverse();
      return [
        ...waiting,
        ...memory.hitlessRequests(Number.MAX_SAFE_INTEGER).filter((request) => request.error),
      ]
        .slice(0, limit)
        .map((request) => lostHits.requestDto(request));
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
        ...(readBack ? { readBack: readBack.toDto() } : {}),
      };
    },

    async reset() {
      if (loadStarted) await loaded;
      await snapshots.forget();
      // The unreadable lines go with the file: their copies must outlive the next load.
      if (unreadable) setAsideBeforeReset(unreadable.file);
      unreadable = null;
      lostHits.clear();
      await appendLog.truncate();
      view.generation++;
      places.cleared(index.hits);
      memory.clear();
      index.clear();
      texts.clear();
      indexer.clear();
      pools.clear();
      orders.clear();
      counts = zeroCounts();
      emit({ type: 'reset' });
    },

    async dropRun(run) {
      if (loadStarted) await loaded;
      // A cheap look first: only lines that name the run are parsed.
      const marker = `"run":${JSON.stringify(run)}`;
      let removed = 0;
      /** Where the dropped lines started: their hits' positions are noted for cursors. */
      const droppedAt: number[] = [];
      const uncount = (line: StoredLine) => {
        counts.requests--;
        if (line.request.transport === 'bulk') counts.bulkRequests--;
        if (line.request.error) counts.failedRequests--;
        for (const hit of line.hits) {
          counts.hits--;
          counts[hit.outcome]--;
        }
        removed += line.hits.length;
      };
      const ofRun = (line: StoredLine) => {
        if (line.request.run !== run) return false;
        uncount(line);
        return true;
      };
      // Looked for in the bytes, without decoding every line; a name holding U+FFFD (which
      // stands for bytes that are not UTF-8 in the text) is looked for in the text.
      const markerBytes = Buffer.from(marker);
      const namesRun = (bytes: Buffer) =>
        marker.includes('\uFFFD')
          ? bytes.toString('utf8').includes(marker)
          : bytes.includes(markerBytes);
      const slicer = new Slicer();
      try {
        await snapshots.forget();
        await dropLines(appendLog, {
          // A bulk's line is parsed hit by hit, the event loop served in between.
          async inSlices(bytes, offset) {
            await slicer.tick();
            if (!namesRun(bytes)) return false;
            try {
              const line = (await decodeLineSalvaging(bytes, () => slicer.tick())).line;
              if (!ofRun(line)) return false;
              droppedAt.push(offset);
              return true;
            } catch {
              return false;
            }
          },
          now(text, offset) {
            if (!text.includes(marker)) return false;
            try {
              if (!ofRun(decodeLine(text))) return false;
              droppedAt.push(offset);
              return true;
            } catch {
              return false;
            }
          },
        });
        // Noted in the same turn as the numbering changes (reindex starts synchronously).
        places.removed(index.positionsAt(droppedAt));
        reindexing = reindex().finally(() => (reindexing = null));
        await reindexing;
        return removed;
      } catch (error) {
        setWriteError(writeFailure(error, dataFile));
        throw error;
      }
    },

    seenOrders: () => orders,

    loading: () => (loadStarted && !firstPassDone ? ordersKnown : null),

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
      indexer.halt();
      await appendLog.close();
      await snapshots.stop();
      await reader.close();
    },
  };
  return store;
}
