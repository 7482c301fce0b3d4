// The Visits view's selection: the visit shown in its timeline. The inspector opens a hit's
// visit through `openVisit`, which also switches to the Visits view.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-state';

export interface VisitSlice {
  selectedVisitId: string | null;
  /** Increases each time new visit rules formed the visits again (what was read may be stale). */
  visitsFormed: number;
  visitsReformed(): void;
  selectVisit(id: string | null): void;
  openVisit(id: string): void;
}

export const createVisitSlice: StateCreator<AppState, [], [], VisitSlice> = (set) => ({
  selectedVisitId: null,
  visitsFormed: 0,
  visitsReformed() {
    set((state) => ({ visitsFormed: state.visitsFormed + 1 }));
  },
  selectVisit(id) {
    set({ selectedVisitId: id });
  },
  openVisit(id) {
    set({ selectedVisitId: id, view: 'visits' });
  },
});
