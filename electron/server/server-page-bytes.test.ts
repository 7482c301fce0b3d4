// A page of full hits is bounded in bytes as well as in hits: a hit of one 8 MB parameter was
// some 60 MB of JSON. Each hit now carries the beginning of its long texts (admin/text-cut.ts),
// so a page of such hits is a few megabytes; PAGE_BYTES stays as the bound of last resort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import {
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from '../../test-support/capture/server-harness';
import { PAGE_BYTES } from './admin/routes-hits';
import { DEFAULT_LIMITS } from './settings-validation';

const MB = 1024 * 1024;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    limits: { ...DEFAULT_LIMITS, maxBodyBytes: 16 * MB, maxParamValueLength: 16 * MB },
  });
});
afterAll(() => t.dispose());

describe('a page of hits of megabytes', { timeout: 300_000 }, () => {
  it('stays far under PAGE_BYTES', async () => {
    const names = ['First', 'Second'];
    for (const name of names) {
      const body = `idsite=1&rec=1&action_name=${name}&x=${'v'.repeat(8 * MB)}`;
      expect((await t.send('POST', '/matomo.php', { body, headers: FORM })).status).toBe(200);
    }
    const first = await t.send('GET', '/api/hits?limit=100', {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(first.status).toBe(200);
    expect(first.body.length).toBe(Number(first.headers['content-length']));
    // Each hit carries the beginning of its long texts (admin/text-cut.ts): both fit in a
    // page of a few megabytes, far under PAGE_BYTES.
    expect(first.body.length).toBeLessThan(4 * MB);
    expect(first.body.length).toBeLessThan(PAGE_BYTES);
    const page = JSON.parse(first.text) as HitsPageDto;
    expect(page.hits.map((hit) => hit.params['action_name'])).toEqual(['Second', 'First']);
    expect(page.total).toBe(2);
    expect(page.next).toBeNull();
  });
});
