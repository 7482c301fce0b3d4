// The import of a file (`POST /api/import`): which file is being imported, and the report of
// the last import: what came in, what was skipped and why, what changed on the way, or the
// error. Its hits arrive through the live stream like captured ones.
import type { StateCreator } from 'zustand/vanilla';
import type { ImportResultDto } from '../../shared/api/types';
import type { AppState } from './app-state';

export interface ImportReport {
  fileName: string;
  result?: ImportResultDto;
  /** Why the file could not be imported at all. */
  error?: string;
}

export interface ImportSlice {
  /** Name of the file being imported, while an import runs. */
  importing: string | null;
  /** Shown in the import report dialog until dismissed. */
  importReport: ImportReport | null;
  startImport(fileName: string): void;
  finishImport(report: ImportReport): void;
  dismissImportReport(): void;
}

export const createImportSlice: StateCreator<AppState, [], [], ImportSlice> = (set, get) => ({
  importing: null,
  importReport: null,
  startImport(fileName) {
    set({ importing: fileName, importReport: null });
  },
  finishImport(report) {
    set({ importing: null });
    const result = report.result;
    if (result && !report.error) get().setView('hits');
    // Always a report: an import changes what is on screen, and what changed on the way
    // (outcomes, masked tokens, skipped lines) is the point of reading it.
    set({ importReport: report });
  },
  dismissImportReport() {
    set({ importReport: null });
  },
});
