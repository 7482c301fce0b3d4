// After a restart, a filtered search (query language, parameter filter, free text, the API's
// filters) is answered while the data file is still read back: its pages list the hits the
// loaded server lists for the same filter, in its order, say that their total is not complete
// yet, and cursors go on across the end of the read-back, both ways.
import { afterEach, describe, expect, it } from 'vitest';
import type { HitSummariesPageDto } from '../../shared/api/types';
import { hitPages } from '../../test-support/capture/hit-pages';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

const opened: TestServer[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.dispose();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const FILTERS = [
  `query=${encodeURIComponent('type:event e_c:Video')}`,
  'param.e_c=Video',
  'q=clip-1',
  'type=event&idsite=2',
  'outcome=rejected',
];

/** Page views and events of two sites, bulks among them, and requests Matomo rejects. */
async function fill(t: TestServer): Promise<void> {
  for (let i = 0; i < 24; i++) {
    const site = 1 + (i % 2);
    await t.send('GET', `/matomo.php?idsite=${site}&rec=1&action_name=Page%20${i}`);
    if (i % 3 === 0) {
      const category = i % 2 === 0 ? 'Video' : 'Audio';
      await t.send(
        'GET',
        `/matomo.php?idsite=${site}&rec=1&e_c=${category}&e_a=play&e_n=clip-${i}`,
      );
    }
    if (i % 5 === 1) {
      const requests = [0, 1, 2].map((n) =>
        n === 1
          ? `?idsite=2&rec=1&e_c=Video&e_a=pause&e_n=clip-${i}${n}`
          : `?idsite=1&rec=1&action_name=Bulk%20${i}.${n}`,
      );
      await t.send('POST', '/matomo.php', { body: JSON.stringify({ requests }), headers: FORM });
    }
    // No site: rejected.
    if (i % 7 === 2) await t.send('GET', `/matomo.php?rec=1&e_c=Video&e_a=play&e_n=clip-${i}`);
  }
}

/** Pages of `/api/hits` (compact) for `filter` from `before` on, as the ids they list. */
const pages = (
  t: TestServer,
  filter: string,
  limit: number,
  before: string | null = null,
  count = Infinity,
) => hitPages(t, `limit=${limit}&${filter}`, before, count);

/** A server on a filled data dir, restarted with its full read held until `release()`. */
async function restartedHeld(): Promise<{
  loaded: Map<string, string[]>;
  cursors: Map<string, string | null>;
  again: TestServer;
  release: () => void;
}> {
  const first = await startTestServer();
  opened.push(first);
  await fill(first);
  const loaded = new Map<string, string[]>();
  const cursors = new Map<string, string | null>();
  for (const filter of FILTERS) {
    loaded.set(filter, (await pages(first, filter, 1000)).ids.flat());
    cursors.set(filter, (await pages(first, filter, 2, null, 1)).next);
  }
  await first.close();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const again = await startTestServer({ fullReadAfter: held }, first.dataDir);
  opened.push(again);
  return { loaded, cursors, again, release };
}

describe('filtered pages while the data file is read back', { timeout: 60_000 }, () => {
  it('list the hits the loaded server lists for the filter, in its order', async () => {
    const { loaded, cursors, again, release } = await restartedHeld();
    expect((await again.summary()).readBack).toBeDefined();
    for (const filter of FILTERS) {
      const expected = loaded.get(filter) as string[];
      expect(expected.length, filter).toBeGreaterThan(2);
      const whole = await pages(again, filter, 1000);
      expect(whole.ids.flat(), filter).toEqual(expected);
      const early = await pages(again, filter, 2);
      expect(early.ids.flat(), filter).toEqual(expected);
      expect(new Set(early.complete), filter).toEqual(new Set([false]));
      // A cursor of the server before the restart goes on here.
      const fromBefore = await pages(again, filter, 100, cursors.get(filter) as string);
      expect(fromBefore.ids.flat(), filter).toEqual(expected.slice(2));
    }
    const total = await again.api<HitSummariesPageDto>('/api/hits?limit=1&param.e_c=Video');
    // The matches found: the hit listed and one more (`next`), not a count of them all.
    expect(total).toMatchObject({ total: 2, complete: false });
    expect((await again.summary()).readBack).toBeDefined();
    release();
  });

  it('list the hits tracked meanwhile first, filtered, and go on past the read-back', async () => {
    const { loaded, again, release } = await restartedHeld();
    const filter = 'param.e_c=Video';
    await again.send('GET', '/matomo.php?idsite=1&rec=1&action_name=During');
    await again.send('GET', '/matomo.php?idsite=1&rec=1&e_c=Video&e_a=play&e_n=during');
    await again.send('GET', '/matomo.php?idsite=2&rec=1&action_name=During%20too');
    const top = await pages(again, filter, 3, null, 2);
    const during = top.ids[0]?.[0] as string;
    const expected = [during, ...(loaded.get(filter) as string[])];
    expect(top.ids.flat()).toEqual(expected.slice(0, 6));
    expect(top.complete).toEqual([false, false]);

    release();
    await expect.poll(async () => (await again.summary()).readBack).toBeUndefined();
    // The cursor taken during the read-back goes on: none listed twice, none missing.
    const rest = await pages(again, filter, 3, top.next);
    expect(rest.complete.every((value) => value === undefined)).toBe(true);
    expect([...top.ids.flat(), ...rest.ids.flat()]).toEqual(expected);
    expect((await pages(again, filter, 1000)).ids.flat()).toEqual(expected);
  });
});
