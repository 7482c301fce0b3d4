// The one store's state: the intersection of every slice. Other panels add their slice
// here and in app-store.ts.
import type { FilterSlice } from './filter-slice';
import type { HitsSlice } from './hits-slice';
import type { SelectionSlice } from './selection-slice';
import type { ServerSlice } from './server-slice';
import type { UiSlice } from './ui-slice';

export type AppState = HitsSlice & FilterSlice & SelectionSlice & UiSlice & ServerSlice;
