// Quick filters (outcome, type, site, only with issues) and the search query. The
// compiled predicate is derived in selectors, never stored, so state stays serialisable.
import type { StateCreator } from 'zustand/vanilla';
import type { HitType, Outcome } from '../../shared/matomo/types';
import type { AppState } from './app-state';

export interface QuickFilters {
  outcomes: Outcome[];
  type: HitType | null;
  idsite: number | null;
  issuesOnly: boolean;
}

export const NO_QUICK_FILTERS: QuickFilters = {
  outcomes: [],
  type: null,
  idsite: null,
  issuesOnly: false,
};

export interface FilterSlice {
  query: string;
  quick: QuickFilters;
  setQuery(query: string): void;
  toggleOutcome(outcome: Outcome): void;
  setTypeFilter(type: HitType | null): void;
  setSiteFilter(idsite: number | null): void;
  setIssuesOnly(issuesOnly: boolean): void;
  clearFilters(): void;
}

export const createFilterSlice: StateCreator<AppState, [], [], FilterSlice> = (set, get) => ({
  query: '',
  quick: NO_QUICK_FILTERS,
  setQuery(query) {
    set({ query });
  },
  toggleOutcome(outcome) {
    const { outcomes } = get().quick;
    const next = outcomes.includes(outcome)
      ? outcomes.filter((item) => item !== outcome)
      : [...outcomes, outcome];
    set({ quick: { ...get().quick, outcomes: next } });
  },
  setTypeFilter(type) {
    set({ quick: { ...get().quick, type } });
  },
  setSiteFilter(idsite) {
    set({ quick: { ...get().quick, idsite } });
  },
  setIssuesOnly(issuesOnly) {
    set({ quick: { ...get().quick, issuesOnly } });
  },
  clearFilters() {
    set({ query: '', quick: NO_QUICK_FILTERS });
  },
});
