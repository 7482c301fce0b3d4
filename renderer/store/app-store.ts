// One zustand store built from slices. `createAppStore` makes a vanilla store (tests use
// it without a DOM); React components read it through `useAppStore` with narrow selectors.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-state';
import { createBulkSlice } from './bulk-slice';
import { createComposerSlice } from './composer-slice';
import { createFilterSlice } from './filter-slice';
import { createHistorySlice } from './history-slice';
import { createHitsSlice } from './hits-slice';
import { createImportSlice } from './import-slice';
import { createParamColumnsSlice } from './param-columns-slice';
import { createSelectionSlice } from './selection-slice';
import { createServerSlice } from './server-slice';
import { createSortSlice } from './sort-slice';
import { createUiSlice } from './ui-slice';
import { createVisitSlice } from './visit-slice';
import { createWindowSlice } from './window-slice';

export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createHitsSlice(...args),
    ...createFilterSlice(...args),
    ...createSelectionSlice(...args),
    ...createUiSlice(...args),
    ...createSortSlice(...args),
    ...createServerSlice(...args),
    ...createComposerSlice(...args),
    ...createBulkSlice(...args),
    ...createHistorySlice(...args),
    ...createImportSlice(...args),
    ...createVisitSlice(...args),
    ...createParamColumnsSlice(...args),
    ...createWindowSlice(...args),
  }));
}
