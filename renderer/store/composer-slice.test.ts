import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';

const names = (store: ReturnType<typeof createAppStore>) =>
  store.getState().draft.params.map((p) => p.name);

beforeEach(() => localStorage.clear());

describe('composer slice', () => {
  it('starts a page view with the defaults and drops or restores them as they are toggled', () => {
    const store = createAppStore();
    expect(names(store)).toEqual(['idsite', 'rec', '_id', 'pv_id']);
    store.getState().setComposerPrefs({ rec: false, visitorId: false });
    expect(names(store)).toEqual(['idsite', 'pv_id']);
    store.getState().setComposerPrefs({ rec: true });
    expect(store.getState().draft.params.find((p) => p.name === 'rec')?.value).toBe('1');
  });

  it('remembers the defaults, the last site and the target across sessions', () => {
    const first = createAppStore();
    first.getState().setComposerPrefs({ pageviewId: false, cacheBuster: false });
    first.getState().rememberIdsite('7');
    first.getState().setComposerTarget('https://stats.example/');
    first.getState().rememberIdsite('not a site');

    const next = createAppStore();
    expect(next.getState().composerPrefs).toMatchObject({ pageviewId: false, cacheBuster: false });
    expect(next.getState().lastIdsite).toBe('7');
    expect(next.getState().composerTarget).toBe('https://stats.example/');
    next.getState().newDraft('event');
    expect(
      next
        .getState()
        .draft.params.map((p) => [p.name, p.value])
        .slice(0, 2),
    ).toEqual([
      ['ca', '1'],
      ['idsite', '7'],
    ]);
    expect(names(next)).not.toContain('pv_id');
  });

  it('survives unreadable remembered settings', () => {
    localStorage.setItem('hitscope.composer', '{oops');
    expect(createAppStore().getState().lastIdsite).toBe('1');
  });

  it('opens a draft in the composer view, bound to a bulk entry when given', () => {
    const store = createAppStore();
    store.getState().addBulkEntries(['?a=1', '?b=2', '?c=3']);
    const [, second] = store.getState().bulkEntries;
    store.getState().moveBulkEntry(second!.key, -1);
    expect(store.getState().bulkEntries.map((e) => e.text)).toEqual(['?b=2', '?a=1', '?c=3']);
    store.getState().moveBulkEntry(second!.key, -1);
    expect(store.getState().bulkEntries[0]!.text).toBe('?b=2');
    store.getState().openInComposer(store.getState().draft, { bulkKey: second!.key });
    expect(store.getState().view).toBe('compose');
    expect(store.getState().editingBulkKey).toBe(second!.key);
  });
});
