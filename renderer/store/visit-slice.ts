// The Visits view's selection: the visit shown in its timeline. The inspector opens a hit's
// visit through `openVisit`, which also switches to the Visits view.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-state';

export interface VisitSlice {
  selectedVisitId: string | null;
  selectVisit(id: string | null): void;
  openVisit(id: string): void;
}

export const createVisitSlice: StateCreator<AppState, [], [], VisitSlice> = (set) => ({
  selectedVisitId: null,
  selectVisit(id) {
    set({ selectedVisitId: id });
  },
  openVisit(id) {
    set({ selectedVisitId: id, view: 'visits' });
  },
});
