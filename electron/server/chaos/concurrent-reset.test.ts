// Reset, tracking and import at the same time: whatever interleaving, memory and the data
// file agree (a restart shows exactly the hits the server showed before), and every hit
// acknowledged after the last reset is there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../../shared/api/types';
import { type TestServer } from '../../../test-support/capture/server-harness';
import { useTestServers } from '../../../test-support/capture/use-test-servers';
import { DATA_FILE_NAME } from '../storage/hit-store';

const servers = useTestServers();

const allIds = async (t: TestServer) =>
  (await t.api<HitsPageDto>('/api/hits?limit=100000')).hits.map((hit) => hit.id).sort();

describe('concurrent reset, ingest and import', () => {
  it('keeps memory and the data file in step, and every hit acknowledged after the last reset', async () => {
    const t = await servers.start();
    for (let i = 0; i < 20; i++) await t.send('GET', `/matomo.php?idsite=1&rec=1&uid=seed${i}`);
    const importContent = readFileSync(join(t.dataDir, DATA_FILE_NAME), 'utf8');

    // A hit sent after a reset was answered is stored after it: it must survive. (The order
    // of answers alone proves nothing: two connections may answer in either order.)
    let lastResetDone = 0;
    const sentAt = new Map<string, number>();
    let clock = 0;
    const worker = async (w: number) => {
      for (let i = 0; i < 30; i++) {
        const uid = `w${w}n${i}`;
        sentAt.set(uid, ++clock);
        const answer =
          i % 3 === 0
            ? await t.send('POST', '/matomo.php', {
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ requests: [`?idsite=1&rec=1&uid=${uid}`] }),
              })
            : await t.send('GET', `/matomo.php?idsite=1&rec=1&uid=${uid}`);
        expect(answer.status).toBe(200);
      }
    };
    const ingest = Array.from({ length: 5 }, (_, w) => worker(w));
    const imports = Array.from({ length: 4 }, () =>
      t.api('/api/import', { method: 'POST', body: { content: importContent, name: 'seed' } }),
    );
    const resets = Array.from({ length: 4 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * 15));
      await t.api('/api/reset', { method: 'POST', body: {} });
      lastResetDone = ++clock;
    });
    await Promise.all([...ingest, ...imports, ...resets]);

    const shown = await allIds(t);
    const uids = new Set(
      (await t.api<HitsPageDto>('/api/hits?limit=100000')).hits.map((hit) =>
        String(hit.params.uid),
      ),
    );
    const mustSurvive = [...sentAt].filter(([, at]) => at > lastResetDone);
    expect(mustSurvive.length).toBeGreaterThan(0);
    for (const [uid] of mustSurvive) expect(uids.has(uid), uid).toBe(true);
    await t.close();

    const again = await servers.start({}, t.dataDir);
    await expect.poll(async () => (await again.summary()).hits).toBe(shown.length);
    expect(await allIds(again)).toEqual(shown);
  }, 60_000);
});
