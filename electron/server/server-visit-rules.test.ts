// Visit rules saved in Settings apply to the hits already stored: the visits are formed again
// before the settings answer, and a visit says which rules formed it.
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, HitDto, HitsPageDto, SettingsDto } from '../../shared/api/types';
import type { SiteProfile } from '../../shared/matomo/types';
import type { VisitDetailDto, VisitsPageDto } from '../../shared/visits';
import { openSse } from '../../test-support/admin/sse-client';
import { TEST_TOKEN, type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';
import { sameDaySpanStart } from '../../test-support/same-day';

const servers = useTestServers();

const UA = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0' };
const shop = (extra: Partial<SiteProfile> = {}): SiteProfile => ({
  idsite: 1,
  name: 'Shop',
  urls: ['https://shop.example'],
  goals: [],
  dimensions: [],
  siteSearch: true,
  tokens: [],
  ...extra,
});

/** Two page views 19 minutes apart on one day (dated with cdt, which needs no token within a day). */
async function twoPages(t: TestServer) {
  const start = sameDaySpanStart(19 * 60);
  for (const [at, page] of [
    [start, 'a'],
    [start + 19 * 60, 'b'],
  ] as const) {
    const url = encodeURIComponent(`https://shop.example/${page}`);
    await t.send(
      'GET',
      `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&action_name=${page}&url=${url}&cdt=${at}`,
      { headers: UA },
    );
  }
}

describe('visit rules from Settings', { timeout: 30_000 }, () => {
  it('form the stored visits again when the visit length changes', async () => {
    const t = await servers.start();
    await t.api<SettingsDto>('/api/settings', { method: 'PUT', body: { sites: [shop()] } });
    await twoPages(t);
    const one = await t.api<VisitsPageDto>('/api/visits');
    expect(one.total).toBe(1);
    const first = await t.api<VisitDetailDto>(`/api/visits/${one.visits[0]?.id}`);
    expect(first.rules).toMatchObject({ visitStandardLength: 1800, fromProfile: [] });

    await t.api<SettingsDto>('/api/settings', {
      method: 'PUT',
      body: { sites: [shop({ visitStandardLength: 600 })] },
    });
    const two = await t.api<VisitsPageDto>('/api/visits');
    expect(two.total).toBe(2);
    expect(two.visits[0]?.boundary.code).toBe('inactivity');
    expect(two.visits[0]?.boundary.text).toBe(
      'new visit: 19 min since the last action (the visit length is 10 min)',
    );
    const second = await t.api<VisitDetailDto>(`/api/visits/${two.visits[0]?.id}`);
    expect(second.rules).toMatchObject({
      visitStandardLength: 600,
      createNewVisitWhenCampaignChanges: true,
      fromProfile: ['visitStandardLength'],
    });

    // Back to Matomo's default: one visit again.
    await t.api<SettingsDto>('/api/settings', { method: 'PUT', body: { sites: [shop()] } });
    expect((await t.api<VisitsPageDto>('/api/visits')).total).toBe(1);
  });

  it('tell the live stream that the visits were formed again, after the hits it concerns', async () => {
    const t = await servers.start();
    await t.api<SettingsDto>('/api/settings', { method: 'PUT', body: { sites: [shop()] } });
    const stream = await openSse(`${t.url}/api/stream?fields=compact`, {
      authorization: `Bearer ${TEST_TOKEN}`,
    });
    try {
      await stream.until((m) => m.some((x) => x.event === 'hello'));
      await twoPages(t);
      const streamed = () =>
        stream.messages.flatMap((m) =>
          m.event === 'hits' ? (m.data as { hits: HitDto[] }).hits : [],
        );
      await stream.until(() => streamed().length === 2);
      // One visit as the hits arrived.
      expect(new Set(streamed().map((hit) => hit.visitId)).size).toBe(1);
      expect(stream.messages.some((m) => m.event === 'visits')).toBe(false);

      // A setting that forms no visit differently says nothing.
      await t.api<SettingsDto>('/api/settings', { method: 'PUT', body: { maxHits: 50_000 } });
      await t.api<SettingsDto>('/api/settings', {
        method: 'PUT',
        body: { sites: [shop({ visitStandardLength: 600 })] },
      });
      await stream.until((m) => m.some((x) => x.event === 'visits'));
      expect(stream.messages.filter((m) => m.event === 'visits')).toHaveLength(1);
      // What the UI reads again then: the second page view opens its own visit.
      const hits = await t.hits();
      expect(new Set(hits.map((hit) => hit.visitId)).size).toBe(2);
    } finally {
      stream.close();
    }
  });

  it('give every hit read after new rules its new visit: older pages, filters, inspector, export', async () => {
    const t = await servers.start();
    await t.api<SettingsDto>('/api/settings', { method: 'PUT', body: { sites: [shop()] } });
    // Six page views 8 minutes apart: one visit by default, six with a 5-minute visit length.
    const start = sameDaySpanStart(5 * 480);
    for (let i = 0; i < 6; i++) {
      const url = encodeURIComponent(`https://shop.example/p${i}`);
      await t.send(
        'GET',
        `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&action_name=p${i}&url=${url}&cdt=${start + i * 480}`,
        { headers: UA },
      );
    }
    const newest = await t.api<HitsPageDto>('/api/hits?limit=2');
    const older = await t.api<HitsPageDto>(`/api/hits?limit=2&before=${newest.next}`);
    expect(new Set([...newest.hits, ...older.hits].map((hit) => hit.visitId)).size).toBe(1);

    await t.api<SettingsDto>('/api/settings', {
      method: 'PUT',
      body: { sites: [shop({ visitStandardLength: 300 })] },
    });
    // Each hit opens its own visit now: its visit id is its own id, prefixed.
    const own = (hit: { id: string; visitId?: string }) => hit.visitId === `v-${hit.id}`;
    const first = await t.api<HitsPageDto>('/api/hits?limit=2');
    const second = await t.api<HitsPageDto>(`/api/hits?limit=2&before=${first.next}`);
    const third = await t.api<HitsPageDto>(`/api/hits?limit=2&before=${second.next}`);
    const all = [...first.hits, ...second.hits, ...third.hits];
    expect(all).toHaveLength(6);
    expect(all.every(own)).toBe(true);
    const filtered = await t.api<HitsPageDto>(
      `/api/hits?limit=2&type=pageview&fields=compact&before=${first.next}`,
    );
    expect(filtered.hits.length).toBe(2);
    expect(filtered.hits.every(own)).toBe(true);
    const oldest = all[5] as HitDto;
    const detail = await t.api<HitDetailDto>(`/api/hits/${oldest.id}`);
    expect(own(detail.hit)).toBe(true);
    const exported = await fetch(`${t.url}/api/export?format=ndjson`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const lines = (await exported.text()).split('\n').filter((line) => line.includes('"visitId"'));
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const id = /"id":"([^"]+\.0)"/.exec(line)?.[1];
      expect(line).toContain(`"visitId":"v-${id}"`);
    }
  });
});
