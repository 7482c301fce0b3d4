// A store restarted on a saved snapshot that covers only its first lines, its read-back held,
// and the filtered walks of its pages while loading compared with a rule of the walk switched
// on and off: what tests of the rules that pass over lines (the kinds, the parameter names
// the snapshot keeps) share.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { HitFilterDto, HitDto, RequestRecordDto } from '../../shared/api/types';
import type { OpenedHitStore } from '../../electron/server/storage/hit-store';
import { SNAPSHOT_FILE_NAME } from '../../electron/server/storage/index-snapshot';
import type { StoreDirs } from './store-dirs';

type Sent = { request: RequestRecordDto; hits: HitDto[] };

/** Stores the requests; the snapshot left beside them covers the first `covered` of them. */
export async function storeAroundSnapshot(
  stores: StoreDirs,
  sent: readonly (() => Sent)[],
  covered: number,
): Promise<void> {
  const addAll = async (part: readonly (() => Sent)[]) => {
    const store = await stores.open();
    await store.load();
    for (const make of part) {
      const { request, hits } = make();
      await store.add(request, hits);
    }
    await stores.closeAll();
  };
  await addAll(sent.slice(0, covered));
  const snapshot = join(stores.dir(), SNAPSHOT_FILE_NAME);
  const saved = `${snapshot}.saved`;
  copyFileSync(snapshot, saved);
  await addAll(sent.slice(covered));
  copyFileSync(saved, snapshot);
}

/** The store of the dir reopened, its read-back held until `finish` is called. */
export async function reopenHeld(
  stores: StoreDirs,
): Promise<{ store: OpenedHitStore; finish: () => Promise<unknown> }> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const store = await stores.open(held);
  const loading = store.load();
  await store.loading();
  return { store, finish: async () => (release(), await loading) };
}

/**
 * Expects the pages of `wanted` while loading (the first, and the next one) to be the same
 * with the rule `switchRule` turns on and off; true when it read fewer bytes with it (`reads`:
 * the byte ranges read, which the test records).
 */
export async function expectSamePages(
  store: OpenedHitStore,
  wanted: HitFilterDto,
  limit: number,
  reads: [number, number][],
  switchRule: (on: boolean) => void,
): Promise<boolean> {
  const walk = async (on: boolean, before?: string) => {
    switchRule(on);
    reads.length = 0;
    const page = await store.search(wanted, { limit, before, whileLoading: true });
    return {
      page: {
        ids: page.hits.map((hit) => hit.id),
        next: page.next,
        total: page.total,
        complete: page.complete,
      },
      bytesRead: reads.reduce((sum, [start, end]) => sum + end - start, 0),
    };
  };
  const everyLine = await walk(false);
  const withRule = await walk(true);
  expect(withRule.page).toEqual(everyLine.page);
  const next = everyLine.page.next;
  if (next !== null) expect((await walk(true, next)).page).toEqual((await walk(false, next)).page);
  return withRule.bytesRead < everyLine.bytesRead;
}
