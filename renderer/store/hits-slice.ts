// Captured hits as the table shows them, the HTTP requests that carried them, the
// server's summary counts, and pause: while paused, new hits are buffered (and counted
// as "N new") instead of moving the table under the user's eyes.
import type { StateCreator } from 'zustand/vanilla';
import type { RequestRecordDto, SummaryDto } from '../../shared/api/types';
import type { HitRow } from '../lib/hit-row';
import { addRows, emptyCollection, type HitCollection } from './hit-collection';
import type { AppState } from './app-state';

/** What the table needs of a carrying HTTP request (bulk groups show the answer). */
export interface RequestInfo {
  id: string;
  method: string;
  path: string;
  transport: RequestRecordDto['transport'];
  hitCount: number;
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
    status: request.response.status,
    responseBody: request.response.body,
    responseKind: request.response.bodyKind,
    issues: request.issues,
  };
}

export const DEFAULT_MAX_ROWS = 100_000;

export interface HitsSlice {
  hits: HitCollection;
  requests: Record<string, RequestInfo>;
  summary: SummaryDto | null;
  paused: boolean;
  /** Hits received while paused, oldest first. */
  pending: HitRow[];
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
  setSummary(summary: SummaryDto): void;
  setLoaded(loaded: boolean): void;
  setLoading(loading: { loaded: number; total: number } | null): void;
  pause(): void;
  resume(): void;
  /** Forgets every hit (after the server was reset). */
  clearHits(): void;
}

export const createHitsSlice: StateCreator<AppState, [], [], HitsSlice> = (set, get) => ({
  hits: emptyCollection(),
  requests: {},
  summary: null,
  paused: false,
  pending: [],
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
  addRequests(requests) {
    if (requests.length === 0) return;
    const next = { ...get().requests };
    for (const request of requests) next[request.id] = request;
    set({ requests: next });
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
      hits: state.pending.length ? addRows(state.hits, state.pending, state.maxRows) : state.hits,
    });
  },
  clearHits() {
    set({ hits: emptyCollection(), requests: {}, pending: [] });
  },
});
