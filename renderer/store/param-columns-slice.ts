// Which parameters the hits table shows as columns of their own (see lib/param-columns.ts).
// The inspector adds them, the table and its column menu show and remove them.
import type { StateCreator } from 'zustand/vanilla';
import { canBeColumn, MAX_PARAM_COLUMNS, paramColumnsPref } from '../lib/param-columns';
import type { AppState } from './app-state';

export interface ParamColumnsSlice {
  paramColumns: string[];
  /** Adds a column for the parameter (at the end); false when it cannot be one. */
  addParamColumn(name: string): boolean;
  removeParamColumn(name: string): void;
}

export const createParamColumnsSlice: StateCreator<AppState, [], [], ParamColumnsSlice> = (
  set,
  get,
) => {
  const save = (paramColumns: string[]) => {
    set({ paramColumns });
    paramColumnsPref.save(paramColumns);
  };
  return {
    paramColumns: paramColumnsPref.load() ?? [],
    addParamColumn(name) {
      const current = get().paramColumns;
      if (current.includes(name)) return true;
      if (!canBeColumn(name) || current.length >= MAX_PARAM_COLUMNS) return false;
      save([...current, name]);
      return true;
    },
    removeParamColumn(name) {
      save(get().paramColumns.filter((item) => item !== name));
    },
  };
};
