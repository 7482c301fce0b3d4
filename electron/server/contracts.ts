// Interfaces between the parts of the capture server: the HTTP front (tracking endpoint,
// storage, CLI) and the admin API (routes, security, stream, export). Plain Node only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  HitDetailDto,
  HitDto,
  HitFilterDto,
  HitsPageDto,
  LimitsDto,
  LogLineDto,
  RequestRecordDto,
  SettingsDto,
  SummaryDto,
} from '../../shared/api/types';
import type { RawRequest, RequestAnalysis, SiteProfile } from '../../shared/matomo/types';
import type { HitDescription, VisitIndex } from '../../shared/visits';

/**
 * How a hit's derived views (occurrences, decoded values) are rebuilt: `full` from the whole
 * request, `reading` from the request with each long value cut to the beginning an answer
 * meant for reading keeps anyway (shared/api/text-cut.ts): rebuilding the views of a value of
 * megabytes held the server for a tenth of a second per hit.
 */
export type HitViews = 'full' | 'reading';

export interface HitPageRequest {
  limit: number;
  before?: string | null;
  views?: HitViews;
  /**
   * A page may be answered while the data file is still read back after a start, its `total`
   * then only the hits read so far, or the matches found (`complete: false`); without it, or
   * when the filter finds too few among the newest hits, the page waits.
   */
  whileLoading?: boolean;
}

export interface ServerOptions {
  /** 0 picks a free port. Default 8765. */
  port: number;
  /** Default 127.0.0.1. */
  host: string;
  dataDir: string;
  /** Admin API / UI token. */
  token: string;
  debugMode: SettingsDto['debugMode'];
  maxHits: number;
  /** Bytes the in-memory hits may hold (estimated); default: defaultMaxMemoryBytes(). */
  maxMemoryBytes?: number;
  /** Site profiles file (JSON array of SiteProfile), optional. */
  sitesFile?: string;
  logLevel: LogLineDto['level'];
  /** Also write the structured log to stderr (serve mode). */
  logToStderr: boolean;
  limits: LimitsDto;
  /** Directory of the built UI (dist/renderer); the UI is not served when absent. */
  uiDir?: string;
  /**
   * Options given explicitly (command-line flags): they win over settings saved in the data
   * dir. The others are starting values that saved settings (changed in the UI) replace.
   * Default: none, so the desktop app keeps what the user set last time.
   */
  explicit?: ReadonlyArray<'debugMode' | 'maxHits' | 'limits' | 'sites'>;
  /** Site profiles given directly (instead of, or over, `sitesFile`). */
  sites?: SiteProfile[];
  /** Slow-upload guard: a request body that sends nothing for this long gets 408. Default 15 s. */
  bodyIdleTimeoutMs?: number;
  /**
   * Awaited too before the full read of the stored hits after the quick pass (tests hold the
   * read-back with it, to see what the server answers meanwhile).
   */
  fullReadAfter?: Promise<void>;
}

export interface CaptureServer {
  /** Base URL, e.g. http://127.0.0.1:8765 */
  url: string;
  port: number;
  host: string;
  token: string;
  trackerUrl: string;
  /** The UI's one-time sign-in URL (`/?code=…`): it signs one browser in, then is spent. */
  uiUrl: string;
  dataDir: string;
  /** The hit store, for in-process users (the desktop app, tests); always set by startCaptureServer. */
  store?: HitStore;
  /** Stop accepting, flush storage, close. Idempotent. */
  close(): Promise<void>;
}

export type HitStoreEvent =
  | { type: 'added'; request: RequestRecordDto; hits: HitDto[] }
  | { type: 'reset' }
  /**
   * The summary changed without a hit being added: its alerts (the data file failed to take a
   * write, or took one again) or how far the data file has been read back.
   */
  | { type: 'summary' };

export interface StoredRequestHits {
  request: RequestRecordDto;
  /** Built one at a time as they are read (a bulk may carry thousands), in slices. */
  hits: AsyncIterable<HitDto>;
}

/** What a walk over the stored requests reads for each (both by default). */
export interface StoredReading {
  /**
   * False leaves the views derived on read (occurrences, decoded values, device) empty: for an
   * export that writes none of them (CSV), which then costs no analysis of its hits.
   */
  views?: boolean;
  /**
   * False leaves a bulk's body on disk (its request then reads without it): for an export that
   * writes hits only (NDJSON, CSV), which then parses no body of megabytes per bulk, all of it
   * for the collector.
   */
  bodies?: boolean;
}

/** Every request and its hits: newest `maxHits` in memory, all of them in an NDJSON file. */
/** Where a hit that could not be read back was: its request, its line, the side file. */
export interface LostHit {
  requestId: string;
  /** The data file line (from 1) the side file notes it under. */
  line: number;
  file: string;
}

/** A page of HitStore.search. */
export interface SearchedPage extends HitsPageDto {
  /** The cursor of the hits after `hits[index]`, for a page cut short of its limit. */
  cursorAfter?(index: number): string | null;
}

export interface HitStore {
  /**
   * Resolves once the hits stored before the start are all read back (absent: nothing to read).
   * Tracking is answered meanwhile; what reads the memory window waits for this first.
   */
  ready?(): Promise<void>;
  /** Appends to the data file (durably, before resolving), then to memory, then notifies. */
  add(request: RequestRecordDto, hits: HitDto[]): Promise<void>;
  /**
   * The first page of the hits in memory, newest first; `total` counts the matches there. Pages
   * after a cursor, over every stored hit, come from `search`.
   */
  query(filter: HitFilterDto, page: { limit: number }): HitsPageDto;
  /**
   * Every stored hit matching (memory and data file), newest first; `total` counts them all.
   * Waits until the data file is read back; scans in slices, so others are answered meanwhile.
   */
  search(filter: HitFilterDto, page: HitPageRequest): Promise<SearchedPage>;
  /**
   * The stored requests oldest first (exports), from the data file as it is when the walk
   * starts: without a filter every request, with one those carrying a matching hit (with only
   * those hits). Stops at a reset. What each request reads is chosen by `reading`.
   */
  storedOldestFirst(
    filter: HitFilterDto,
    reading?: StoredReading,
  ): AsyncIterable<StoredRequestHits>;
  /** All matching hits, newest first (export). */
  all(filter: HitFilterDto): HitDto[];
  /** All matching hits, newest first, one at a time: exports of many hits without one big array. */
  iterate(filter: HitFilterDto): Iterable<HitDto>;
  /**
   * Ids of the matching hits in memory when the walk starts, newest first, the event loop
   * given back between slices of the walk (a filter that few hits match checks them all).
   */
  matchingIdsInTurns(filter: HitFilterDto): AsyncIterable<string>;
  /**
   * A cursor naming hit `hitId` and its arrival position (hit-places.ts) while memory holds
   * it, else the bare id: a list of other things (visits) ordered by hits keeps its place.
   */
  hitCursor?(hitId: string): string;
  /** The arrival position a cursor stands for now, carried over runs deleted and clears. */
  cursorPlace?(cursor: string): number | null;
  /** The arrival position of hit `hitId` while memory holds it. */
  positionOf?(hitId: string): number | undefined;
  /**
   * The matching hits in memory when the walk starts, oldest first (exports); safe to pause
   * between hits: hits cleared or evicted meanwhile are left out.
   */
  iterateOldestFirst(filter: HitFilterDto): Iterable<HitDto>;
  /** Every request in memory, with or without hits (preflights, failed ones), oldest first. */
  requestsInArrivalOrder(): Iterable<RequestRecordDto>;
  get(id: string): HitDto | undefined;
  /**
   * URL and title of many hits (a visit's timeline), without holding the event loop: each
   * data file line they sit in is read once, in slices, and no hit is made a full one. The
   * hits found, by id.
   */
  describeManyInTurns(ids: readonly string[]): Promise<Map<string, HitDescription>>;
  getRequest(id: string): RequestRecordDto | undefined;
  /** Where hit `id` was, when its request states it but its line lost it (lost-hits.ts). */
  lostHit?(id: string): LostHit | undefined;
  /**
   * The hit and its request, as get and getRequest give them, read from disk without holding
   * the event loop (the inspector's read of a hit of megabytes).
   */
  detail(id: string, views?: HitViews): Promise<HitDetailDto | undefined>;
  /** Newest requests that failed before producing hits (too large, aborted, unreadable). */
  failedRequests(limit: number): RequestRecordDto[];
  summary(): SummaryDto;
  /** Clears memory and the data file. */
  reset(): Promise<void>;
  /**
   * Removes the requests and hits of one run from memory and the data file; every other
   * record stays. Resolves with the number of hits removed.
   */
  dropRun?(run: string): Promise<number>;
  /** Seen (idsite:ec_id) orders, for the duplicate-order check. */
  seenOrders(): ReadonlySet<string>;
  /**
   * While stored hits are still being read back: resolves once they are all in, so checks
   * that depend on earlier hits (duplicate orders) can wait for them. Null once loaded.
   */
  loading(): Promise<void> | null;
  subscribe(listener: (event: HitStoreEvent) => void): () => void;
  setMaxHits(maxHits: number): void;
  close(): Promise<void>;
}

export interface SettingsStore {
  get(): SettingsDto;
  /** Validates and applies a partial update; throws an Error with a clear message on bad input. */
  update(patch: unknown): SettingsDto;
  subscribe(listener: (settings: SettingsDto) => void): () => void;
}

/** Structured server log: lines go to the log file, stderr (serve mode) and the live stream. */
export interface ServerLogger {
  log(level: LogLineDto['level'], msg: string, fields?: Record<string, unknown>): void;
  /**
   * Whether a line of `level` is written at all: a caller logging on every request builds
   * its fields only then.
   */
  enabled(level: LogLineDto['level']): boolean;
  subscribe(listener: (line: LogLineDto) => void): () => void;
  /** Recent lines for a new stream subscriber. */
  recent(): LogLineDto[];
  flush(): Promise<void>;
}

/** What the admin API needs from the rest of the server. */
export interface AdminContext {
  store: HitStore;
  settings: SettingsStore;
  logger: ServerLogger;
  token: string;
  version: string;
  /** Base URL of this server, for `/api/send` to target itself. */
  selfUrl(): string;
  /**
   * Analyse without storing (for /api/validate and /api/import), with the current settings.
   * `now` (ms) is the time the request arrived: the present, or an imported request's own time.
   */
  analyze(raw: RawRequest, now?: number): RequestAnalysis;
  /** The same analysis between turns of the event loop (imports of large requests). */
  analyzeInSlices?(raw: RawRequest, now: number): Promise<RequestAnalysis>;
  /** A new request id from the same sequence as captured requests (imports store requests too). */
  nextId(): string;
  /** Turn an analysis into stored DTOs (same ids/fields as captured hits), without storing. */
  toDtos(raw: RawRequest, analysis: RequestAnalysis): { request: RequestRecordDto; hits: HitDto[] };
  uiDir?: string;
  /** The visits of the stored hits (absent: /api/visits answers with none). */
  visits?: VisitIndex;
  /** Resolves once the visits are formed from the stored hits (after a start or new rules). */
  visitsFormed?: () => Promise<void>;
  /** Calls `listener` each time new visit rules formed the stored hits' visits again. */
  onVisitsReformed?: (listener: () => void) => () => void;
}

/** Handles every request under /api/ and the UI at / (HTML); returns false if not its route. */
export type AdminHandler = (req: IncomingMessage, res: ServerResponse) => boolean;
