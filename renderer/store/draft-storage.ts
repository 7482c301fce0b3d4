// The work in progress of the composer and the bulk builder, kept across a reload of the
// page (or of the desktop window). Everything but token_auth values goes to localStorage;
// the tokens are credentials, so they are kept for the tab only (sessionStorage, which a
// reload keeps and closing the window clears).
import { decodedNameIsToken } from '../lib/mask-token';
import { storedPref } from '../lib/stored-pref';
import { restoredDraft, type ComposerDraft } from '../requests/draft';
import type { AppState } from './app-state';
import type { AppStore } from './app-store';
import type { SendImageChoice } from './bulk-slice';

interface SavedDrafts {
  version: 1;
  draft: ComposerDraft;
  bulk: {
    entries: string[];
    tokenAuth: string;
    sendImage: SendImageChoice;
    target: string;
    path: string;
  };
}

function snapshot(state: AppState): SavedDrafts {
  return {
    version: 1,
    draft: state.draft,
    bulk: {
      entries: state.bulkEntries.map((entry) => entry.text),
      tokenAuth: state.bulkTokenAuth,
      sendImage: state.bulkSendImage,
      target: state.bulkTarget,
      path: state.bulkPath,
    },
  };
}

/** The drafts without any token_auth value (bulk entries with a token are left out). */
function withoutTokens(saved: SavedDrafts): SavedDrafts {
  const { draft, bulk } = saved;
  return {
    ...saved,
    draft: {
      ...draft,
      params: draft.params.filter((p) => !decodedNameIsToken(p.name)),
      rawText: null,
      rawBulk: null,
      rawNotes: [],
      rawError: null,
      rawOrigin: null,
    },
    bulk: {
      ...bulk,
      tokenAuth: '',
      entries: bulk.entries.filter((text) => !/token/i.test(text)),
    },
  };
}

const drafts = storedPref<SavedDrafts>({
  name: 'drafts',
  version: 1,
  previousKey: 'hitscope.drafts',
  decode: (value) => {
    const saved = value as Partial<SavedDrafts> | null;
    if (saved?.version !== 1 || !saved.draft || !Array.isArray(saved.draft.params)) return null;
    if (!saved.bulk || !Array.isArray(saved.bulk.entries)) return null;
    return saved as SavedDrafts;
  },
});

export const DRAFTS_KEY = drafts.key;

/** Puts back the drafts a previous page left (this tab's, tokens included, first). */
export function restoreDrafts(store: AppStore): void {
  const saved = drafts.load('sessionStorage') ?? drafts.load('localStorage');
  if (!saved) return;
  const state = store.getState();
  state.updateDraft(() => restoredDraft(saved.draft));
  if (saved.bulk.entries.length > 0 && state.bulkEntries.length === 0) {
    state.addBulkEntries(saved.bulk.entries.map(String));
  }
  state.setBulkOptions({
    bulkTokenAuth: String(saved.bulk.tokenAuth ?? ''),
    bulkSendImage: saved.bulk.sendImage ?? 'omit',
    bulkTarget: String(saved.bulk.target || 'self'),
    bulkPath: String(saved.bulk.path || '/matomo.php'),
  });
}

/** Saves the drafts whenever they change (a storage that is full only loses the copy). */
export function persistDrafts(store: AppStore): () => void {
  const write = (state: AppState) => {
    const saved = snapshot(state);
    drafts.save(saved, 'sessionStorage');
    drafts.save(withoutTokens(saved), 'localStorage');
  };
  return store.subscribe((state, previous) => {
    if (
      state.draft !== previous.draft ||
      state.bulkEntries !== previous.bulkEntries ||
      state.bulkTokenAuth !== previous.bulkTokenAuth ||
      state.bulkSendImage !== previous.bulkSendImage ||
      state.bulkTarget !== previous.bulkTarget ||
      state.bulkPath !== previous.bulkPath
    ) {
      write(state);
    }
  });
}
