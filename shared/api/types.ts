// DTOs of the admin HTTP API (docs/api.md). Field names are the stable v1 surface:
// tools outside the project read them. Add fields freely; never rename or remove one.
import type { InferInput, InferOutput } from 'valibot';
import type {
  createRunSchema,
  importRequestSchema,
  newHistoryEntrySchema,
  sendRequestSchema,
  validateRequestSchema,
  waitRequestSchema,
} from './bodies';
import type { settingsPatchSchema } from './settings-body';
import type {
  DeviceInfo,
  DecodedParam,
  HitType,
  Issue,
  Outcome,
  ParamOccurrence,
  ParamValue,
  PredictedResponse,
  SiteProfile,
  Transport,
} from '../matomo/types';
import type { VisitBoundaryReason } from '../visits/types';

/** One captured tracking request (a whole GET/POST, or one entry of a bulk). */
export interface HitDto {
  id: string;
  /** ISO 8601 time the HTTP request arrived. */
  receivedAt: string;
  /** The HTTP request that carried this hit. */
  requestId: string;
  /** Position in its bulk (after dropped entries, as Matomo counts), else 0. */
  index: number;
  /** Number of hits the carrying request produced (1 unless bulk). */
  batchSize: number;
  transport: Transport;
  method: string;
  path: string;
  remoteAddress: string;
  userAgent: string;
  /** Effective values: last duplicate wins, as Matomo. */
  params: Record<string, ParamValue>;
  occurrences: ParamOccurrence[];
  rawQuery: string;
  decoded: Record<string, DecodedParam>;
  type: HitType;
  outcome: Outcome;
  issues: Issue[];
  device: DeviceInfo;
  summary: string;
  /** Convenience copies of common params for tables and filters. */
  idsite: number | null;
  /** HTTP status of the answer to the carrying request (read through it, not stored per hit). */
  status?: number;
  /** True when the carrying request came from a file (`POST /api/import`). */
  imported?: boolean;
  /**
   * The visit Matomo would record the hit in (`GET /api/visits/:id`); absent when it takes
   * part in none (excluded, rejected, a ping that would open a visit).
   */
  visitId?: string;
  /** The visitor id Matomo would record for that visit (16 hex characters). */
  visitorId?: string;
  /** Why the hit opens its visit, or what happened to it at a boundary (a user id set, …). */
  visitReason?: VisitBoundaryReason;
  /** The run the carrying request joined (`/run/<id>/…` or `X-Hitscope-Run`), shared/api/runs.ts. */
  run?: string;
  /**
   * Present when texts of the hit hold only their beginning (the answers meant for reading:
   * /api/hits, /api/hits/:id, /api/stream). `GET /api/hits/:id/raw` has them whole, and so do
   * /api/wait, /api/validate and the exports.
   */
  cut?: HitCutDto;
}

/** The full size of a text an answer holds only the beginning of. */
export interface CutTextDto {
  /** Length of the whole text in UTF-16 code units (a JavaScript string's length). */
  chars: number;
  /** Length of the whole text in UTF-8 bytes. */
  bytes: number;
}

/** Which texts of a hit were cut (limits in shared/api/text-cut.ts). */
export interface HitCutDto {
  rawQuery?: CutTextDto;
  /**
   * By parameter name: its value was cut wherever it appears (`params`, `occurrences`,
   * `decoded`); the size is that of its effective value when that is a text.
   */
  params?: Record<string, CutTextDto>;
}

/** Which texts of a request record were cut (`query` and `url` alike). */
export interface RequestCutDto {
  query?: CutTextDto;
  /** The body as the record holds it (`bodyEncoding`); `bodySize` counts the bytes received. */
  body?: CutTextDto;
}

/**
 * A hit without the fields only the inspector shows (`GET /api/hits?fields=compact`,
 * `GET /api/stream?fields=compact`): the decoded values, the parameter occurrences and the raw
 * query make up most of a hit's size, and a list of hits needs none of them (search and
 * filters read `params`). The full hit stays at `GET /api/hits/:id`.
 */
export type HitSummaryDto = Omit<HitDto, 'decoded' | 'occurrences' | 'rawQuery'>;

export type BodyEncoding = 'utf8' | 'base64';

/** An HTTP request as received, with the answer that was sent. */
export interface RequestRecordDto {
  id: string;
  receivedAt: string;
  method: string;
  /** Path with query string, as received. */
  url: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  remoteAddress: string;
  body: string;
  bodyEncoding: BodyEncoding;
  /** Body bytes received (the stored body may be cut to the stored-body cap). */
  bodySize: number;
  bodyTruncated: boolean;
  transport: Transport;
  /** Its hits that can be read. */
  hitIds: string[];
  /**
   * Its hits that could not be read back (a damaged line of the data file; they are noted in
   * the side file the summary's alert names); absent when none was lost.
   */
  lostHitIds?: string[];
  /** Request-level issues (bulk JSON errors, limits hit, aborted upload, …). */
  issues: Issue[];
  response: ResponseRecordDto;
  /** Set when the request could not be processed (too large, aborted, …). */
  error?: { code: string; message: string };
  /** Set when the request came from a file (`POST /api/import`), not from a tracker. */
  imported?: ImportedFromDto;
  /** The run the request joined (shared/api/runs.ts). */
  run?: string;
  /**
   * Present when the query or body hold only their beginning (/api/requests/:id,
   * /api/hits/:id); `GET /api/requests/:id/raw` has them whole.
   */
  cut?: RequestCutDto;
}

/** Where an imported request came from. */
export interface ImportedFromDto {
  /** The file name given with the import ('' when none was given). */
  file: string;
  /** What the request was read from: an exported hit, a HAR entry or a captured request. */
  source: ImportSourceKind;
  /** ISO 8601 time of the import (`receivedAt` keeps the time from the file when it had one). */
  importedAt: string;
}

export interface ResponseRecordDto {
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  /** Text bodies (bulk JSON, debug log, explanation); '' for the GIF and 204. */
  body: string;
  bodyKind: PredictedResponse['bodyKind'];
  /** Milliseconds from the request's arrival to its answer. */
  durationMs: number;
}

/** `GET /api/hits/:id`: one hit with the HTTP request that carried it. */
export interface HitDetailDto {
  hit: HitDto;
  request: RequestRecordDto | null;
}

export interface SummaryDto {
  requests: number;
  hits: number;
  recorded: number;
  excluded: number;
  rejected: number;
  bulkRequests: number;
  /** Requests that failed before parsing (too large, aborted, unreadable). */
  failedRequests: number;
  /** Hits kept in memory (the newest up to maxHits). */
  inMemory: number;
  /** Hits that exist only in the data file because of the memory cap. */
  onDiskOnly: number;
  maxHits: number;
  /** Estimated bytes the hits in memory hold, and the bound (`--max-memory`) they are kept under. */
  memoryBytes?: number;
  maxMemoryBytes?: number;
  /** What the user must know about the data directory (the UI shows them as a banner). */
  alerts?: DataAlertDto[];
  /**
   * Present while the data file is read back after a start: tracking is answered meanwhile,
   * but the counts grow and searches wait until it is gone.
   */
  readBack?: { bytesRead: number; bytes: number };
}

/**
 * A problem with the data directory: the data file cannot be written (tracking requests get
 * 503 until it can), records could not be read back at start, a record cut by a kill was set
 * aside, or saved settings were partly invalid.
 */
export interface DataAlertDto {
  kind: 'write-failed' | 'unreadable-records' | 'torn-tail' | 'settings-invalid';
  message: string;
  /** The side file holding what was set aside, when there is one. */
  file?: string;
}

export interface HitsPageDto {
  hits: HitDto[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  next: string | null;
  /** Number of hits matching the filter (in memory). */
  total: number;
  /**
   * False while the data file is still read back after a start: the page is exact, but
   * `total` counts only the hits read so far. Absent once every stored hit is known.
   */
  complete?: false;
}

/** `GET /api/hits?fields=compact`: a page of HitSummaryDto. */
export interface HitSummariesPageDto {
  hits: HitSummaryDto[];
  next: string | null;
  total: number;
  /** As in HitsPageDto. */
  complete?: false;
}

/** Filters shared by /api/hits, /api/wait and /api/export. */
export interface HitFilterDto {
  outcome?: Outcome | Outcome[];
  type?: HitType | HitType[];
  /** One site or any of several. */
  idsite?: number | number[];
  /** Free text, matched against the raw query, summary and URL. */
  q?: string;
  /**
   * The search box's query language (shared/query/), e.g. `type:event e_c:Video -outcome:recorded`;
   * combined (AND) with the other fields.
   */
  query?: string;
  /** `param.NAME=value` pairs; value `*` means "present". */
  params?: Record<string, string>;
  requestId?: string;
  hasIssues?: boolean;
  /** Hits of this run only (shared/api/runs.ts). */
  run?: string;
}

/** `POST /api/wait`, declared in ./bodies. */
export type WaitRequestDto = InferInput<typeof waitRequestSchema>;

export interface WaitResponseDto {
  /** The newest matching hits (up to `count`), newest first. */
  hits: HitDto[];
  /** Number of matching hits in memory. */
  total?: number;
}

/** `POST /api/runs`, declared in ./bodies. */
export type CreateRunDto = InferInput<typeof createRunSchema>;

/** A run (shared/api/runs.ts) and what it has received so far. */
export interface RunDto {
  id: string;
  name: string;
  /** ISO 8601; for a run only seen in hits, the time it was first seen. */
  createdAt: string;
  /** Where a tracker sends to join the run. */
  trackerUrl: string;
  /** Hits of the run in memory, and how they were judged. */
  hits: number;
  recorded: number;
  excluded: number;
  rejected: number;
  withIssues: number;
  /** The plan given when the run was created, as given. */
  plan?: unknown;
  /** How far the run's hits (in memory) satisfy its plan; `open` = still waiting for hits. */
  coverage?: {
    status: 'pass' | 'fail' | 'open';
    expectations: {
      name: string;
      status: 'pass' | 'fail' | 'open';
      count: string;
      hitIds: string[];
      message: string;
    }[];
  };
}

export interface RunListDto {
  runs: RunDto[];
}

/** `DELETE /api/runs/:id`. */
export interface RunDeletedDto {
  id: string;
  /** Hits removed from memory (the data file loses every record of the run). */
  removedHits: number;
}

/** `POST /api/validate`, declared in ./bodies. */
export type ValidateRequestDto = InferInput<typeof validateRequestSchema>;

export interface ValidateResponseDto {
  hits: HitDto[];
  response: { status: number; contentType: string | null; body: string; bodyKind: string };
  issues: Issue[];
}

/** `POST /api/send` and a request kept in the history, declared in ./bodies. */
export type SendRequestDto = InferInput<typeof sendRequestSchema>;

export interface SendResponseDto {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  bodyEncoding: BodyEncoding;
  durationMs: number;
  /** The id of the request record when the target was this server. */
  requestId?: string;
  /** True when the answer was longer than the size cap and `body` holds its beginning. */
  truncated?: boolean;
}

export type DebugMode = 'off' | 'on-demand' | 'always';

/** `PUT /api/settings`: the settings to change, declared in ./settings-body. */
export type SettingsPatchDto = InferInput<typeof settingsPatchSchema>;

export interface SettingsDto {
  debugMode: DebugMode;
  sites: SiteProfile[];
  /** Base URL of a real Matomo to send to, if the user set one. */
  upstreamUrl: string;
  maxHits: number;
  /** Extra tracking paths besides /matomo.php, /piwik.php, /js/, /js/tracker.php. */
  extraTrackingPaths: string[];
  limits: LimitsDto;
  /** Read-only facts shown in the UI. */
  dataDir: string;
  trackerUrl: string;
  version: string;
}

export interface LimitsDto {
  maxBodyBytes: number;
  maxBulkEntries: number;
  maxUrlLength: number;
  maxParamValueLength: number;
}

export interface LogLineDto {
  time: string;
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  msg: string;
  [key: string]: unknown;
}

/** Events on `GET /api/stream` (Server-Sent Events; `event:` is the type, `data:` the JSON). */
export type StreamEvent =
  | { type: 'hits'; hits: HitDto[]; requests: RequestRecordDto[]; summary: SummaryDto }
  | { type: 'reset'; summary: SummaryDto }
  /** The summary changed without new hits (the data file became unwritable or writable again). */
  | { type: 'summary'; summary: SummaryDto }
  | { type: 'log'; lines: LogLineDto[] }
  | { type: 'settings'; settings: SettingsDto }
  /**
   * New visit rules formed the visits of the stored hits again: hits already sent may now
   * carry another visit id, reason or cross-hit findings (read them again from /api/hits).
   */
  | { type: 'visits' }
  | { type: 'hello'; summary: SummaryDto; version: string };

/**
 * What `GET /api/stream?fields=compact` sends: `hits` events carry HitSummaryDto, and of the
 * requests only the failed ones and the bulk requests (the others are at /api/requests/:id).
 */
export type CompactStreamEvent =
  | Exclude<StreamEvent, { type: 'hits' }>
  | { type: 'hits'; hits: HitSummaryDto[]; requests: RequestRecordDto[]; summary: SummaryDto };

/** `GET /api/requests?failed=1`: requests refused before analysis, newest first. */
export interface RequestsPageDto {
  requests: RequestRecordDto[];
  /** Failed requests counted since the last reset (some may be on disk only). */
  total: number;
}

/** What a line or entry of an imported file was read as. */
export type ImportSourceKind = 'hit' | 'har' | 'capture';

/** `POST /api/import`: a file as text, declared in ./bodies. */
export type ImportRequestDto = InferInput<typeof importRequestSchema>;

/** A line (NDJSON) or entry (HAR) that was not imported, and why. */
export interface ImportSkipDto {
  /** 1-based line of an NDJSON file. */
  line?: number;
  /** 1-based entry of a HAR file's `log.entries`. */
  entry?: number;
  reason: string;
}

/** A re-analysed hit whose outcome differs from the one it had in the file. */
export interface ImportChangeDto {
  line?: number;
  entry?: number;
  /** The hit's position in its bulk (0 for a single request). */
  index: number;
  was: Outcome;
  now: Outcome;
  /** Why, as far as the new analysis says (its first error or warning). */
  why: string;
}

export interface ImportResultDto {
  format: 'ndjson' | 'har';
  /** HTTP requests stored (failed ones included). */
  requests: number;
  hits: number;
  /** Requests stored as failed (over a limit, not analysable), as the tracking endpoint would. */
  failedRequests: number;
  /** Lines or entries not imported; the list holds the first ones, `skippedCount` all of them. */
  skipped: ImportSkipDto[];
  skippedCount: number;
  /** Hits whose outcome changed on the way; the list holds the first ones. */
  changed?: ImportChangeDto[];
  changedCount?: number;
  /** Hits whose token_auth is a mask from an export or a copy (`********`), not a token. */
  maskedTokens?: number;
}

export interface HealthDto {
  status: 'ok';
  version: string;
}

/** POST /api/sign-in-links: opening `url` once signs a browser in to the UI. */
export interface SignInLinkDto {
  url: string;
}

export interface ApiErrorDto {
  error: { code: string; message: string };
}

/** Where a request in the send history was sent from. */
export type HistoryOrigin = 'composer' | 'bulk' | 'replay';

/** The answer kept with a history entry (the body is cut to a cap; see history-store.ts). */
export interface HistoryResponseDto {
  url: string;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  bodyEncoding: BodyEncoding;
  /** True when the stored body was cut to the cap. */
  bodyTruncated: boolean;
  durationMs: number;
  requestId?: string;
}

/** `POST /api/history`: a request sent from the app, declared in ./bodies. */
export type NewHistoryEntryDto = InferOutput<typeof newHistoryEntrySchema>;

/** One request of the send history (`/api/history`), kept in the data directory. */
export interface HistoryEntryDto {
  id: string;
  /** ISO 8601 time the entry was stored. */
  createdAt: string;
  /** The name the user gave it; null until renamed. */
  name: string | null;
  kind: 'single' | 'bulk';
  origin: HistoryOrigin;
  summary: string;
  request: SendRequestDto;
  /** True when the request body was too large to keep whole (it cannot be reopened). */
  requestBodyTruncated?: boolean;
  response: HistoryResponseDto | null;
  error?: string;
}

export interface HistoryListDto {
  /** Newest first. */
  entries: HistoryEntryDto[];
  /** Entries are capped; the oldest go first. */
  maxEntries: number;
}
