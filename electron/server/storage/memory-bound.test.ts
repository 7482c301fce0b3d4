// The in-memory window is bounded by estimated bytes as well as by hit count: large requests
// push the oldest hits out to disk only, while storing and while loading the data file back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import type { HitDeriver } from './compact';
import { openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const BOUND = 200_000;

let dir: string;
const open: PersistentHitStore[] = [];
async function openStore(): Promise<PersistentHitStore> {
  const store = await openHitStore({
    dataDir: dir,
    maxHits: 1000,
    maxMemoryBytes: BOUND,
    derive,
    paramsOf,
  });
  open.push(store);
  await store.load();
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-memory-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('memory bound', () => {
  it('evicts the oldest hits by bytes, storing and loading, and keeps counting them', async () => {
    const store = await openStore();
    const sent = Array.from({ length: 20 }, (_, i) =>
      sampleRequest({ params: { uid: `m${i}`, big: 'x'.repeat(20_000) } }),
    );
    for (const { request, hits } of sent) await store.add(request, hits);
    const summary = store.summary();
    expect(summary).toMatchObject({ hits: 20, maxMemoryBytes: BOUND });
    expect(summary.memoryBytes).toBeLessThanOrEqual(BOUND);
    expect(summary.inMemory).toBeGreaterThan(0);
    expect(summary.inMemory).toBeLessThan(10);
    expect(summary.onDiskOnly).toBe(20 - summary.inMemory);
    // The newest are the ones kept.
    expect(store.get(sent[19]!.hits[0]!.id)).toBeDefined();
    // The others are read from the data file when asked for.
    expect(store.get(sent[0]!.hits[0]!.id)?.params.uid).toBe('m0');
    await store.close();

    const again = await openStore();
    expect(again.summary()).toMatchObject({ hits: 20, inMemory: summary.inMemory });
    expect(again.summary().memoryBytes).toBeLessThanOrEqual(BOUND);
  });
});
