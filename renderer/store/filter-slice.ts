// Quick filters (outcome, type, site, only with issues, failed requests) and the search
// query. The compiled predicate is derived in selectors, never stored, so state stays
// serialisable.
import type { StateCreator } from 'zustand/vanilla';
import type { HitType, Outcome } from '../../shared/matomo/types';
import type { AppState } from './app-state';

export interface QuickFilters {
  outcomes: Outcome[];
  type: HitType | null;
  idsite: number | null;
  issuesOnly: boolean;
  /** Hits of one run only (shared/api/runs.ts). */
  run?: string | null;
  /**
   * Show the requests that failed before analysis. They have no outcome, type or site, so
   * they also show when nothing narrows the table; alone, this chip shows only them.
   */
  failed: boolean;
}

export const NO_QUICK_FILTERS: QuickFilters = {
  outcomes: [],
  type: null,
  idsite: null,
  issuesOnly: false,
  run: null,
  failed: false,
};

/** The failed chip alone: the table lists failed requests only, which are no hits. */
export function failedOnly(quick: QuickFilters): boolean {
  return quick.failed && quick.outcomes.length === 0;
}

/** Whether the quick filters leave out any hit (the failed chip alone leaves out all). */
export function narrowsHits(quick: QuickFilters): boolean {
  return (
    failedOnly(quick) ||
    quick.outcomes.length > 0 ||
    quick.type !== null ||
    quick.idsite !== null ||
    Boolean(quick.run) ||
    quick.issuesOnly
  );
}

export interface FilterSlice {
  query: string;
  quick: QuickFilters;
  setQuery(query: string): void;
  toggleOutcome(outcome: Outcome): void;
  setTypeFilter(type: HitType | null): void;
  setSiteFilter(idsite: number | null): void;
  setIssuesOnly(issuesOnly: boolean): void;
  setRunFilter(run: string | null): void;
  setFailedFilter(failed: boolean): void;
  /** Only the failed requests: the chip on, every hit filter off. */
  showFailedOnly(): void;
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
  setRunFilter(run) {
    set({ quick: { ...get().quick, run } });
  },
  setIssuesOnly(issuesOnly) {
    set({ quick: { ...get().quick, issuesOnly } });
  },
  setFailedFilter(failed) {
    set({ quick: { ...get().quick, failed } });
  },
  showFailedOnly() {
    set({ query: '', quick: { ...NO_QUICK_FILTERS, failed: true } });
  },
  clearFilters() {
    set({ query: '', quick: NO_QUICK_FILTERS });
  },
});
