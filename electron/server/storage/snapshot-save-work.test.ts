// Saving the index snapshot writes the kinds of hits and the names' bloom the index keeps per
// line as its lines are given hits: a save goes over no hit again, and what it writes after a
// reset or a deleted run is what a start that reads the data file back would write. Hits
// still without search entries have their names told alone: the entries are not built first.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import type { OpenedHitStore } from './hit-store';
import { SNAPSHOT_FILE_NAME } from './index-snapshot';
import type * as LineKinds from './line-kinds';
import { SearchIndexer } from './search-indexer';
import { SearchText } from './search-text';
import type { ParamsOf } from './stored-record';

/** Hits whose type was turned into kinds' bits (typeBit), counted from the last reset. */
const derived = vi.hoisted(() => ({ hits: 0 }));

vi.mock('./line-kinds', async (importOriginal) => {
  const real = await importOriginal<typeof LineKinds>();
  return {
    ...real,
    typeBit: (code: number) => {
      derived.hits++;
      return real.typeBit(code);
    },
  };
});

const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const stores = useStoreDirs('hitscope-snapshot-work-', paramsOf);

beforeEach(() => {
  derived.hits = 0;
  vi.restoreAllMocks();
});

async function openLoaded(): Promise<OpenedHitStore> {
  const store = await stores.open();
  await store.load();
  return store;
}

/** Stores a page view, a bulk of `bulk` hits of two sites and an event in run `run`. */
async function addMixed(store: OpenedHitStore, bulk: number, run = 'kept'): Promise<void> {
  const view = sampleRequest({ params: { dimension2: 'x' } });
  const many = sampleRequest({ hits: bulk, params: { e_c: 'Video' } });
  many.hits[1]!.idsite = 2;
  const event = sampleRequest({ type: 'event', outcome: 'rejected', params: { c_n: 'banner' } });
  for (const sent of [view, many, event]) {
    sent.request.run = run;
    for (const hit of sent.hits) hit.run = run;
    await store.add(sent.request, sent.hits);
  }
}

const savedBytes = () => readFileSync(join(stores.dir(), SNAPSHOT_FILE_NAME));

/** The snapshot a start without one writes, once it has read the data file back. */
async function savedAfterReadBack(): Promise<Buffer> {
  await stores.closeAll();
  rmSync(join(stores.dir(), SNAPSHOT_FILE_NAME));
  const store = await openLoaded();
  await store.saveSnapshot();
  await stores.closeAll();
  return savedBytes();
}

describe('saving the index snapshot', () => {
  it('tells the kinds of no hit again: they were kept as the hits were indexed', async () => {
    const store = await openLoaded();
    await addMixed(store, 500);
    await store.saveSnapshot();
    expect(derived.hits).toBeGreaterThanOrEqual(502);

    derived.hits = 0;
    await addMixed(store, 2);
    const indexing = derived.hits;
    await store.saveSnapshot();
    expect(derived.hits - indexing).toBe(0);
  });

  it('writes what a start reading the file back writes, after a deleted run and a reset', async () => {
    const store = await openLoaded();
    await addMixed(store, 20, 'gone');
    await addMixed(store, 30);
    await store.saveSnapshot();
    expect(await store.dropRun!('gone')).toBe(22);
    await addMixed(store, 5);
    await store.saveSnapshot();
    const afterDrop = savedBytes();
    expect(await savedAfterReadBack()).toEqual(afterDrop);

    const again = await openLoaded();
    await again.reset();
    await addMixed(again, 7);
    await again.saveSnapshot();
    const afterReset = savedBytes();
    expect(await savedAfterReadBack()).toEqual(afterReset);
  });

  it('right after a bulk, leaves its entries to be built and saves its names all the same', async () => {
    const store = await openLoaded();
    await addMixed(store, 3);
    await store.searchEntriesBuilt();
    // Building in the background held: the bulk's hits are all still waiting when the save
    // runs, whatever the machine's speed, so the save alone decides whether they are built.
    vi.spyOn(
      SearchIndexer.prototype as unknown as { schedule(): void },
      'schedule',
    ).mockImplementation(() => undefined);
    const built = vi.spyOn(SearchText.prototype, 'add');
    const bulk = sampleRequest({ hits: 5_000, params: { e_c: 'Video' } });
    await store.add(bulk.request, bulk.hits);
    await store.saveSnapshot();
    expect(built).not.toHaveBeenCalled();
    const saved = savedBytes();
    expect(await savedAfterReadBack()).toEqual(saved);
  });
});
