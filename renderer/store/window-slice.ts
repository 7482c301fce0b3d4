// The window onto the server: when the capture holds more hits than the page keeps
// (`maxRows`), the table shows the hits the server finds for the current filter, loaded
// page by page as the user scrolls, plus the live hits that match. Null while everything
// fits: then the table filters the hits in the page. Filled by renderer/api/hit-window.ts.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-state';
import type { HitCollection } from './hit-collection';

export interface HitWindow {
  /** The filter the rows match (serverFilterKey). */
  key: string;
  /** The matching hits loaded so far, newest included, and live matching hits since. */
  rows: HitCollection;
  /** Hits matching on the server, plus the matching live hits since; null until known. */
  total: number | null;
  /** Cursor of the next older page; null when every match is loaded. */
  next: string | null;
  loading: boolean;
  /** Why the last page could not be loaded. */
  error: string | null;
  /** The rows reached what the page holds: older matches are not loaded. */
  full: boolean;
}

export interface WindowSlice {
  hitWindow: HitWindow | null;
  /** Increases each time the table shows its oldest loaded rows and wants older ones. */
  olderWanted: number;
  setHitWindow(window: HitWindow | null): void;
  /** Asks for the next older page of the window (scrolling reached its end). */
  wantOlderHits(): void;
}

export const createWindowSlice: StateCreator<AppState, [], [], WindowSlice> = (set, get) => ({
  hitWindow: null,
  olderWanted: 0,
  setHitWindow(hitWindow) {
    set({ hitWindow });
  },
  wantOlderHits() {
    const window = get().hitWindow;
    if (!window || window.next === null || window.loading || window.full) return;
    set({ olderWanted: get().olderWanted + 1 });
  },
});
