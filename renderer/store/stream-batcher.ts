// Applies live stream events to the store at most once per animation frame. A tracker
// under load can send hundreds of hits a second; rendering per hit would freeze the UI,
// so events are queued and one frame folds them into a single store update.
import type { CompactStreamEvent } from '../../shared/api/types';
import { isFailedRequest, toFailedRow, type FailedRow } from '../lib/failed-row';
import { toHitRow, type HitRow } from '../lib/hit-row';
import type { AppStore } from './app-store';
import { toRequestInfo, type RequestInfo } from './hits-slice';

export type FrameScheduler = (flush: () => void) => void;

export const animationFrameScheduler: FrameScheduler = (flush) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
  else setTimeout(flush, 16);
};

export class StreamBatcher {
  private queue: CompactStreamEvent[] = [];
  private scheduled = false;

  constructor(
    private readonly store: AppStore,
    private readonly schedule: FrameScheduler = animationFrameScheduler,
  ) {}

  push(event: CompactStreamEvent): void {
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Applies everything queued, in order, with one store update per kind. */
  flush(): void {
    this.scheduled = false;
    const events = this.queue;
    this.queue = [];
    if (events.length === 0) return;
    const state = this.store.getState();
    let rows: HitRow[] = [];
    let requests: RequestInfo[] = [];
    let failed: FailedRow[] = [];
    const applyHits = () => {
      if (rows.length || requests.length) state.receiveHits(rows, requests);
      if (failed.length) state.receiveFailed(failed);
      rows = [];
      requests = [];
      failed = [];
    };
    for (const event of events) {
      switch (event.type) {
        case 'hits':
          for (const hit of event.hits) rows.push(toHitRow(hit));
          // Bulk requests (with their answer) and failed requests have rows of their own.
          for (const request of event.requests ?? []) {
            if (isFailedRequest(request)) failed.push(toFailedRow(request));
            else if (request.transport === 'bulk') requests.push(toRequestInfo(request));
          }
          state.setSummary(event.summary);
          break;
        case 'reset':
          // Hits queued before the reset belong to the cleared data.
          rows = [];
          requests = [];
          failed = [];
          state.clearHits();
          state.select(null);
          state.setSummary(event.summary);
          break;
        case 'summary':
          state.setSummary(event.summary);
          break;
        case 'hello':
          applyHits();
          state.setSummary(event.summary);
          state.setVersion(event.version);
          break;
        case 'log':
          state.addLogLines(event.lines);
          break;
        case 'settings':
          state.setSettings(event.settings);
          break;
      }
    }
    applyHits();
  }
}
