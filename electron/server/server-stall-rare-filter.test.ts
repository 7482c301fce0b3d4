// A filter whose only match is the oldest hit, asked as soon as a restarted server answers:
// the walk of the read-back passes over a line of 22 MB by its bytes (line-pre-check.ts),
// which it scans a chunk at a time, giving the event loop back between them. The stall monitor
// measures the longest stretch of CPU work between two turns of the event loop; the full read
// is held meanwhile, so that its own turns (making the line's value of megabytes one string,
// bounded in server-stall-one-value.test.ts) do not count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import { startTestServer } from '../../test-support/capture/server-harness';
import { FORM, MAX_SLICED_STALL_MS, MB } from '../../test-support/capture/stall-bounds';
import { startStallMonitor } from '../../test-support/capture/stall-monitor';
import { LONG_VALUE_LIMITS as LIMITS, readStallMs } from '../../test-support/capture/stall-server';

describe('a rare filter during the read-back', { timeout: 300_000 }, () => {
  it('walks past a line of 22 MB without stalling the server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-stall-rare-'));
    const monitor = startStallMonitor();
    try {
      const first = await startTestServer({ limits: LIMITS }, dataDir);
      try {
        await first.send('GET', '/matomo.php?idsite=1&rec=1&e_c=Video&e_a=play');
        // Escapes, each of which the byte test looks at: the slowest bytes it reads.
        const body = `idsite=1&rec=1&action_name=Long&x=${'%7E'.repeat(7.5 * MB)}`;
        expect((await first.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
      } finally {
        await first.close();
      }
      const again = await startTestServer(
        { limits: LIMITS, fullReadAfter: new Promise(() => {}) },
        dataDir,
      );
      try {
        const path = `/api/hits?limit=10&query=${encodeURIComponent('e_c:video')}`;
        // Answered by the walk, the read-back held: found past the long line, by its bytes.
        const page = await again.api<HitsPageDto>(path);
        expect(page.complete).toBe(false);
        expect(page.hits.map((hit) => hit.params['e_a'])).toEqual(['play']);
        expect(await readStallMs(again, monitor, path, MAX_SLICED_STALL_MS)).toBeLessThan(
          MAX_SLICED_STALL_MS,
        );
      } finally {
        await again.close();
      }
    } finally {
      monitor.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
