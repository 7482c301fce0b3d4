// Layout state: which main view is shown (hits, and the views other panels mount), the
// table's ordering and follow mode, expanded bulk groups, and the open panes.
import type { StateCreator } from 'zustand/vanilla';
import { loadInspectorOpen, saveInspectorOpen } from '../lib/inspector-width';
import type { AppState } from './app-state';

/** Main views; each has a tab in the layout. */
export const VIEWS = ['hits', 'visits', 'compose', 'bulk', 'history'] as const;
export type View = (typeof VIEWS)[number];

export interface UiSlice {
  view: View;
  newestFirst: boolean;
  /** Keep the newest hit in view as hits arrive. */
  follow: boolean;
  /** Bulk request ids the user collapsed (groups are expanded by default). */
  collapsedGroups: Record<string, true>;
  logOpen: boolean;
  /** The inspector beside the table; hidden, the table takes the whole width (remembered). */
  inspectorOpen: boolean;
  settingsOpen: boolean;
  clearConfirmOpen: boolean;
  /** A short message shown at the bottom (copy done, errors of commands). */
  toast: { id: number; text: string; tone: 'info' | 'error' } | null;
  setView(view: View): void;
  setNewestFirst(newestFirst: boolean): void;
  setFollow(follow: boolean): void;
  toggleGroup(requestId: string): void;
  setGroupExpanded(requestId: string, expanded: boolean): void;
  setLogOpen(open: boolean): void;
  setInspectorOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  setClearConfirmOpen(open: boolean): void;
  notify(text: string, tone?: 'info' | 'error'): void;
  dismissToast(): void;
}

let toastId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  view: 'hits',
  newestFirst: true,
  follow: true,
  collapsedGroups: {},
  logOpen: false,
  inspectorOpen: loadInspectorOpen(),
  settingsOpen: false,
  clearConfirmOpen: false,
  toast: null,
  setView(view) {
    set({ view });
  },
  setNewestFirst(newestFirst) {
    set({ newestFirst });
  },
  setFollow(follow) {
    set({ follow });
  },
  toggleGroup(requestId) {
    get().setGroupExpanded(requestId, Boolean(get().collapsedGroups[requestId]));
  },
  setGroupExpanded(requestId, expanded) {
    const collapsed = { ...get().collapsedGroups };
    if (expanded) delete collapsed[requestId];
    else collapsed[requestId] = true;
    set({ collapsedGroups: collapsed });
  },
  setLogOpen(logOpen) {
    set({ logOpen });
  },
  setInspectorOpen(inspectorOpen) {
    saveInspectorOpen(inspectorOpen);
    set({ inspectorOpen });
  },
  setSettingsOpen(settingsOpen) {
    set({ settingsOpen });
  },
  setClearConfirmOpen(clearConfirmOpen) {
    set({ clearConfirmOpen });
  },
  notify(text, tone = 'info') {
    toastId += 1;
    set({ toast: { id: toastId, text, tone } });
  },
  dismissToast() {
    set({ toast: null });
  },
});
