// After a restart, while the data file is still read back, the table's pages are read from
// the end of the file: a bulk of 10,000 hits sits there in one line of megabytes. Its first
// page, a page after a cursor inside it, filtered pages (each hit of the line tested by the
// filter) and one of its hits by id are answered without holding the event loop (the stall
// monitor measures the longest stretch of CPU work between two turns); the full read is held
// meanwhile, so that its own slices do not count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import type { HitsPageDto } from '../../shared/api/types';
import { readThrough } from '../../test-support/capture/read-through';
import { startTestServer } from '../../test-support/capture/server-harness';
import { leastStallMs, startStallMonitor } from '../../test-support/capture/stall-monitor';
import { JSON_BODY, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const BULK = 10_000;
/** Makes the bulk's line long (tens of MB), as a bulk of real page views with long URLs is. */
const PADDING = 'x'.repeat(1_500);

function bulk(): string {
  const requests = Array.from(
    { length: BULK },
    (_, n) => `?idsite=1&rec=1&action_name=Page${n}&pad=${PADDING}`,
  );
  return JSON.stringify({ requests });
}

describe('the pages answered while the data file is read back', { timeout: 300_000 }, () => {
  it('read a bulk line of megabytes from the end of the file without a long turn', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-stall-page-loading-'));
    const limits = { ...DEFAULT_LIMITS, maxBodyBytes: 64 * 1024 * 1024 };
    const monitor = startStallMonitor();
    try {
      const first = await startTestServer({ limits }, dataDir);
      const answer = await first.send('POST', '/matomo.php', { body: bulk(), headers: JSON_BODY });
      expect(answer.status).toBe(200);
      await first.close();

      const again = await startTestServer(
        { limits, fullReadAfter: new Promise(() => {}) },
        dataDir,
      );
      try {
        const top = await again.api<HitsPageDto>('/api/hits?limit=3&fields=compact');
        expect(top.complete).toBe(false);
        const cursor = top.hits[2]?.id ?? '';
        expect(
          (await again.api<HitsPageDto>('/api/hits?limit=1&before=' + cursor)).hits,
        ).toHaveLength(1);
        // The oldest hit by a filter: every other one of the line is tested before it.
        const oldest = await again.api<HitsPageDto>(
          '/api/hits?limit=10&fields=compact&param.action_name=Page0',
        );
        expect(oldest).toMatchObject({ total: 1, complete: false, next: null });
        const filtered = [
          '/api/hits?limit=100&param.action_name=Page1',
          '/api/hits?limit=1000&fields=compact&q=Page9',
          `/api/hits?limit=1000&query=${encodeURIComponent('type:pageview action_name:Page1*')}`,
          `/api/hits?limit=100&fields=compact&q=Page1&before=${encodeURIComponent(cursor)}`,
        ];
        const stallMs = await leastStallMs(monitor, MAX_SLICED_STALL_MS, async () => {
          expect(await readThrough(again.url, '/api/hits?limit=1000')).toBe(200);
          expect(await readThrough(again.url, '/api/hits?limit=1000&fields=compact')).toBe(200);
          const after = `/api/hits?limit=100&before=${encodeURIComponent(cursor)}`;
          expect(await readThrough(again.url, after)).toBe(200);
          expect(await readThrough(again.url, `/api/hits/${encodeURIComponent(cursor)}`)).toBe(200);
          for (const path of filtered) expect(await readThrough(again.url, path)).toBe(200);
        });
        expect((await again.summary()).readBack).toBeDefined();
        expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
      } finally {
        await again.close();
      }
    } finally {
      monitor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
