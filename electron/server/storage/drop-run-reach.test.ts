// Deleting a run rewrites the data file without its records, so every later record moves:
// hits of other runs that live only on disk must still be found where they now are, and
// hits stored after the deletion too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import { startStallMonitor } from '../../../test-support/capture/stall-monitor';
import type { HitDeriver } from './compact';
import { openHitStore, type PersistentHitStore } from './hit-store';
import type { ParamsOf } from './stored-record';
import { countLoopTurns } from '../../../test-support/capture/loop-turns';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

let dir: string;
let store: PersistentHitStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-drop-'));
  store = await openHitStore({ dataDir: dir, maxHits: 3, derive, paramsOf });
  await store.load();
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function inRun(run: string, n: number, hits = 1) {
  const sent = sampleRequest({ params: { action_name: `${run} page ${n}` }, hits });
  sent.request.run = run;
  for (const hit of sent.hits) hit.run = run;
  return sent;
}

describe('deleting a run', () => {
  it('keeps every other hit reachable by id and by search, before and after new hits', async () => {
    const kept: string[] = [];
    for (let n = 0; n < 12; n++) {
      const sent = inRun(n % 2 === 0 ? 'gone' : 'kept', n);
      await store.add(sent.request, sent.hits);
      if (n % 2 === 1) kept.push(sent.hits[0]!.id);
    }
    expect(await store.dropRun!('gone')).toBe(6);
    // The oldest kept hits are on disk only (the window holds 3).
    for (const [n, id] of kept.entries()) {
      expect(store.get(id)?.params['action_name']).toBe(`kept page ${2 * n + 1}`);
    }
    const later: string[] = [];
    for (let n = 0; n < 5; n++) {
      const sent = inRun('kept', 100 + n);
      await store.add(sent.request, sent.hits);
      later.push(sent.hits[0]!.id);
    }
    expect(store.get(later[0]!)?.params['action_name']).toBe('kept page 100');
    const all = await store.search({}, { limit: 100 });
    expect(all.total).toBe(11);
    expect(all.hits.every((hit) => hit.run === 'kept')).toBe(true);
    expect(store.summary().hits).toBe(11);
  });

  it('reads a large bulk of the run hit by hit, without stalling the event loop', async () => {
    const kept = inRun('kept', 1);
    await store.add(kept.request, kept.hits);
    // 10,000 hits of about 1.5 KB: a data file line of some 15 MB, parsed three times whole
    // (in one turn) before.
    const bulk = sampleRequest({ hits: 10_000, params: { x: 'p'.repeat(1_000) } });
    bulk.request.run = 'gone';
    for (const [i, hit] of bulk.hits.entries()) {
      hit.run = 'gone';
      hit.params = { ...hit.params, x: `${i}${'p'.repeat(1_000)}` };
      hit.rawQuery = new URLSearchParams(hit.params as Record<string, string>).toString();
    }
    await store.add(bulk.request, bulk.hits);
    const turns = countLoopTurns();
    const monitor = startStallMonitor();
    try {
      expect(await store.dropRun!('gone')).toBe(10_000);
      // CPU time: a loaded machine does not count.
      expect(monitor.longestMs()).toBeLessThan(100);
    } finally {
      monitor.stop();
      turns.stop();
    }
    expect(store.summary()).toMatchObject({ hits: 1, requests: 1, bulkRequests: 0 });
    expect(turns.count()).toBeGreaterThan(10);
  }, 120_000);
});
