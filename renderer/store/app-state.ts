// The one store's state: the intersection of every slice. Other panels add their slice
// here and in app-store.ts.
import type { BulkSlice } from './bulk-slice';
import type { ComposerSlice } from './composer-slice';
import type { FilterSlice } from './filter-slice';
import type { HistorySlice } from './history-slice';
import type { HitsSlice } from './hits-slice';
import type { ImportSlice } from './import-slice';
import type { ParamColumnsSlice } from './param-columns-slice';
import type { SelectionSlice } from './selection-slice';
import type { ServerSlice } from './server-slice';
import type { SortSlice } from './sort-slice';
import type { UiSlice } from './ui-slice';
import type { VisitSlice } from './visit-slice';
import type { WindowSlice } from './window-slice';

export type AppState = HitsSlice &
  FilterSlice &
  SelectionSlice &
  UiSlice &
  SortSlice &
  ServerSlice &
  ComposerSlice &
  BulkSlice &
  HistorySlice &
  ImportSlice &
  VisitSlice &
  ParamColumnsSlice &
  WindowSlice;
