// The visits of a full memory window: a page of visits filtered by a parameter that only the
// oldest hit carries checks every hit in memory, and the detail of a visit of thousands of
// hits reads each of them back for its URL and title, and is written while it is made.
// Neither may hold the event loop for long (the stall monitor measures the longest stretch of
// CPU work between two turns).
import { beforeAll, describe, expect, it } from 'vitest';
import type { VisitDetailDto, VisitsPageDto } from '../../shared/visits';
import { TEST_TOKEN } from '../../test-support/capture/server-harness';
import { readStallMs, useStallServer } from '../../test-support/capture/stall-server';
import { JSON_BODY, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const HITS = 60_000;
const BULK = 10_000;

const { t, monitor } = useStallServer();

/** Page views of one visitor; the very first one carries the needle. */
function bulk(first: number): string {
  const requests = Array.from({ length: BULK }, (_, i) => {
    const n = first + i;
    const needle = n === 0 ? '&e_c=Needle&e_a=play' : '';
    return `?idsite=1&rec=1&_id=0123456789abcdef&action_name=Page${n}&url=${encodeURIComponent(`https://shop.example/p/${n}`)}${needle}`;
  });
  return JSON.stringify({ requests });
}

const stallOf = (path: string) => readStallMs(t, monitor, path, MAX_SLICED_STALL_MS);

describe('visits of a full memory window', { timeout: 300_000 }, () => {
  let visit: VisitsPageDto['visits'][number];
  beforeAll(async () => {
    for (let first = 0; first < HITS; first += BULK) {
      const answer = await t.send('POST', '/matomo.php', { body: bulk(first), headers: JSON_BODY });
      expect(answer.status).toBe(200);
    }
    // Hits are assigned to their visits after they are stored.
    let filtered: VisitsPageDto;
    do filtered = await t.api<VisitsPageDto>('/api/visits?param.e_c=Needle');
    while (filtered.visits.length === 0);
    expect(filtered.visits).toHaveLength(1);
    visit = filtered.visits[0]!;
  }, 300_000);

  it('are listed by a parameter only the oldest hit has without a long turn', async () => {
    // A visit ends at 10,000 actions, as in Matomo.
    expect(visit.hitIds).toHaveLength(10_000);
    expect(await stallOf('/api/visits?param.e_c=Needle')).toBeLessThan(MAX_SLICED_STALL_MS);
  });

  it('show a visit of thousands of hits in detail without a long turn', async () => {
    const path = `/api/visits/${encodeURIComponent(visit.id)}`;
    const detail = await t.api<VisitDetailDto>(path);
    // The first 2,000 actions are described, the rest not (the first is the server's warm-up).
    expect(detail.actions[2]).toMatchObject({ url: 'https://shop.example/p/1', title: 'Page1' });
    expect(detail.actions[1999]?.url).toBe('https://shop.example/p/1998');
    expect(detail.actions[2000]?.url).toBeUndefined();
    expect(await stallOf(path)).toBeLessThan(MAX_SLICED_STALL_MS);
    // Written while it is made (5 MB: never held whole), so its length is not known before.
    const res = await fetch(`${t.url}${path}`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(res.headers.get('content-length')).toBeNull();
    const text = await res.text();
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
  });
});
