// Reading back hits of one value of megabytes must not stall the server: the page of hits and
// the one hit the inspector asks for carry the beginning of each long text (text-cut.ts), so
// what is encoded per hit is small, and the whole text comes from the raw route in slices.
// The stall monitor measures the longest stretch of CPU work between two turns of the event
// loop; the answers are only read as bytes meanwhile (this test is their client, in the same
// process) and parsed after.
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../shared/api/types';
import { readStallAndAnswer, useStallServer } from '../../test-support/capture/stall-server';
import { DEFAULT_LIMITS } from './settings-validation';
import { FORM, MAX_STALL_MS } from '../../test-support/capture/stall-bounds';

const HITS = 4;

const { t, monitor } = useStallServer({
  limits: { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 },
});

const stallOf = (path: string) => readStallAndAnswer(t, monitor, path, MAX_STALL_MS);

describe('hits of one 8 MB value, read back', { timeout: 300_000 }, () => {
  it('a page of them and one of them hold no turn of the event loop', async () => {
    const value = 'v'.repeat(8 * 1024 * 1024);
    for (let i = 0; i < HITS; i++) {
      const body = `idsite=1&rec=1&action_name=Long${i}&x=${value}`;
      expect((await t.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
    }
    const page = await stallOf(`/api/hits?limit=${HITS}`);
    expect(page.stallMs).toBeLessThan(MAX_STALL_MS);
    const hits = (JSON.parse(page.answer.toString()) as HitsPageDto).hits;
    expect(hits).toHaveLength(HITS);
    const one = await stallOf(`/api/hits/${hits[1]?.id ?? ''}`);
    expect(one.stallMs).toBeLessThan(MAX_STALL_MS);
    const detail = JSON.parse(one.answer.toString()) as HitDetailDto;
    expect(detail.hit.cut?.params?.['x']?.bytes).toBe(value.length);
  });
});
