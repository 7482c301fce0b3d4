// Hit stores of a test file, on a data dir of their own for each test: every store opened is
// closed, and the dir removed, after the test (a property may start over in a fresh dir).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { HitDeriver } from '../../electron/server/storage/compact';
import {
  openHitStore,
  type HitStoreOptions,
  type OpenedHitStore,
} from '../../electron/server/storage/hit-store';
import { SAMPLE_DEVICE } from './sample-dtos';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });

export interface StoreDirs {
  /** The data dir of the running test. */
  dir(): string;
  /** Closes the stores opened so far and gives the test an empty dir. */
  fresh(): Promise<void>;
  /** A store of the dir (100 hits in memory), its full read held until `fullReadAfter`. */
  open(fullReadAfter?: Promise<void>, more?: Partial<HitStoreOptions>): Promise<OpenedHitStore>;
  closeAll(): Promise<void>;
}

export function useStoreDirs(prefix: string, paramsOf: HitStoreOptions['paramsOf']): StoreDirs {
  let dir = '';
  const opened: OpenedHitStore[] = [];
  const closeAll = async () => {
    for (const store of opened.splice(0)) await store.close();
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await closeAll();
    remove();
  });
  return {
    dir: () => dir,
    async fresh() {
      await closeAll();
      remove();
      dir = mkdtempSync(join(tmpdir(), prefix));
    },
    async open(fullReadAfter, more = {}) {
      const options = { dataDir: dir, maxHits: 100, derive, paramsOf, fullReadAfter, ...more };
      const store = await openHitStore(options);
      opened.push(store);
      return store;
    },
    closeAll,
  };
}
