// Paging the hits and the visits while a run is deleted: the hit (or visit) a `next` cursor
// names may go with the run, and the next page still goes on from its place, with every
// older hit that is left, none twice and none skipped.
import { describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import type { VisitsPageDto } from '../../shared/visits';
import type { TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

/** Twelve pageviews, each opening a visit, numbered 0 to 11; the odd ones in run "gone". */
async function twelveHits(t: TestServer): Promise<void> {
  for (let n = 0; n < 12; n++) {
    const query = `idsite=1&rec=1&new_visit=1&action_name=P${n}&url=https%3A%2F%2Fa.example%2F`;
    const path = n % 2 === 1 ? `/run/gone/matomo.php` : `/matomo.php`;
    expect((await t.send('GET', `${path}?${query}`)).status).toBe(200);
  }
}

const names = (page: HitsPageDto) => page.hits.map((hit) => hit.params.action_name);

/** Every page of hits after `next`, the names each lists. */
async function restOfHits(t: TestServer, filter: string, next: string | null) {
  const seen: unknown[] = [];
  for (let before = next; before !== null;) {
    const page = await t.api<HitsPageDto>(
      `/api/hits?limit=2${filter}&before=${encodeURIComponent(before)}`,
    );
    seen.push(...names(page));
    before = page.next;
  }
  return seen;
}

/** The visits listed after `next`, page by page. */
async function restOfVisits(t: TestServer, filter: string, next: string | null) {
  const seen: string[] = [];
  for (let before = next; before !== null;) {
    const page = await t.api<VisitsPageDto>(
      `/api/visits?limit=2${filter}&before=${encodeURIComponent(before)}`,
    );
    seen.push(...page.visits.map((visit) => visit.id));
    before = page.next;
  }
  return seen;
}

// Real servers on a shared, sometimes loaded machine: generous time, never a timed assertion.
describe('the next page after its cursor went with a deleted run', { timeout: 60_000 }, () => {
  for (const [label, filter] of [
    ['all hits', ''],
    ['hits matching a filter the index decides', '&type=pageview'],
    ['hits matching a filter read from the stored hit', '&param.action_name=*'],
  ] as const) {
    it(`goes on with the older hits left: ${label}`, async () => {
      // Three hits in memory: the older ones are read from the data file.
      const t = await servers.start({ maxHits: 3 });
      await twelveHits(t);
      const first = await t.api<HitsPageDto>(`/api/hits?limit=3${filter}`);
      expect(names(first)).toEqual(['P11', 'P10', 'P9']);
      await t.api('/api/runs/gone', { method: 'DELETE' });
      expect(await restOfHits(t, filter, first.next)).toEqual(['P8', 'P6', 'P4', 'P2', 'P0']);
    });
  }

  it('goes on after a clear with nothing older', async () => {
    const t = await servers.start();
    await twelveHits(t);
    const first = await t.api<HitsPageDto>('/api/hits?limit=3');
    await t.api('/api/reset', { method: 'POST', body: {} });
    await twelveHits(t);
    expect(await restOfHits(t, '', first.next)).toEqual([]);
  });

  for (const [label, filter] of [
    ['all visits', ''],
    ['visits with a hit matching a filter', '&param.action_name=*'],
  ] as const) {
    it(`goes on with the older visits left: ${label}`, async () => {
      const t = await servers.start();
      await twelveHits(t);
      const all = await t.hits();
      // A visit's id is its first hit's.
      const visitOf = (n: number) =>
        `v-${all.find((hit) => hit.params.action_name === `P${n}`)!.id}`;
      const first = await t.api<VisitsPageDto>(`/api/visits?limit=3${filter}`);
      expect(first.visits.map((visit) => visit.id)).toEqual([11, 10, 9].map(visitOf));
      await t.api('/api/runs/gone', { method: 'DELETE' });
      expect(await restOfVisits(t, filter, first.next)).toEqual([8, 6, 4, 2, 0].map(visitOf));
    });
  }
});
