// The send history: every request the app sent through /api/send (composer, bulk builder,
// replay), with its answer, kept in `history.json` in the data directory so it survives a
// restart. Small (capped) and rewritten whole on each change, through a temporary file and a
// rename, so a crash mid-write leaves the previous file intact. A file that cannot be read
// is set aside (renamed, never deleted) and the history starts empty, so nothing is lost.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  HistoryEntryDto,
  HistoryResponseDto,
  NewHistoryEntryDto,
  SendResponseDto,
} from '../../shared/api/types';

export const HISTORY_FILE = 'history.json';
export const MAX_HISTORY_ENTRIES = 500;
/** Answers are kept for reading back, not for archiving: long bodies are cut. */
export const MAX_STORED_RESPONSE_BODY = 64 * 1024;
/**
 * The file is rewritten on every change, so one huge bulk must not make every later change
 * slow: a request body past this is kept cut (and marked), the rest of the entry as sent.
 */
export const MAX_STORED_REQUEST_BODY = 256 * 1024;

export interface HistoryStore {
  /** Newest first. */
  list(): HistoryEntryDto[];
  get(id: string): HistoryEntryDto | undefined;
  add(entry: NewHistoryEntryDto): Promise<HistoryEntryDto>;
  rename(id: string, name: string | null): Promise<HistoryEntryDto | undefined>;
  remove(id: string): Promise<boolean>;
  clear(): Promise<void>;
  readonly maxEntries: number;
  /** Waits for pending writes. */
  flush(): Promise<void>;
}

interface HistoryFile {
  version: 1;
  entries: HistoryEntryDto[];
}

function loadEntries(file: string): HistoryEntryDto[] {
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<HistoryFile>;
    if (!Array.isArray(parsed.entries)) throw new Error('no entries array');
    return parsed.entries.filter(
      (e): e is HistoryEntryDto => typeof e === 'object' && e !== null && typeof e.id === 'string',
    );
  } catch {
    renameSync(file, `${file}.unreadable-${Date.now()}`);
    return [];
  }
}

function storedResponse(response: SendResponseDto): HistoryResponseDto {
  const truncated = response.body.length > MAX_STORED_RESPONSE_BODY;
  const stored: HistoryResponseDto = {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: truncated ? response.body.slice(0, MAX_STORED_RESPONSE_BODY) : response.body,
    bodyEncoding: response.bodyEncoding,
    bodyTruncated: truncated,
    durationMs: response.durationMs,
  };
  if (response.requestId !== undefined) stored.requestId = response.requestId;
  return stored;
}

export function createHistoryStore(
  dataDir: string,
  options: { maxEntries?: number; now?: () => Date } = {},
): HistoryStore {
  const file = join(dataDir, HISTORY_FILE);
  const maxEntries = options.maxEntries ?? MAX_HISTORY_ENTRIES;
  const now = options.now ?? (() => new Date());
  let entries: HistoryEntryDto[] | null = null;
  let writing: Promise<void> = Promise.resolve();

  // Loaded on first use, so a server that never touches the history never reads the file.
  const all = (): HistoryEntryDto[] => (entries ??= loadEntries(file));

  const persist = (): Promise<void> => {
    const snapshot: HistoryFile = { version: 1, entries: all() };
    const text = JSON.stringify(snapshot);
    writing = writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dataDir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, text, 'utf8');
        await rename(tmp, file);
      });
    return writing;
  };

  return {
    maxEntries,
    list: () => [...all()],
    get: (id) => all().find((e) => e.id === id),
    async add(input) {
      const entry: HistoryEntryDto = {
        id: randomUUID(),
        createdAt: now().toISOString(),
        name: null,
        kind: input.kind,
        origin: input.origin,
        summary: input.summary,
        request: input.request,
        response: input.response ? storedResponse(input.response) : null,
      };
      const body = input.request.body;
      if (body !== undefined && body.length > MAX_STORED_REQUEST_BODY) {
        entry.request = { ...input.request, body: body.slice(0, MAX_STORED_REQUEST_BODY) };
        entry.requestBodyTruncated = true;
      }
      if (input.error !== undefined) entry.error = input.error;
      entries = [entry, ...all()].slice(0, maxEntries);
      await persist();
      return entry;
    },
    async rename(id, name) {
      const entry = all().find((e) => e.id === id);
      if (!entry) return undefined;
      entry.name = name;
      await persist();
      return entry;
    },
    async remove(id) {
      const before = all().length;
      entries = all().filter((e) => e.id !== id);
      if (entries.length === before) return false;
      await persist();
      return true;
    },
    async clear() {
      entries = [];
      await persist();
    },
    flush: () => writing.catch(() => undefined),
  };
}
