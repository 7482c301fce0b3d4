// An import whose file holds a line of megabytes (an exported form POST hit with one value of
// 8 MB): the line was parsed whole, by one JSON.parse in each reading of the file, and the
// longer the line the longer that turn. It is parsed in slices now: no JSON.parse of the
// import is handed more than a piece of the line, whatever the line's length. The stall
// monitor measures the longest stretch of CPU work between two turns of the event loop.
// The value itself becomes one string of 8 MB, made in one call: fresh memory, which the
// system maps a page at a time as it is first written (some 3 ms a megabyte on a small
// virtual machine, more on a new one). That is the bound of a request of megabytes, as for
// a hit of one such value read back (server-stall-one-value.test.ts); everything else the
// import does to the line is sliced, and the parses are checked piece by piece below.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { longestParsed } from '../../test-support/capture/longest-parse';
import type { ImportResultDto } from '../../shared/api/types';
import { postJson } from '../../test-support/capture/read-through';
import { LONG_VALUE_LIMITS, useStallServer } from '../../test-support/capture/stall-server';
import { MAX_STALL_MS, MB } from '../../test-support/capture/stall-bounds';

const VALUE_BYTES = 8 * MB;

const { t, monitor } = useStallServer({ limits: LONG_VALUE_LIMITS });

afterEach(() => {
  vi.restoreAllMocks();
});

/** An NDJSON export of a short hit, a hit of one 8 MB value, and a short one again. */
function exportedFile(round: number): string {
  return ['', 'v'.repeat(VALUE_BYTES), '']
    .map((value, i) =>
      JSON.stringify({
        requestId: `long${round}-${i}`,
        index: 0,
        transport: 'post',
        method: 'POST',
        path: '/matomo.php',
        rawQuery: `idsite=1&rec=1&action_name=Line${i}&x=${value}`,
        receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      }),
    )
    .join('\n');
}

describe('an import of a file with a line of megabytes', { timeout: 300_000 }, () => {
  it('parses the line in slices and imports it', async () => {
    let stallMs = Infinity;
    for (let attempt = 0; attempt < 3 && stallMs >= MAX_STALL_MS; attempt++) {
      const body = Buffer.from(
        JSON.stringify({ content: exportedFile(attempt), name: 'long.ndjson' }),
      );
      const longest = longestParsed();
      monitor.reset();
      const res = await postJson(t.url, '/api/import', body);
      stallMs = Math.min(stallMs, monitor.longestMs());
      // The line holds over 8 MB: each parse of it was one piece of it.
      expect(longest()).toBeLessThan(MB);
      vi.restoreAllMocks();
      expect(res.status).toBe(200);
      const result = JSON.parse(res.text) as ImportResultDto;
      expect(result).toMatchObject({ format: 'ndjson', requests: 3, hits: 3, skippedCount: 0 });
    }
    expect(stallMs).toBeLessThan(MAX_STALL_MS);
  });
});
