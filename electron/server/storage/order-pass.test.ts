// At start, the orders recorded in the data file are read before tracking opens (a second
// order with the same id is rejected). A bulk's line of thousands of orders is read hit by
// hit, the event loop served in between, instead of being parsed whole in one turn.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleRequest, SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
import { startStallMonitor } from '../../../test-support/capture/stall-monitor';
import type { HitDeriver } from './compact';
import { openHitStore } from './hit-store';
import { SNAPSHOT_FILE_NAME } from './index-snapshot';
import type { ParamsOf } from './stored-record';
import { countLoopTurns } from '../../../test-support/capture/loop-turns';

const derive: HitDeriver = () => ({ occurrences: [], decoded: {}, device: SAMPLE_DEVICE });
const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));
const ORDERS = 10_000;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the order pass at start', () => {
  it('reads a bulk line of thousands of orders without stalling the event loop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hitscope-orders-'));
    const first = await openHitStore({ dataDir: dir, maxHits: 10, derive, paramsOf });
    await first.load();
    // Orders of about 3.5 KB each: a data file line of some 35 MB.
    const bulk = sampleRequest({ hits: ORDERS, type: 'ecommerce_order' });
    for (const [i, hit] of bulk.hits.entries()) {
      hit.params = { ...hit.params, ec_id: `order-${i}`, x: 'p'.repeat(3_000) };
      hit.rawQuery = new URLSearchParams(hit.params as Record<string, string>).toString();
    }
    await first.add(bulk.request, bulk.hits);
    await first.close();
    // Without the saved snapshot, the orders are read from the data file itself.
    rmSync(join(dir, SNAPSHOT_FILE_NAME), { force: true });

    const monitor = startStallMonitor();
    const again = await openHitStore({ dataDir: dir, maxHits: 10, derive, paramsOf });
    try {
      const turns = countLoopTurns();
      monitor.reset();
      const loading = again.load();
      await again.loading();
      turns.stop();
      // CPU time: a loaded machine does not count.
      expect(monitor.longestMs()).toBeLessThan(100);
      expect(turns.count()).toBeGreaterThan(10);
      expect(again.seenOrders().size).toBe(ORDERS);
      await loading;
    } finally {
      monitor.stop();
      await again.close();
    }
  }, 120_000);
});
