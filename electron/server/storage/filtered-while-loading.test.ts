// A filtered page during the read-back walks the data file from its end within a budget of
// bytes: a filter whose page fills within it is answered at once (its total not complete), one
// that would read on past it waits for the load and gets the loaded search's exact answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { useStoreDirs } from '../../../test-support/capture/store-dirs';
import type { ParamsOf } from './stored-record';
import { DATA_FILE_NAME } from './hit-store';
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

const stores = useStoreDirs('hitscope-filtered-loading-', paramsOf);
const open = (
  fullReadAfter?: Promise<void>,
  filteredWalkBytes?: number,
  filteredSkipBytes?: number,
) => stores.open(fullReadAfter, { filteredWalkBytes, filteredSkipBytes });

const ids = (page: { hits: { id: string }[] }) => page.hits.map((hit) => hit.id);

describe('a filtered page during the read-back', () => {
  it('walks within its budget, past it waits for the load and answers as loaded', async () => {
    const first = await open();
    await first.load();
    const rare = sampleRequest({ params: { e_c: 'Rare' } });
    await first.add(rare.request, rare.hits);
    for (let i = 0; i < 20; i++) {
      const { request, hits } = sampleRequest({ params: { e_c: i >= 18 ? 'Common' : 'Other' } });
      await first.add(request, hits);
    }
    const common = await first.search({ params: { e_c: 'Common' } }, { limit: 1 });
    await first.close();

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The budgets: the newest three lines, parsed or ruled out by their bytes.
    const lines = readFileSync(join(stores.dir(), DATA_FILE_NAME), 'utf8').trimEnd().split('\n');
    const newest = Buffer.byteLength(lines.slice(-3).join('\n'));
    const store = await open(held, newest, newest);
    const loading = store.load();
    await store.loading();

    let settled = false;
    const rarePage = store
      .search({ params: { e_c: 'Rare' } }, { limit: 1, whileLoading: true })
      .finally(() => (settled = true));
    // Found in the newest lines: at once, its total the matches found.
    const during = await store.search(
      { params: { e_c: 'Common' } },
      { limit: 1, whileLoading: true },
    );
    expect(during).toMatchObject({ total: 2, complete: false });
    expect(ids(during)).toEqual(ids(common));
    expect(during.next).toBe(ids(common)[0]);
    expect(settled).toBe(false);
    expect(store.summary().readBack).toBeDefined();

    release();
    await loading;
    // The loaded search's answer: exact, complete.
    const page = await rarePage;
    expect(ids(page)).toEqual([rare.hits[0]?.id]);
    expect(page.total).toBe(1);
    expect(page.complete).toBeUndefined();
  });
});
