// Hits that have left the in-memory window are read back from the data file, where a bulk of
// 10,000 sits in one line of megabytes. Describing a visit of such hits, or paging hits after
// a cursor among them, must read that line without holding the event loop (the stall monitor
// measures the longest stretch of CPU work between two turns), and once, not once per hit.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import type { HitsPageDto } from '../../shared/api/types';
import type { VisitDetailDto, VisitsPageDto } from '../../shared/visits';
import { readStallMs, useStallServer } from '../../test-support/capture/stall-server';
import { JSON_BODY, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

const BULK = 10_000;
/** Makes the bulk's line long (tens of MB), as a bulk of real page views with long URLs is. */
const PADDING = 'x'.repeat(1_500);

// The memory window holds a few megabytes: most of the bulk is on disk only, while the
// visits (bounded by hits, not bytes) still know it.
const { t, monitor } = useStallServer({
  maxMemoryBytes: 4 * 1024 * 1024,
  limits: { ...DEFAULT_LIMITS, maxBodyBytes: 64 * 1024 * 1024 },
});

/** Page views of one visitor, each with a long parameter. */
function bulk(): string {
  const requests = Array.from(
    { length: BULK },
    (_, n) =>
      `?idsite=1&rec=1&_id=0123456789abcdef&action_name=Page${n}&url=${encodeURIComponent(`https://shop.example/p/${n}`)}&pad=${PADDING}`,
  );
  return JSON.stringify({ requests });
}

const stallOf = (path: string) => readStallMs(t, monitor, path, MAX_SLICED_STALL_MS);

describe('hits past the memory window in a bulk line', { timeout: 300_000 }, () => {
  let visit: VisitsPageDto['visits'][number];
  beforeAll(async () => {
    const answer = await t.send('POST', '/matomo.php', { body: bulk(), headers: JSON_BODY });
    expect(answer.status).toBe(200);
    // Hits are assigned to their visits after they are stored.
    let largest: typeof visit | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const page = await t.api<VisitsPageDto>('/api/visits?visitor=0123456789abcdef');
      // The server's warm-up hit, of the same device, may start the visit or one of its own.
      for (const found of page.visits) {
        if (found.hitIds.length > (largest?.hitIds.length ?? 0)) largest = found;
      }
    } while ((largest?.hitIds.length ?? 0) < BULK);
    visit = largest!;
    expect((await t.api<{ onDiskOnly: number }>('/api/summary')).onDiskOnly).toBeGreaterThan(0);
  }, 300_000);

  it('describe a visit in detail without a long turn', async () => {
    const path = `/api/visits/${encodeURIComponent(visit.id)}`;
    const detail = await t.api<VisitDetailDto>(path);
    // The first 2,000 actions are described (one may be the warm-up hit, without a URL).
    const described = detail.actions.slice(0, 2_000).filter((action) => action.url);
    expect(described.length).toBeGreaterThanOrEqual(1_999);
    described.forEach((action, n) =>
      expect(action).toMatchObject({ url: `https://shop.example/p/${n}`, title: `Page${n}` }),
    );
    expect(detail.actions[2000]?.url).toBeUndefined();
    expect(await stallOf(path)).toBeLessThan(MAX_SLICED_STALL_MS);
  });

  it('page hits after a cursor past the window without a long turn', async () => {
    const cursor = visit.hitIds[5]!;
    const path = `/api/hits?limit=3&before=${encodeURIComponent(cursor)}`;
    const page = await t.api<HitsPageDto>(path);
    expect(page.hits.map((hit) => hit.id)).toEqual(visit.hitIds.slice(2, 5).reverse());
    expect(await stallOf(path)).toBeLessThan(MAX_SLICED_STALL_MS);
  });
});
