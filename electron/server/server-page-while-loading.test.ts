// After a restart the table's pages (no filter, newest first) are answered while the data
// file is still read back: from the lines the quick pass found, read from the end of the file,
// and the hits tracked since. They list the hits the loaded server lists, in its order, say
// that their total is not complete yet, and a cursor taken meanwhile goes on once it is over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../shared/api/types';
import { hitPages } from '../../test-support/capture/hit-pages';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';
import { DATA_FILE_NAME, SLICED_LINE_HITS } from './storage/hit-store';
import { SNAPSHOT_FILE_NAME } from './storage/index-snapshot';

const opened: TestServer[] = [];
afterEach(async () => {
  for (const server of opened.splice(0)) await server.dispose();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Single hits, bulks of several, a refused request (a line without hits) among them. */
async function fill(t: TestServer): Promise<void> {
  for (let i = 0; i < 12; i++) {
    await t.send('GET', `/matomo.php?idsite=1&rec=1&action_name=Page%20${i}`);
    if (i % 4 === 1) {
      const requests = [0, 1, 2].map((n) => `?idsite=1&rec=1&action_name=Bulk%20${i}.${n}`);
      await t.send('POST', '/matomo.php', { body: JSON.stringify({ requests }), headers: FORM });
    }
    if (i === 6) await t.send('GET', `/matomo.php?idsite=1&url=${'a'.repeat(9000)}`);
  }
}

/** Every page of `/api/hits` (compact) from `before` on, as the ids it lists. */
const pages = (t: TestServer, limit: number, before: string | null = null, count = Infinity) =>
  hitPages(t, `limit=${limit}`, before, count);

describe('the unfiltered page while the data file is read back', { timeout: 60_000 }, () => {
  it('lists the newest hits at once, in the loaded order, and pages on past the load', async () => {
    const first = await startTestServer();
    opened.push(first);
    await fill(first);
    const loadedOrder = (await pages(first, 1000)).ids.flat();
    expect(loadedOrder).toHaveLength(12 + 3 * 3);
    expect((await first.summary()).failedRequests).toBe(1);
    await first.close();

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const again = await startTestServer({ fullReadAfter: held }, first.dataDir);
    opened.push(again);
    expect((await again.summary()).readBack).toBeDefined();

    // Page by page while the read is held: the same hits as the loaded server, in its order.
    const early = await pages(again, 4, null, 3);
    expect(early.complete).toEqual([false, false, false]);
    expect(early.ids.flat()).toEqual(loadedOrder.slice(0, 12));
    // One hit, read through its line.
    const oldest = loadedOrder.at(-1) as string;
    const detail = await again.api<HitDetailDto>(`/api/hits/${encodeURIComponent(oldest)}`);
    expect(detail.hit.id).toBe(oldest);

    // A hit tracked meanwhile is listed first; the cursor still starts after its own hit.
    await again.send('GET', '/matomo.php?idsite=1&rec=1&action_name=During');
    const top = await pages(again, 2, null, 1);
    expect(top.ids[0]?.[1]).toBe(loadedOrder[0]);
    const during = top.ids[0]?.[0] as string;
    expect(during).not.toBe(loadedOrder[0]);
    expect((await pages(again, 3, during, 1)).ids[0]).toEqual(loadedOrder.slice(0, 3));
    expect((await again.api<HitDetailDto>(`/api/hits/${during}`)).hit.id).toBe(during);

    release();
    await expect.poll(async () => (await again.summary()).readBack).toBeUndefined();
    // The cursor taken during the load goes on: none listed twice, none missing.
    const rest = await pages(again, 4, early.next);
    expect(rest.complete.every((value) => value === undefined)).toBe(true);
    expect([...early.ids.flat(), ...rest.ids.flat()]).toEqual(loadedOrder);
    expect((await pages(again, 1000)).ids.flat()).toEqual([during, ...loadedOrder]);
  });

  it('lists what the load keeps of damaged lines, in its order, across its end', async () => {
    const first = await startTestServer();
    opened.push(first);
    const page = (name: string) => `/matomo.php?idsite=1&rec=1&action_name=${name}`;
    const sendBulk = (name: string, count: number) => {
      const requests = Array.from({ length: count }, (_, n) => `${page(`${name}${n}`).slice(11)}`);
      return first.send('POST', '/matomo.php', {
        body: JSON.stringify({ requests }),
        headers: FORM,
      });
    };
    await first.send('GET', page('Oldest'));
    // Written in slices, each hit after a tab.
    await sendBulk('Sliced', SLICED_LINE_HITS);
    await first.send('GET', page('Before'));
    await first.send('GET', page('Gone'));
    await first.send('GET', page('After'));
    await sendBulk('Small', 3);
    await first.send('GET', page('Newer'));
    await first.send('GET', page('Newest'));
    await first.close();

    // The small bulk's hit 1 no longer parses, the sliced bulk lost its last two pieces and the
    // line of `Gone` reads not at all.
    const dataFile = join(first.dataDir, DATA_FILE_NAME);
    const lines = readFileSync(dataFile, 'utf8').split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    const small = at('action_name=Small0');
    const smallId = (JSON.parse(lines[small] as string) as { request: { id: string } }).request.id;
    lines[small] = (lines[small] as string).replace(`"id":"${smallId}.1"`, `"id":${smallId}.1"`);
    const slicedId = /"request":\{"id":"([^"]+)"/.exec(
      lines[at('action_name=Sliced0')] as string,
    )?.[1];
    const pieces = (lines[at('action_name=Sliced0')] as string).split('\t');
    const kept = pieces.slice(0, SLICED_LINE_HITS - 1);
    kept.push(`${(kept.pop() as string).slice(0, -1)}]}`);
    lines[at('action_name=Sliced0')] = kept.join('\t');
    lines[at('action_name=Gone')] = '{"v":1,"request":{"id":';
    writeFileSync(dataFile, lines.join('\n'));
    rmSync(join(first.dataDir, SNAPSHOT_FILE_NAME), { force: true });

    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const again = await startTestServer({ fullReadAfter: held }, first.dataDir);
    opened.push(again);
    // By id, before any page read the damaged lines: the hits the load keeps of them.
    const keptIds = [`${smallId}.0`, `${smallId}.2`, `${slicedId}.500`];
    const found = async () => {
      const details = [];
      for (const id of keptIds) {
        details.push(await again.api<HitDetailDto>(`/api/hits/${encodeURIComponent(id)}`));
      }
      return details.map(({ hit }) => [hit.id, hit.params.action_name]);
    };
    const foundDuring = await found();
    // Cursors inside the small bulk's line and just before the sliced one.
    const early = await pages(again, 3, null, 4);
    const whole = (await pages(again, 100)).ids.flat();

    release();
    await expect.poll(async () => (await again.summary()).readBack).toBeUndefined();
    const loadedOrder = (await pages(again, 1000)).ids.flat();
    // Both kept hits of the small bulk, the sliced bulk's first 998, no hit of `Gone`.
    expect(loadedOrder).toHaveLength(5 + 2 + SLICED_LINE_HITS - 2);
    expect(loadedOrder.slice(2, 4)).toEqual([`${smallId}.2`, `${smallId}.0`]);
    expect(whole).toEqual(loadedOrder);
    expect(early.ids.flat()).toEqual(loadedOrder.slice(0, 12));
    const rest = await pages(again, 100, early.next);
    expect([...early.ids.flat(), ...rest.ids.flat()]).toEqual(loadedOrder);
    expect(foundDuring).toEqual([
      [`${smallId}.0`, 'Small0'],
      [`${smallId}.2`, 'Small2'],
      [`${slicedId}.500`, 'Sliced500'],
    ]);
    expect(await found()).toEqual(foundDuring);
  });
});
