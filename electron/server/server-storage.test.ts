// Storage through the server: a restart on the same data dir brings every hit back (with
// its decoded views rebuilt), and reset clears memory and file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HitDetailDto, SummaryDto } from '../../shared/api/types';
import { type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';
import { DATA_FILE_NAME } from './storage/hit-store';

const servers = useTestServers();

async function start(dataDir?: string, maxHits = 100_000) {
  const t = await servers.start({ maxHits }, dataDir);
  return t;
}

async function sendSome(t: TestServer) {
  await t.send(
    'GET',
    '/matomo.php?idsite=1&rec=1&action_name=One&uid=restart&url=https%3A%2F%2Fa.example%2F',
    {
      headers: {
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      },
    },
  );
  await t.send('POST', '/matomo.php', {
    body: JSON.stringify({
      requests: [
        '?idsite=1&rec=1&action_name=Two&uid=restart',
        { idsite: 1, rec: 1, action_name: 'Three', uid: 'restart', bw_bytes: 512 },
      ],
    }),
    headers: { 'content-type': 'application/json' },
  });
  await t.send('GET', '/matomo.php?idsite=1&rec=1&uid=restart&action_name=%E2%82%AC%20price', {});
}

describe('storage through the server', () => {
  it('brings every hit back after a restart, with decoded parameters and device rebuilt', async () => {
    const first = await start();
    await sendSome(first);
    const before = await first.hits('&param.uid=restart');
    const details = await Promise.all(
      before.map((h) => first.api<HitDetailDto>(`/api/hits/${h.id}`)),
    );
    const summary = await first.summary();
    await first.close();

    const second = await start(first.dataDir);
    await expect.poll(async () => (await second.summary()).hits).toBe(summary.hits);
    const after = await second.hits('&param.uid=restart');
    expect(after.map((h) => h.id)).toEqual(before.map((h) => h.id));
    for (const { hit, request } of details) {
      const again = await second.api<HitDetailDto>(`/api/hits/${hit.id}`);
      expect(again.hit).toEqual(hit);
      expect(again.request).toEqual(request);
    }
    expect(after.find((h) => h.summary === 'Three')?.params.bw_bytes).toBe(512);
  });

  it('reset clears memory and the data file', async () => {
    const t = await start();
    await sendSome(t);
    const zero = await t.api<SummaryDto>('/api/reset', { method: 'POST', body: {} });
    expect(zero).toMatchObject({ requests: 0, hits: 0, inMemory: 0, onDiskOnly: 0 });
    expect(readFileSync(join(t.dataDir, DATA_FILE_NAME), 'utf8')).toBe('');
    expect(await t.hits()).toEqual([]);
    await t.close();
    const again = await start(t.dataDir);
    expect((await again.summary()).hits).toBe(0);
  });

  it('reports hits beyond the memory cap as on disk only', async () => {
    const t = await start(undefined, 2);
    await sendSome(t);
    // Tracking is answered before the read-back of the data dir is over (with a warm device
    // detector, at once): hits that came meanwhile join the window when it is.
    await expect.poll(async () => (await t.summary()).readBack).toBeUndefined();
    expect(await t.summary()).toMatchObject({ hits: 4, inMemory: 2, onDiskOnly: 2, maxHits: 2 });
  });

  it('flags a second order with the same ec_id as a duplicate, also after a restart', async () => {
    const order = '/matomo.php?idsite=1&rec=1&idgoal=0&ec_id=ORD-9&revenue=10';
    const t = await start();
    expect((await t.send('GET', order)).status).toBe(200);
    expect((await t.send('GET', order)).status).toBe(400);
    await t.close();
    const again = await start(t.dataDir);
    await expect.poll(async () => (await again.summary()).hits).toBe(2);
    expect((await again.send('GET', order)).status).toBe(400);
  });

  it('checks an order against stored ones even while they are still being read back', async () => {
    const order = '/matomo.php?idsite=1&rec=1&idgoal=0&ec_id=ORD-LATE&revenue=10';
    const t = await start();
    await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Filler');
    expect((await t.send('GET', order)).status).toBe(200);
    await t.close();
    // Many stored requests before the order, so that it is read back last and late.
    const file = join(t.dataDir, DATA_FILE_NAME);
    const [filler, recorded] = readFileSync(file, 'utf8').trimEnd().split('\n') as [string, string];
    const fillerId = (JSON.parse(filler) as { request: { id: string } }).request.id;
    const copies = Array.from({ length: 30_000 }, (_, n) =>
      filler.replaceAll(`"${fillerId}`, `"${fillerId}x${n}`),
    );
    writeFileSync(file, `${[...copies, recorded].join('\n')}\n`);

    const again = await start(t.dataDir);
    const answer = await again.send('GET', order);
    expect(answer.status).toBe(400);
    // Found at once: the filler lines are passed over by their bytes during the read-back.
    expect(await again.hits('&param.ec_id=ORD-LATE&outcome=rejected')).toHaveLength(1);
    await expect.poll(async () => (await again.summary()).hits).toBe(30_002);
  });

  it('exports every request as HAR in arrival order, preflights and bare requests included', async () => {
    const t = await start();
    await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=First');
    await t.send('OPTIONS', '/matomo.php', {
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    await t.send('GET', '/matomo.php');
    await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Last');
    const har = await t.api<{ log: { entries: { request: { method: string; url: string } }[] } }>(
      '/api/export?format=har',
    );
    expect(
      har.log.entries.map(
        (entry) => `${entry.request.method} ${new URL(entry.request.url).search}`,
      ),
    ).toEqual([
      'GET ?idsite=1&rec=1&action_name=First',
      'OPTIONS ',
      'GET ',
      'GET ?idsite=1&rec=1&action_name=Last',
    ]);
  });
});
