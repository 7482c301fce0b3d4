// The composer's state: the request being built, where it goes, the defaults the user
// chose (remembered across sessions in localStorage), and the answer of the last send.
// The draft lives here, not in the component, so switching views keeps the work.
import type { StateCreator } from 'zustand/vanilla';
import type { SendRequestDto, SendResponseDto } from '../../shared/api/types';
import type { TemplateId } from '../../shared/matomo/templates';
import {
  DEFAULT_PREFS,
  createDraft,
  droppedBySwitch,
  dropParam,
  switchTemplate,
  upsertParam,
  type ComposerDraft,
  type ComposerPrefs,
} from '../requests/draft';
import { storedPref } from '../lib/stored-pref';
import { freshPageviewId, freshVisitorId } from '../../shared/matomo/volatile';
import type { AppState } from './app-state';

/** One send and what came of it. */
export interface SentRecord {
  request: SendRequestDto;
  response: SendResponseDto | null;
  error: string | null;
  sentAt: string;
}

export type SendState =
  { status: 'idle' } | { status: 'sending' } | { status: 'done'; record: SentRecord };

export interface ComposerSlice {
  draft: ComposerDraft;
  /** 'self' (this Hitscope) or the base URL of a real Matomo. */
  composerTarget: string;
  composerPrefs: ComposerPrefs;
  /** idsite of the last request sent, the default of the next one. */
  lastIdsite: string;
  composerSend: SendState;
  /** Set while the draft edits an entry of the bulk builder. */
  editingBulkKey: number | null;
  /** The draft before a template switch removed typed values, until the next edit. */
  draftUndo: { draft: ComposerDraft; dropped: string[] } | null;
  updateDraft(update: (draft: ComposerDraft) => ComposerDraft): void;
  /** Switches the kind of hit; typed values it removes can be brought back with undoDraft. */
  switchDraftTemplate(template: TemplateId): void;
  undoDraft(): void;
  newDraft(template: TemplateId): void;
  /** Opens a draft in the composer view (edit and resend, history, bulk entry). */
  openInComposer(
    draft: ComposerDraft,
    options?: { target?: string; bulkKey?: number | null },
  ): void;
  setComposerTarget(target: string): void;
  /** Changes the defaults; idsite, rec, _id and pv_id are added to or removed from the draft. */
  setComposerPrefs(patch: Partial<ComposerPrefs>): void;
  setComposerSend(state: SendState): void;
  rememberIdsite(idsite: string): void;
}

interface Remembered {
  prefs: ComposerPrefs;
  lastIdsite: string;
  target: string;
}

const FALLBACK: Remembered = { prefs: DEFAULT_PREFS, lastIdsite: '1', target: 'self' };

const remembered = storedPref<Remembered>({
  name: 'composer',
  version: 1,
  previousKey: 'hitscope.composer',
  decode: (value) => {
    if (typeof value !== 'object' || value === null) return null;
    const saved = value as Partial<Remembered>;
    return {
      prefs: { ...DEFAULT_PREFS, ...(typeof saved.prefs === 'object' ? saved.prefs : {}) },
      lastIdsite: typeof saved.lastIdsite === 'string' ? saved.lastIdsite : '1',
      target: typeof saved.target === 'string' && saved.target !== '' ? saved.target : 'self',
    };
  },
});

function load(): Remembered {
  return remembered.load() ?? FALLBACK;
}

function save(state: Pick<AppState, 'composerPrefs' | 'lastIdsite' | 'composerTarget'>): void {
  remembered.save({
    prefs: state.composerPrefs,
    lastIdsite: state.lastIdsite,
    target: state.composerTarget,
  });
}

/** The draft with a default turned on (added with a fresh value) or off (removed). */
function applyDefault(
  draft: ComposerDraft,
  key: keyof ComposerPrefs,
  on: boolean,
  lastIdsite: string,
): ComposerDraft {
  const param = { idsite: 'idsite', rec: 'rec', visitorId: '_id', pageviewId: 'pv_id' }[
    key as 'idsite' | 'rec' | 'visitorId' | 'pageviewId'
  ];
  if (param === undefined) return draft;
  if (!on) return dropParam(draft, param);
  const value =
    param === 'idsite'
      ? lastIdsite
      : param === 'rec'
        ? '1'
        : param === '_id'
          ? freshVisitorId()
          : freshPageviewId();
  return draft.params.some((p) => p.name === param) ? draft : upsertParam(draft, param, value);
}

export const createComposerSlice: StateCreator<AppState, [], [], ComposerSlice> = (set, get) => {
  const remembered = load();
  return {
    draft: createDraft('pageview', { lastIdsite: remembered.lastIdsite, prefs: remembered.prefs }),
    composerTarget: remembered.target,
    composerPrefs: remembered.prefs,
    lastIdsite: remembered.lastIdsite,
    composerSend: { status: 'idle' },
    editingBulkKey: null,
    draftUndo: null,
    updateDraft(update) {
      set({ draft: update(get().draft), draftUndo: null });
    },
    switchDraftTemplate(template) {
      const before = get().draft;
      const draft = switchTemplate(before, template);
      const dropped = droppedBySwitch(before, draft);
      set({ draft, draftUndo: dropped.length > 0 ? { draft: before, dropped } : null });
    },
    undoDraft() {
      const undo = get().draftUndo;
      if (undo) set({ draft: undo.draft, draftUndo: null });
    },
    newDraft(template) {
      const { lastIdsite, composerPrefs } = get();
      set({
        draft: createDraft(template, { lastIdsite, prefs: composerPrefs }),
        composerSend: { status: 'idle' },
        editingBulkKey: null,
        draftUndo: null,
      });
    },
    openInComposer(draft, options = {}) {
      set({
        draft,
        draftUndo: null,
        composerSend: { status: 'idle' },
        editingBulkKey: options.bulkKey ?? null,
        ...(options.target ? { composerTarget: options.target } : {}),
        view: 'compose',
      });
      if (options.target) save(get());
    },
    setComposerTarget(composerTarget) {
      set({ composerTarget });
      save(get());
    },
    setComposerPrefs(patch) {
      const prefs = { ...get().composerPrefs, ...patch };
      let draft = get().draft;
      for (const [key, on] of Object.entries(patch) as [keyof ComposerPrefs, boolean][]) {
        draft = applyDefault(draft, key, on, get().lastIdsite);
      }
      set({ composerPrefs: prefs, draft });
      save(get());
    },
    setComposerSend(composerSend) {
      set({ composerSend });
    },
    rememberIdsite(idsite) {
      if (!/^[1-9][0-9]*$/.test(idsite) || idsite === get().lastIdsite) return;
      set({ lastIdsite: idsite });
      save(get());
    },
  };
};
