// A bulk whose line in the data file lost a hit, through the real server after a restart: the
// request names the lost hit apart from those it still has, and a read of the lost one
// answers 410 saying where its line was noted, where an unknown id answers 404.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiErrorDto, RequestRecordDto, SummaryDto } from '../../shared/api/types';
import { call } from '../../test-support/admin/http-call';
import { TEST_TOKEN, type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';
import { DATA_FILE_NAME } from './storage/hit-store';
import { UNREADABLE_FILE_NAME } from './storage/unreadable-records';

const servers = useTestServers();

const get = (t: TestServer, path: string) => call(`${t.url}${path}`, { token: TEST_TOKEN });

describe('a bulk that lost a hit in the data file', () => {
  it('lists it apart in its request and answers 410 for it', async () => {
    const root = servers.tempDir('hitscope-lost-');
    const dataDir = join(root, 'data');
    const first = await servers.start({}, dataDir);
    const requests = [0, 1, 2, 3].map((n) => `?idsite=1&rec=1&uid=n${n}`);
    const sent = await first.send('POST', '/matomo.php', {
      body: JSON.stringify({ requests }),
      headers: { 'content-type': 'application/json' },
    });
    expect(sent.status).toBe(200);
    const [hit] = await first.hits();
    const requestId = hit!.requestId;
    await first.close();

    // The hit at 2 is broken: the line no longer parses whole.
    const dataFile = join(dataDir, DATA_FILE_NAME);
    const text = readFileSync(dataFile, 'utf8');
    writeFileSync(dataFile, text.replace(`"id":"${requestId}.2"`, `"id":${requestId}.2"`));

    const t = await servers.start({}, dataDir);
    await expect.poll(async () => (await t.summary()).hits).toBe(3);
    const request = await t.request(requestId);
    expect(request.hitIds).toEqual([0, 1, 3].map((i) => `${requestId}.${i}`));
    expect(request.lostHitIds).toEqual([`${requestId}.2`]);

    const sideFile = join(dataDir, UNREADABLE_FILE_NAME);
    for (const path of [`/api/hits/${requestId}.2`, `/api/hits/${requestId}.2/raw`]) {
      const answer = await get(t, path);
      expect(answer.status, path).toBe(410);
      expect(answer.json<ApiErrorDto>().error).toEqual({
        code: 'hit.lost',
        message:
          `Hit "${requestId}.2" of request "${requestId}" could not be read back: it was in a ` +
          `damaged line of the data file (line 1), noted with what was left of it in ${sideFile}.`,
      });
    }
    expect((await get(t, `/api/hits/${requestId}.3`)).status).toBe(200);
    expect((await get(t, `/api/hits/${requestId}.9`)).status).toBe(404);
    const summary = await t.api<SummaryDto>('/api/summary');
    expect(summary.alerts?.[0]?.file).toBe(sideFile);
    // Its hit's own detail carries the same request.
    const detail = (await get(t, `/api/hits/${requestId}.0`)).json<{ request: RequestRecordDto }>();
    expect(detail.request.lostHitIds).toEqual([`${requestId}.2`]);
  });
});
