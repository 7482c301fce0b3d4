// A free-text search of a large capture: its term is in an entry of every stored hit, so the
// search marks as many entries and tests every hit against them. Both were done in one turn
// (about 100 ms at 300,000 hits); the stall monitor measures the longest stretch of CPU work
// between two turns of the event loop while the answer is read as bytes. The hits it finds
// are those a plain reading of what was sent finds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import { readThrough } from '../../test-support/capture/read-through';
import { leastStallMs } from '../../test-support/capture/stall-monitor';
import { useStallServer } from '../../test-support/capture/stall-server';
import { JSON_BODY, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const HITS = Number(process.env.STALL_FREE_TEXT_HITS ?? 150_000);
const BULK = 10_000;

const { t, monitor } = useStallServer();

/** The query of event `n`: several parameters, so each hit has many entries to test. */
function queryOf(n: number): string {
  return `idsite=1&rec=1&e_c=Video&e_a=play&e_n=clip-${n}&dimension1=d${n % 97}&url=${encodeURIComponent(`https://shop.example/media/${n}`)}`;
}

describe('free text over a large capture', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    for (let first = 0; first < HITS; first += BULK) {
      const requests = Array.from({ length: BULK }, (_, i) => `?${queryOf(first + i)}`);
      const answer = await t.send('POST', '/matomo.php', {
        body: JSON.stringify({ requests }),
        headers: JSON_BODY,
      });
      expect(answer.status).toBe(200);
    }
  }, 300_000);

  it('is searched without a long turn', async () => {
    const stallMs = await leastStallMs(monitor, MAX_SLICED_STALL_MS, async () => {
      expect(await readThrough(t.url, '/api/hits?limit=100&fields=compact&q=clip-')).toBe(200);
    });
    expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
  });

  it('finds the hits a plain reading of the sent queries finds, counted exactly', async () => {
    const all = await t.api<HitsPageDto>('/api/hits?limit=1&fields=compact&q=clip-');
    expect(all.total).toBe(HITS);
    const term = 'clip-1234';
    const expected = Array.from({ length: HITS }, (_, n) => n)
      .filter((n) => queryOf(n).toLowerCase().includes(term))
      .reverse();
    const page = await t.api<HitsPageDto>(`/api/hits?limit=1000&q=${term}`);
    expect(page.total).toBe(expected.length);
    expect(page.hits.map((hit) => hit.params['e_n'])).toEqual(expected.map((n) => `clip-${n}`));
  });
});
