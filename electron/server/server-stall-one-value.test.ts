// A hit of one value of megabytes holds it twice in its data file line (its parameters and its
// raw query): read back from the file (by id, and after a restart) its long strings are
// decoded each in a turn of its own (hit-bytes.ts), never parsed with the rest in one go.
// The stall monitor measures the longest stretch of CPU work between two turns of the event
// loop; the answers are only read as bytes meanwhile. A free-text search after the restart
// reads the value's megabytes too, in slices (shared/api/lower-includes.ts).
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../shared/api/types';
import { readThrough } from '../../test-support/capture/read-through';
import { startTestServer } from '../../test-support/capture/server-harness';
import { leastStallMs, startStallMonitor } from '../../test-support/capture/stall-monitor';
import { LONG_VALUE_LIMITS as LIMITS, readBackDone } from '../../test-support/capture/stall-server';
import { FORM, MAX_STALL_MS, MB } from '../../test-support/capture/stall-bounds';

describe('a hit of one 16 MB value, read from the data file', { timeout: 300_000 }, () => {
  it('opens by id, reads back and searches after a restart, without stalling the server', async () => {
    const first = await startTestServer({ limits: LIMITS });
    const monitor = startStallMonitor();
    const value = 'v'.repeat(16 * MB);
    const body = `idsite=1&rec=1&action_name=One&x=${value}`;
    try {
      expect((await first.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
      const id = (await first.api<HitsPageDto>('/api/hits?limit=1')).hits[0]?.id ?? '';
      // A single request of a large body is not kept in memory: read from its line.
      const byId = await leastStallMs(monitor, MAX_STALL_MS, async () => {
        expect(await readThrough(first.url, `/api/hits/${id}`)).toBe(200);
      });
      expect(byId).toBeLessThan(MAX_STALL_MS);
      await first.close();

      const restart = await leastStallMs(monitor, MAX_STALL_MS, async () => {
        const again = await startTestServer({}, first.dataDir, { coldDetector: true });
        try {
          await readBackDone(again);
          expect(await readThrough(again.url, '/api/hits?limit=100&q=no-such-text')).toBe(200);
          expect(await readThrough(again.url, '/api/hits?limit=100')).toBe(200);
          expect(await readThrough(again.url, `/api/hits/${id}`)).toBe(200);
        } finally {
          await again.close();
        }
      });
      expect(restart).toBeLessThan(MAX_STALL_MS);

      const last = await startTestServer({}, first.dataDir, { coldDetector: true });
      try {
        await readBackDone(last);
        const { hit } = await last.api<HitDetailDto>(`/api/hits/${id}`);
        expect(hit.cut?.params?.['x']?.bytes).toBe(value.length);
        expect(value.startsWith(hit.params['x'] as string)).toBe(true);
      } finally {
        await last.close();
      }
    } finally {
      monitor.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
