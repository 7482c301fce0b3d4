import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { SORT_PREFS_KEY } from './sort-slice';

beforeEach(() => localStorage.clear());

describe('sort slice', () => {
  it('starts in arrival order and remembers the sort across sessions', () => {
    const first = createAppStore();
    expect(first.getState().sorting).toEqual([]);
    first.getState().setSorting([{ id: 'site', desc: false }]);
    first.getState().setSorting((old) => [...old, { id: 'type', desc: true }]);
    expect(JSON.parse(localStorage.getItem(SORT_PREFS_KEY) ?? 'null')).toEqual([
      { id: 'site', desc: false },
      { id: 'type', desc: true },
    ]);
    const next = createAppStore();
    expect(next.getState().sorting).toEqual([
      { id: 'site', desc: false },
      { id: 'type', desc: true },
    ]);
    next.getState().clearSorting();
    expect(createAppStore().getState().sorting).toEqual([]);
  });

  it('ignores unknown columns and unreadable stored values', () => {
    localStorage.setItem(SORT_PREFS_KEY, '{oops');
    expect(createAppStore().getState().sorting).toEqual([]);
    localStorage.setItem(SORT_PREFS_KEY, JSON.stringify([{ id: 'gone', desc: true }, 'x']));
    expect(createAppStore().getState().sorting).toEqual([]);
    const store = createAppStore();
    store.getState().setSorting([
      { id: 'nope', desc: false },
      { id: 'outcome', desc: true },
    ]);
    expect(store.getState().sorting).toEqual([{ id: 'outcome', desc: true }]);
  });

  it('keeps the same state object when nothing changed', () => {
    const store = createAppStore();
    store.getState().setSorting([{ id: 'site', desc: false }]);
    const before = store.getState().sorting;
    store.getState().setSorting([{ id: 'site', desc: false }]);
    expect(store.getState().sorting).toBe(before);
  });
});
