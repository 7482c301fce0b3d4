import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from './app-store';
import { DRAFTS_KEY, persistDrafts, restoreDrafts } from './draft-storage';

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('draft storage', () => {
  it('brings the bulk back after a reload, with its token only from this tab', () => {
    const first = createAppStore();
    const stop = persistDrafts(first);
    first.getState().addBulkEntries(['?idsite=3&rec=1', '?idsite=3&rec=1&token_auth=x']);
    first.getState().setBulkOptions({ bulkTokenAuth: 'secret', bulkPath: '/piwik.php' });
    stop();

    const reloaded = createAppStore();
    restoreDrafts(reloaded);
    expect(reloaded.getState().bulkEntries.map((entry) => entry.text)).toHaveLength(2);
    expect(reloaded.getState().bulkTokenAuth).toBe('secret');

    sessionStorage.clear();
    const newWindow = createAppStore();
    restoreDrafts(newWindow);
    expect(newWindow.getState().bulkEntries.map((entry) => entry.text)).toEqual([
      '?idsite=3&rec=1',
    ]);
    expect(newWindow.getState().bulkTokenAuth).toBe('');
    expect(newWindow.getState().bulkPath).toBe('/piwik.php');
    expect(localStorage.getItem(DRAFTS_KEY)).not.toContain('secret');
  });

  it('ignores a saved copy of another shape', () => {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify({ version: 1, draft: {} }));
    const store = createAppStore();
    const before = store.getState().draft;
    restoreDrafts(store);
    expect(store.getState().draft).toBe(before);
  });
});
