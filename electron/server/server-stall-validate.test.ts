// The composer's check of a request as large as a tracked one may be (a URL of half a
// megabyte): analysed in slices as the tracking endpoint does, and answered in pieces, so no
// turn of the event loop holds the server for long (the stall monitor measures the longest
// stretch of CPU work between two turns).
import { describe, expect, it } from 'vitest';
import type { ValidateResponseDto } from '../../shared/api/types';
import { postJson } from '../../test-support/capture/read-through';
import { leastStallMs } from '../../test-support/capture/stall-monitor';
import { useStallServer } from '../../test-support/capture/stall-server';
import { DEFAULT_LIMITS } from './settings-validation';
import { MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const { t, monitor } = useStallServer({
  limits: { ...DEFAULT_LIMITS, maxUrlLength: 512 * 1024, maxParamValueLength: 512 * 1024 },
});

describe('a check of a request of half a megabyte', { timeout: 300_000 }, () => {
  it('holds no turn of the event loop for long, and answers its hit whole', async () => {
    const values = Array.from({ length: 50 }, (_, i) => `p${i}=${`${i}é`.repeat(4_000)}`);
    const url = `/matomo.php?idsite=1&rec=1&action_name=Composed&${values.join('&')}`;
    const body = Buffer.from(JSON.stringify({ url }));
    let res = { status: 0, text: '' };
    const stallMs = await leastStallMs(monitor, MAX_SLICED_STALL_MS, async () => {
      res = await postJson(t.url, '/api/validate', body);
      expect(res.status).toBe(200);
    });
    // Decoded and parsed after the measure: the test's own work is not the server's.
    const answer = JSON.parse(res.text) as ValidateResponseDto;
    expect(answer.hits).toHaveLength(1);
    expect(answer.hits[0]?.params['p49']).toBe('49é'.repeat(4_000));
    expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
  });
});
