// An export streams every stored hit, values of half a megabyte whole: no turn of the event loop may
// hold the server for long meanwhile (each long text is encoded and written as a piece of its
// own). The stall monitor measures the longest stretch of CPU work between two turns; the
// export is only read as bytes meanwhile (this test is its client, in the same process) and
// checked after.
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../shared/api/types';
import { readStallAndAnswer, useStallServer } from '../../test-support/capture/stall-server';
import { DEFAULT_LIMITS } from './settings-validation';
import { FORM, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const LONG_HITS = 4;
const SHORT_HITS = 200;

const { t, monitor } = useStallServer({
  limits: { ...DEFAULT_LIMITS, maxParamValueLength: 16 * 1024 * 1024 },
});

describe('an export of hits with values of half a megabyte', { timeout: 300_000 }, () => {
  it('holds no turn of the event loop for long, and writes every value whole', async () => {
    // Mostly ASCII, with a non-ASCII letter now and then (encoded as two bytes, escaped as six).
    const value = `é${'v'.repeat(63)}`.repeat(8 * 1024);
    for (let i = 0; i < LONG_HITS; i++) {
      const body = `idsite=1&rec=1&action_name=Long${i}&x=${encodeURIComponent(value)}`;
      expect((await t.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
    }
    const bulk = Array.from({ length: SHORT_HITS }, (_, i) => `?idsite=1&rec=1&action_name=S${i}`);
    const answer = await t.send('POST', '/matomo.php', {
      body: JSON.stringify({ requests: bulk }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    const { stallMs, answer: bytes } = await readStallAndAnswer(
      t,
      monitor,
      '/api/export?format=ndjson',
      MAX_SLICED_STALL_MS,
    );
    expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
    const hits = bytes
      .toString()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as HitDto);
    expect(hits.filter((hit) => hit.params['x'] === value)).toHaveLength(LONG_HITS);
    expect(hits).toHaveLength(1 + LONG_HITS + SHORT_HITS);
  });
});
