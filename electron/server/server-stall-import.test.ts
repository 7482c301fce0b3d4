// An import of a file of tens of megabytes: the file travels as one JSON string of the body,
// and its decoding, parsing and reading are each done in slices, so no turn of the event loop
// holds the server for long (the stall monitor measures the longest stretch of CPU work
// between two turns).
import { describe, expect, it } from 'vitest';
import type { ImportResultDto } from '../../shared/api/types';
import { postJson } from '../../test-support/capture/read-through';
import { useStallServer } from '../../test-support/capture/stall-server';
import { MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const LINES = 4_000;

const { t, monitor } = useStallServer();

/** An NDJSON export of `LINES` single GET hits, each with a value of 6,000 characters. */
function exportedFile(round: number): string {
  const value = 'v'.repeat(6_000);
  return Array.from({ length: LINES }, (_, i) =>
    JSON.stringify({
      requestId: `r${round}-${i}`,
      index: 0,
      transport: 'get',
      method: 'GET',
      path: '/matomo.php',
      rawQuery: `idsite=1&rec=1&action_name=Imported${i}&x=${value}`,
      receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)).toISOString(),
    }),
  ).join('\n');
}

describe('an import of a file of tens of megabytes', { timeout: 300_000 }, () => {
  it('holds no turn of the event loop for long, and imports every line', async () => {
    let stallMs = Infinity;
    for (let attempt = 0; attempt < 3 && stallMs >= MAX_SLICED_STALL_MS; attempt++) {
      const body = Buffer.from(
        JSON.stringify({ content: exportedFile(attempt), name: 'big.ndjson' }),
      );
      expect(body.length).toBeGreaterThan(20 * 1024 * 1024);
      monitor.reset();
      const res = await postJson(t.url, '/api/import', body);
      stallMs = Math.min(stallMs, monitor.longestMs());
      expect(res.status).toBe(200);
      const result = JSON.parse(res.text) as ImportResultDto;
      expect(result).toMatchObject({ format: 'ndjson', requests: LINES, hits: LINES });
    }
    expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
  });
});
