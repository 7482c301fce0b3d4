// A value of megabytes that is percent-encoded and not ASCII once decoded, on arrival and
// after a restart, with a free-text search over it then. decodeURIComponent over the whole
// value held the server past the limit on arrival; it is now decoded a piece per step
// (query-string-steps.ts), and searched in slices (shared/api/lower-includes.ts) where it was
// lower-cased whole (of which the monitor, counting user time only, saw less than the limit).
// The stall monitor measures the longest stretch of CPU work between two turns of the event
// loop; the answers are only read as bytes meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../shared/api/types';
import { readThrough } from '../../test-support/capture/read-through';
import { startTestServer } from '../../test-support/capture/server-harness';
import { leastStallMs, startStallMonitor } from '../../test-support/capture/stall-monitor';
import { LONG_VALUE_LIMITS as LIMITS, readBackDone } from '../../test-support/capture/stall-server';
import { FORM, MAX_STALL_MS, MB } from '../../test-support/capture/stall-bounds';

describe('a hit of one 15 MB value of escapes', { timeout: 300_000 }, () => {
  it('arrives, and is searched after a restart, without stalling the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-stall-search-'));
    const monitor = startStallMonitor();
    // Ж, a capital outside Latin-1, sent as %D0%96.
    const value = 'Ж'.repeat(2.5 * MB);
    // Encoded before the measure: measured and encoded in the send, its 15 MB took tens of
    // milliseconds of the test's own.
    const body = Buffer.from(`idsite=1&rec=1&action_name=One&x=${encodeURIComponent(value)}`);
    try {
      const arrival = await leastStallMs(monitor, MAX_STALL_MS, async () => {
        const server = await startTestServer({ limits: LIMITS }, dataDir);
        try {
          expect((await server.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(
            200,
          );
          expect(await readThrough(server.url, '/api/hits?limit=100')).toBe(200);
        } finally {
          await server.close();
        }
      });
      expect(arrival).toBeLessThan(MAX_STALL_MS);

      const restart = await leastStallMs(monitor, MAX_STALL_MS, async () => {
        const again = await startTestServer({}, dataDir, { coldDetector: true });
        try {
          await readBackDone(again);
          expect(await readThrough(again.url, '/api/hits?limit=100&q=no-such-text')).toBe(200);
          expect(await readThrough(again.url, '/api/hits?limit=100')).toBe(200);
        } finally {
          await again.close();
        }
      });
      expect(restart).toBeLessThan(MAX_STALL_MS);

      const last = await startTestServer({}, dataDir, { coldDetector: true });
      try {
        await readBackDone(last);
        const page = await last.api<HitsPageDto>('/api/hits?limit=1&q=%D0%B6%D0%B6%D0%B6');
        expect(page.hits).toHaveLength(1);
        const { hit } = await last.api<HitDetailDto>(`/api/hits/${page.hits[0]?.id ?? ''}`);
        expect(value.startsWith(hit.params['x'] as string)).toBe(true);
        expect((await last.api<HitsPageDto>('/api/hits?limit=1&q=no-such-text')).hits).toEqual([]);
      } finally {
        await last.close();
      }
    } finally {
      monitor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
