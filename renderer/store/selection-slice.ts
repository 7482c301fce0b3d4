// The focused hit (shown in the inspector) and the multi-selection of hit ids that bulk
// actions (resend, export) work on. Ctrl/⌘-click toggles, Shift-click selects a range. A
// failed request can be selected instead (it has no hit): selecting one clears the other.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-state';

export interface SelectionSlice {
  /** The hit shown in the inspector. */
  selectedId: string | null;
  /** Every selected hit id (includes selectedId when set). */
  selectedIds: string[];
  /** Start of a Shift range. */
  anchorId: string | null;
  /** The failed request shown in the inspector (its request id), when one is selected. */
  selectedFailedId: string | null;
  select(id: string | null): void;
  selectFailed(requestId: string | null): void;
  toggleSelected(id: string): void;
  /** Selects the ids between the anchor and `id` within `orderedIds` (the visible order). */
  selectRange(id: string, orderedIds: readonly string[]): void;
  setSelectedIds(ids: string[]): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selectedId: null,
  selectedIds: [],
  anchorId: null,
  selectedFailedId: null,
  select(id) {
    set({ selectedId: id, selectedIds: id ? [id] : [], anchorId: id, selectedFailedId: null });
  },
  selectFailed(requestId) {
    set({ selectedFailedId: requestId, selectedId: null, selectedIds: [], anchorId: null });
  },
  toggleSelected(id) {
    const { selectedIds, selectedId } = get();
    if (selectedIds.includes(id)) {
      const rest = selectedIds.filter((item) => item !== id);
      set({
        selectedIds: rest,
        selectedId: selectedId === id ? (rest[rest.length - 1] ?? null) : selectedId,
      });
    } else {
      set({
        selectedIds: [...selectedIds, id],
        selectedId: id,
        anchorId: id,
        selectedFailedId: null,
      });
    }
  },
  selectRange(id, orderedIds) {
    const anchor = get().anchorId ?? id;
    const from = orderedIds.indexOf(anchor);
    const to = orderedIds.indexOf(id);
    if (from < 0 || to < 0) {
      get().select(id);
      return;
    }
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    set({ selectedIds: orderedIds.slice(lo, hi + 1), selectedId: id, selectedFailedId: null });
  },
  setSelectedIds(ids) {
    set({ selectedIds: ids, selectedId: ids[ids.length - 1] ?? null, selectedFailedId: null });
  },
});
