// The bulk builder's state: the list of entries (each a `"?query"` line as Matomo's bulk
// `requests` array holds them), the top-level token_auth and send_image, the target, and the
// last send with Matomo's answer mapped back onto the entries.
import type { StateCreator } from 'zustand/vanilla';
import type { SendRequestDto, SendResponseDto } from '../../shared/api/types';
import type { BulkAnswerMapping } from '../../shared/matomo/bulk-answer';
import type { AppState } from './app-state';

export interface BulkEntry {
  key: number;
  /** The item as sent: `?query`, a full URL, or a JSON object's text. */
  text: string;
}

export type SendImageChoice = 'omit' | '0' | '1';

export interface BulkSendResult {
  /** Entry keys in the order they were sent (entries may change after the send). */
  keys: number[];
  request: SendRequestDto;
  response: SendResponseDto | null;
  error: string | null;
  mapping: BulkAnswerMapping | null;
  sentAt: string;
}

export type BulkSendState =
  { status: 'idle' } | { status: 'sending' } | { status: 'done'; result: BulkSendResult };

export interface BulkSlice {
  bulkEntries: BulkEntry[];
  bulkTokenAuth: string;
  bulkSendImage: SendImageChoice;
  bulkTarget: string;
  bulkPath: string;
  bulkSend: BulkSendState;
  addBulkEntries(texts: readonly string[]): void;
  updateBulkEntry(key: number, text: string): void;
  removeBulkEntry(key: number): void;
  /** Moves an entry up (-1) or down (+1). */
  moveBulkEntry(key: number, delta: -1 | 1): void;
  clearBulk(): void;
  setBulkOptions(
    patch: Partial<Pick<BulkSlice, 'bulkTokenAuth' | 'bulkSendImage' | 'bulkTarget' | 'bulkPath'>>,
  ): void;
  setBulkSend(state: BulkSendState): void;
}

let nextKey = 1;

export const createBulkSlice: StateCreator<AppState, [], [], BulkSlice> = (set, get) => ({
  bulkEntries: [],
  bulkTokenAuth: '',
  bulkSendImage: 'omit',
  bulkTarget: 'self',
  bulkPath: '/matomo.php',
  bulkSend: { status: 'idle' },
  addBulkEntries(texts) {
    const added = texts.map((text) => ({ key: nextKey++, text }));
    set({ bulkEntries: [...get().bulkEntries, ...added] });
  },
  updateBulkEntry(key, text) {
    set({ bulkEntries: get().bulkEntries.map((e) => (e.key === key ? { ...e, text } : e)) });
  },
  removeBulkEntry(key) {
    set({ bulkEntries: get().bulkEntries.filter((e) => e.key !== key) });
  },
  moveBulkEntry(key, delta) {
    const entries = [...get().bulkEntries];
    const from = entries.findIndex((e) => e.key === key);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= entries.length) return;
    [entries[from], entries[to]] = [entries[to]!, entries[from]!];
    set({ bulkEntries: entries });
  },
  clearBulk() {
    set({ bulkEntries: [], bulkSend: { status: 'idle' } });
  },
  setBulkOptions(patch) {
    set(patch);
  },
  setBulkSend(bulkSend) {
    set({ bulkSend });
  },
});
