// Captured hits as the table shows them, the HTTP requests that carried them, the requests
// that failed before analysis, the server's summary counts, and pause: while paused, new
// hits and failed requests are buffered (hits counted as "N new") instead of moving the
// table under the user's eyes.
import type { StateCreator } from 'zustand/vanilla';
import type { RequestRecordDto, SummaryDto } from '../../shared/api/types';
import type { FailedRow } from '../lib/failed-row';
import type { HitRow } from '../lib/hit-row';
import { addRows, emptyCollection, replaceRows, type HitCollection } from './hit-collection';
import type { AppState } from './app-state';

/** What the table needs of a carrying HTTP request (bulk groups show the answer). */
export interface RequestInfo {
  id: string;
  method: string;
  path: string;
  transport: RequestRecordDto['transport'];
  hitCount: number;
  /** Its hits that could not be read back from the data file (not among `hitCount`). */
  lostHits?: number;
  status: number;
  responseBody: string;
  responseKind: RequestRecordDto['response']['bodyKind'];
  issues: RequestRecordDto['issues'];
}

export function toRequestInfo(request: RequestRecordDto): RequestInfo {
  return {
    id: request.id,
    method: request.method,
    path: request.path,
    transport: request.transport,
    hitCount: request.hitIds.length,
    lostHits: request.lostHitIds?.length ?? 0,
    status: request.response.status,
    responseBody: request.response.body,
    responseKind: request.response.bodyKind,
    issues: request.issues,
  };
}

export const DEFAULT_MAX_ROWS = 100_000;
/** Failed requests kept in the table (the server keeps the newest 10,000 in memory). */
export const MAX_FAILED_ROWS = 10_000;

/** Adds failed rows (duplicates ignored), oldest first, keeping the newest `max`. */
export function mergeFailed(
  current: readonly FailedRow[],
  rows: readonly FailedRow[],
  max = MAX_FAILED_ROWS,
): FailedRow[] {
  const known = new Set(current.map((row) => row.id));
  const fresh = rows.filter((row) => !known.has(row.id) && known.add(row.id));
  if (fresh.length === 0) return current as FailedRow[];
  const merged = current.concat(fresh).sort((a, b) => a.time - b.time);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

export interface HitsSlice {
  hits: HitCollection;
  requests: Record<string, RequestInfo>;
  summary: SummaryDto | null;
  paused: boolean;
  /** Hits received while paused, oldest first. */
  pending: HitRow[];
  /** Requests that failed before analysis, oldest first. */
  failed: FailedRow[];
  /** Failed requests received while paused. */
  pendingFailed: FailedRow[];
  maxRows: number;
  /** True once the first load of stored hits finished. */
  loaded: boolean;
  /** Progress of a load of stored hits, while one runs. */
  loading: { loaded: number; total: number } | null;
  /** Live hits (from the stream): buffered while paused. */
  receiveHits(rows: readonly HitRow[], requests?: readonly RequestInfo[]): void;
  /** Stored hits from the API (first load, resync): never buffered. */
  loadHits(rows: readonly HitRow[]): void;
  addRequests(requests: readonly RequestInfo[]): void;
  /** Hits read again (their visits were formed again): the rows of the same id are replaced. */
  refreshRows(rows: readonly HitRow[]): void;
  /** Live failed requests (from the stream): buffered while paused. */
  receiveFailed(rows: readonly FailedRow[]): void;
  /** Failed requests from the API (first load, resync): never buffered. */
  loadFailed(rows: readonly FailedRow[]): void;
  setSummary(summary: SummaryDto): void;
  setLoaded(loaded: boolean): void;
  setLoading(loading: { loaded: number; total: number } | null): void;
  pause(): void;
  resume(): void;
  /** Forgets every hit and failed request (after the server was reset). */
  clearHits(): void;
}

export const createHitsSlice: StateCreator<AppState, [], [], HitsSlice> = (set, get) => ({
  hits: emptyCollection(),
  requests: {},
  summary: null,
  paused: false,
  pending: [],
  failed: [],
  pendingFailed: [],
  maxRows: DEFAULT_MAX_ROWS,
  loaded: false,
  loading: null,
  receiveHits(rows, requests = []) {
    if (requests.length) get().addRequests(requests);
    if (rows.length === 0) return;
    const state = get();
    if (state.paused) {
      set({ pending: state.pending.concat(rows) });
      return;
    }
    set({ hits: addRows(state.hits, rows, state.maxRows) });
  },
  loadHits(rows) {
    const state = get();
    set({ hits: addRows(state.hits, rows, state.maxRows) });
  },
  refreshRows(rows) {
    if (rows.length === 0) return;
    const state = get();
    const fresh = new Map(rows.map((row) => [row.id, row]));
    const window = state.hitWindow;
    set({
      hits: replaceRows(state.hits, rows),
      pending: state.pending.map((row) => fresh.get(row.id) ?? row),
      ...(window ? { hitWindow: { ...window, rows: replaceRows(window.rows, rows) } } : {}),
    });
  },
  addRequests(requests) {
    if (requests.length === 0) return;
    const next = { ...get().requests };
    for (const request of requests) next[request.id] = request;
    set({ requests: next });
  },
  receiveFailed(rows) {
    if (rows.length === 0) return;
    const state = get();
    if (state.paused) set({ pendingFailed: state.pendingFailed.concat(rows) });
    else set({ failed: mergeFailed(state.failed, rows) });
  },
  loadFailed(rows) {
    set({ failed: mergeFailed(get().failed, rows) });
  },
  setSummary(summary) {
    const maxRows = summary.maxHits > 0 ? summary.maxHits : DEFAULT_MAX_ROWS;
    set({ summary, maxRows });
  },
  setLoaded(loaded) {
    set({ loaded });
  },
  setLoading(loading) {
    set({ loading });
  },
  pause() {
    set({ paused: true });
  },
  resume() {
    const state = get();
    set({
      paused: false,
      pending: [],
      pendingFailed: [],
      hits: state.pending.length ? addRows(state.hits, state.pending, state.maxRows) : state.hits,
      failed: mergeFailed(state.failed, state.pendingFailed),
    });
  },
  clearHits() {
    set({ hits: emptyCollection(), requests: {}, pending: [], failed: [], pendingFailed: [] });
  },
});
