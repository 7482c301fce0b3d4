// The summary says while the data file is read back after a start, how far it has got, and
// tells subscribers when that changes, so the UI can explain a table that is still filling.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitStoreEvent } from '../contracts';
import type { HitDeriver } from './compact';
import type { ParamsOf } from './stored-record';
import { DATA_FILE_NAME, openHitStore, type OpenedHitStore } from './hit-store';
import { ReadBackProgress } from './read-back-progress';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
const opened: OpenedHitStore[] = [];
const open = async (fullReadAfter?: Promise<void>) => {
  const store = await openHitStore({ dataDir: dir, maxHits: 100, derive, paramsOf, fullReadAfter });
  opened.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-read-back-'));
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the read-back in the summary', () => {
  it('is present from the start of the load until the whole file is read, then gone', async () => {
    const first = await open();
    await first.load();
    for (let i = 0; i < 3; i++) {
      const { request, hits } = sampleRequest({ params: { uid: `u${i}` } });
      await first.add(request, hits);
    }
    await first.close();
    const bytes = statSync(join(dir, DATA_FILE_NAME)).size;

    let release: () => void = () => undefined;
    const store = await open(new Promise<void>((resolve) => (release = resolve)));
    const events: HitStoreEvent['type'][] = [];
    store.subscribe((event) => events.push(event.type));
    expect(store.summary().readBack).toBeUndefined();

    const loading = store.load();
    expect(store.summary().readBack).toEqual({ bytesRead: 0, bytes });
    expect(events).toEqual(['summary']);
    // Held before the full read: the counts are not complete yet, and the summary says so.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.summary()).toMatchObject({ hits: 0, readBack: { bytesRead: 0, bytes } });

    release();
    await loading;
    expect(store.summary().hits).toBe(3);
    expect(store.summary().readBack).toBeUndefined();
    expect(events.at(-1)).toBe('summary');
  });

  it('is gone once an empty data file is loaded', async () => {
    const store = await open();
    await store.load();
    expect(store.summary().readBack).toBeUndefined();
  });
});

describe('read-back progress', () => {
  it('counts the bytes read, never past the file, and announces a few times a second', () => {
    let now = 0;
    let announced = 0;
    const progress = new ReadBackProgress(
      100,
      () => announced++,
      () => now,
    );
    progress.advance(30);
    expect(progress.toDto()).toEqual({ bytesRead: 30, bytes: 100 });
    expect(announced).toBe(1);
    now = 100;
    progress.advance(30);
    expect(announced).toBe(1);
    now = 300;
    progress.advance(60);
    expect(progress.toDto()).toEqual({ bytesRead: 100, bytes: 100 });
    expect(announced).toBe(2);
  });
});
