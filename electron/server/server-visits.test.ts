// Visits through the server: hits carry their visit id, /api/visits lists the visits with
// their boundary reasons, `visit:` selects a visit's hits, and the visits come back the same
// after a restart (they are computed again from the stored hits, not stored).
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitsPageDto } from '../../shared/api/types';
import type { VisitDetailDto, VisitsPageDto } from '../../shared/visits';
import { type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

async function start(dataDir?: string) {
  const t = await servers.start({}, dataDir);
  return t;
}

const UA = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0' };
const page = (url: string, extra = '') =>
  `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&action_name=Page&url=${encodeURIComponent(url)}${extra}`;

async function journey(t: TestServer) {
  await t.send('GET', page('https://shop.example/?pk_campaign=spring', '&pv_id=aaaaaa'), {
    headers: UA,
  });
  await t.send('GET', page('https://shop.example/p', '&pv_id=bbbbbb'), { headers: UA });
  await t.send(
    'GET',
    `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&e_c=Video&e_a=Play&pv_id=zzzzzz`,
    { headers: UA },
  );
  await t.send('GET', page('https://shop.example/?pk_campaign=newsletter'), { headers: UA });
  await t.send(
    'GET',
    `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&idgoal=0&ec_id=A1&revenue=12&ec_items=${encodeURIComponent('[["S","Shoe","",10,1]]')}`,
    { headers: UA },
  );
}

// The first request compiles the device detector's patterns: slow on a busy machine.
describe('visits through the server', { timeout: 30_000 }, () => {
  it('lists the visits with their reasons, and gives each hit its visit id', async () => {
    const t = await start();
    await journey(t);
    const { visits, total } = await t.api<VisitsPageDto>('/api/visits');
    expect(total).toBe(2);
    const [second, first] = visits;
    expect(first?.boundary.code).toBe('first_hit');
    expect(first?.campaign).toEqual({ name: 'spring', keyword: '' });
    expect(first?.hitIds).toHaveLength(3);
    expect(second?.boundary).toEqual({
      code: 'campaign_changed',
      text: 'new visit: campaign changed from spring to newsletter',
    });
    const hits = await t.hits();
    for (const hit of hits) expect(hit.visitId).toBeTruthy();
    expect(new Set(hits.map((h) => h.visitId))).toEqual(new Set([first?.id, second?.id]));

    // visit: selects exactly the hits of one visit, through the query language.
    const selected = await t.api<HitsPageDto>(
      `/api/hits?query=${encodeURIComponent(`visit:${first?.id}`)}`,
    );
    expect(selected.hits.map((h) => h.id).sort()).toEqual([...(first?.hitIds ?? [])].sort());
    const byVisitor = await t.api<VisitsPageDto>('/api/visits?visitor=0123456789abcdef&idsite=1');
    expect(byVisitor.total).toBe(2);
    expect((await t.api<VisitsPageDto>('/api/visits?idsite=2')).total).toBe(0);
    const withEvents = await t.api<VisitsPageDto>('/api/visits?type=event');
    expect(withEvents.visits.map((v) => v.id)).toEqual([first?.id]);

    // Pages, with and without hit criteria.
    for (const filter of ['', '&type=pageview']) {
      const one = await t.api<VisitsPageDto>(`/api/visits?limit=1${filter}`);
      expect(one.visits.map((v) => v.id)).toEqual([second?.id]);
      // The cursor names the last visit listed (and, filtered, the hit it was found by).
      expect(one.next?.startsWith(second!.id)).toBe(true);
      const before = encodeURIComponent(one.next!);
      const two = await t.api<VisitsPageDto>(`/api/visits?limit=1&before=${before}${filter}`);
      expect(two.visits.map((v) => v.id)).toEqual([first?.id]);
      expect(two.next).toBeNull();
    }
  });

  it('shows the cross-hit findings among the hit issues, linked to the earlier hit', async () => {
    const t = await start();
    await journey(t);
    const hits = await t.hits();
    const event = hits.find((h) => h.type === 'event');
    const stray = event?.issues.find((i) => i.code === 'pv_id.unmatched');
    expect(stray?.relatedHitId).toBe(hits.find((h) => h.params.pv_id === 'bbbbbb')?.id);
    const order = hits.find((h) => h.type === 'ecommerce_order');
    expect(order?.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['order.revenue_mismatch', 'order.no_cart']),
    );
    const detail = await t.api<HitDetailDto>(`/api/hits/${order?.id}`);
    expect(detail.hit.visitId).toBe(order?.visitId);
  });

  it('answers one visit as a timeline, and 404 for an unknown one', async () => {
    const t = await start();
    await journey(t);
    const { visits } = await t.api<VisitsPageDto>('/api/visits');
    const first = visits[1];
    const detail = await t.api<VisitDetailDto>(`/api/visits/${first?.id}`);
    expect(detail.actions.map((a) => a.type)).toEqual(['pageview', 'pageview', 'event']);
    expect(detail.actions[0]?.url).toBe('https://shop.example/?pk_campaign=spring');
    expect(detail.entryUrl).toBe('https://shop.example/?pk_campaign=spring');
    expect(detail.exitUrl).toBe('https://shop.example/p');
    expect(detail.actions[2]?.issues?.[0]?.code).toBe('pv_id.unmatched');
    const missing = await t.send('GET', '/api/visits/v-nope', {
      headers: { authorization: 'Bearer test-token-0123456789' },
    });
    expect(missing.status).toBe(404);
  });

  it('forms the same visits again after a restart', async () => {
    const t = await start();
    await journey(t);
    const before = await t.api<VisitsPageDto>('/api/visits');
    await t.close();
    const again = await start(t.dataDir);
    await expect.poll(async () => (await again.api<VisitsPageDto>('/api/visits')).total).toBe(2);
    const after = await again.api<VisitsPageDto>('/api/visits');
    expect(after.visits.map((v) => [v.id, v.boundary.code, v.hitIds])).toEqual(
      before.visits.map((v) => [v.id, v.boundary.code, v.hitIds]),
    );
  });
});
