// A large bulk's hits handed to the store to make (contracts.ts, HitsToMake): each DTO is made
// when the store writes it and again when it announces it, after the add has resolved (the
// request's answer), so none is kept from the first making to the second; what the store keeps,
// writes and announces is what the same hits given as DTOs give; nothing told meanwhile
// overtakes the announcement.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  sampleDerive,
  sampleParamsOf,
  sampleRequest,
} from '../../../test-support/capture/sample-dtos';
import type { HitDto } from '../../../shared/api/types';
import type { HitStoreEvent, HitsToMake } from '../contracts';
import {
  DATA_FILE_NAME,
  openHitStore,
  SLICED_LINE_HITS,
  type PersistentHitStore,
} from './hit-store';

const derive = sampleDerive;
const paramsOf = sampleParamsOf;

/** The hits of `hits` to make, counting the DTOs made. */
function toMake(hits: HitDto[]): HitsToMake & { made: number } {
  return {
    count: hits.length,
    made: 0,
    hitAt(index) {
      this.made++;
      return structuredClone(hits[index]!);
    },
    paramsAt: (index) => hits[index]!.params,
  };
}

const dirs: string[] = [];
const stores: PersistentHitStore[] = [];

async function openStore(): Promise<{ store: PersistentHitStore; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hitscope-to-make-'));
  dirs.push(dir);
  const store = await openHitStore({ dataDir: dir, maxHits: 10_000, derive, paramsOf });
  stores.push(store);
  await store.load();
  return { store, dir };
}

/** The store's events until `count` were told. */
function told(store: PersistentHitStore, count: number): Promise<HitStoreEvent[]> {
  const events: HitStoreEvent[] = [];
  return new Promise((resolve) => {
    store.subscribe((event) => {
      if (event.type === 'summary') return;
      events.push(event);
      if (events.length === count) resolve(events);
    });
  });
}

const bulk = () => sampleRequest({ hits: SLICED_LINE_HITS + 200, transport: 'bulk' });

beforeEach(() => {
  dirs.length = 0;
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('hits to make, added to the store', () => {
  it('are made once to be written and once more, after the add, to be announced', async () => {
    const { store } = await openStore();
    const { request, hits } = bulk();
    const announced = told(store, 1);
    const given = toMake(hits);
    const events: HitStoreEvent[] = [];
    store.subscribe((event) => {
      if (event.type === 'added') events.push(event);
    });
    await store.add(request, given);
    expect(given.made).toBe(hits.length);
    expect(events).toHaveLength(0);
    const [event] = await announced;
    expect(given.made).toBe(2 * hits.length);
    expect(event).toEqual({ type: 'added', request, hits });
    expect(store.get(hits[7]!.id)).toEqual(hits[7]);
  });

  it('are kept and written exactly as the same hits given as DTOs', async () => {
    const { request, hits } = bulk();
    const asDtos = await openStore();
    await asDtos.store.add(request, hits);
    const made = await openStore();
    await made.store.add(request, toMake(hits));
    await told(made.store, 1);
    const line = (dir: string) => readFileSync(join(dir, DATA_FILE_NAME), 'utf8');
    expect(line(made.dir)).toBe(line(asDtos.dir));
    const page = (store: PersistentHitStore) => store.query({}, { limit: 50 });
    expect(page(made.store)).toEqual(page(asDtos.store));
  });

  it('are announced before whatever the store tells after them', async () => {
    const { store } = await openStore();
    const first = bulk();
    const second = bulk();
    const single = sampleRequest();
    const events = told(store, 4);
    await store.add(first.request, toMake(first.hits));
    await store.add(second.request, toMake(second.hits));
    await store.add(single.request, single.hits);
    await store.reset();
    const order = (await events).map((event) =>
      event.type === 'added' ? event.request.id : event.type,
    );
    expect(order).toEqual([first.request.id, second.request.id, single.request.id, 'reset']);
  });
});
