// A UI preference remembered in the browser's storage: one key per preference, named
// `hitscope.<name>.v<version>` (a new version when the stored shape changes, so an old value
// is never read as the new shape), JSON values checked by `decode` on every load. A stale,
// hand-edited or unreadable entry reads as "nothing saved"; full or disabled storage only
// means the preference is not remembered.

export type StorageArea = 'localStorage' | 'sessionStorage';

export interface StoredPrefOptions<T> {
  name: string;
  version: number;
  /** The stored JSON value as T, or null when it is not one. */
  decode(value: unknown): T | null;
  /** A key the preference was kept under before it had a versioned one, still read. */
  previousKey?: string;
}

export interface StoredPref<T> {
  readonly key: string;
  /** The saved value, or null when nothing valid is saved. */
  load(area?: StorageArea | Storage | null): T | null;
  save(value: T, area?: StorageArea | Storage | null): void;
}

function storageOf(area: StorageArea | Storage | null | undefined): Storage | null {
  if (area && typeof area === 'object') return area;
  try {
    return (globalThis as Partial<Record<StorageArea, Storage>>)[area ?? 'localStorage'] ?? null;
  } catch {
    return null;
  }
}

export function storedPref<T>(options: StoredPrefOptions<T>): StoredPref<T> {
  const key = `hitscope.${options.name}.v${options.version}`;
  const read = (storage: Storage, name: string): T | null => {
    const text = storage.getItem(name);
    return text ? options.decode(JSON.parse(text)) : null;
  };
  return {
    key,
    load(area) {
      try {
        const storage = storageOf(area);
        if (!storage) return null;
        const value = read(storage, key);
        if (value !== null || storage.getItem(key) !== null || !options.previousKey) return value;
        return read(storage, options.previousKey);
      } catch {
        return null;
      }
    },
    save(value, area) {
      try {
        storageOf(area)?.setItem(key, JSON.stringify(value));
      } catch {
        // Full or disabled storage: the preference is only kept in memory.
      }
    },
  };
}
