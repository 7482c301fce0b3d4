// The send history as the history view shows it; the server keeps the real list
// (`/api/history`) and this mirrors it after each load or change.
import type { StateCreator } from 'zustand/vanilla';
import type { HistoryEntryDto } from '../../shared/api/types';
import type { AppState } from './app-state';

export interface HistorySlice {
  historyEntries: HistoryEntryDto[];
  historyLoaded: boolean;
  setHistory(entries: HistoryEntryDto[]): void;
  /** Adds a new entry on top, or replaces the entry with the same id. */
  putHistoryEntry(entry: HistoryEntryDto): void;
  dropHistoryEntry(id: string): void;
}

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => ({
  historyEntries: [],
  historyLoaded: false,
  setHistory(historyEntries) {
    set({ historyEntries, historyLoaded: true });
  },
  putHistoryEntry(entry) {
    const entries = get().historyEntries;
    const at = entries.findIndex((e) => e.id === entry.id);
    set({
      historyEntries:
        at < 0 ? [entry, ...entries] : entries.map((e) => (e.id === entry.id ? entry : e)),
    });
  },
  dropHistoryEntry(id) {
    set({ historyEntries: get().historyEntries.filter((e) => e.id !== id) });
  },
});
