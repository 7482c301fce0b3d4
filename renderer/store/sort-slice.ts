// The hits table's column sort (primary key first; empty = arrival order). It lives in the
// store rather than in the table model because the rows, the toolbar and the follow mode all
// depend on it, and it is remembered in localStorage like the column layout. Stored values
// are checked on load: a stale or hand-edited entry gives an unsorted table, never an error.
import type { SortingState, Updater } from '@tanstack/react-table';
import type { StateCreator } from 'zustand/vanilla';
import { normalizeSorting } from '../lib/sort-keys';
import { storedPref } from '../lib/stored-pref';
import type { AppState } from './app-state';

const sortPref = storedPref<SortingState>({ name: 'sort', version: 1, decode: normalizeSorting });

export const SORT_PREFS_KEY = sortPref.key;

export interface SortSlice {
  sorting: SortingState;
  setSorting(updater: Updater<SortingState>): void;
  clearSorting(): void;
}

export function loadSorting(storage?: Storage | null): SortingState {
  return sortPref.load(storage) ?? [];
}

function saveSorting(sorting: SortingState): void {
  sortPref.save(sorting);
}

export const createSortSlice: StateCreator<AppState, [], [], SortSlice> = (set, get) => ({
  sorting: loadSorting(),
  setSorting(updater) {
    const previous = get().sorting;
    const next = normalizeSorting(typeof updater === 'function' ? updater(previous) : updater);
    const same =
      next.length === previous.length &&
      next.every((key, i) => key.id === previous[i]?.id && key.desc === previous[i]?.desc);
    if (same) return;
    set({ sorting: next });
    saveSorting(next);
  },
  clearSorting() {
    get().setSorting([]);
  },
});
