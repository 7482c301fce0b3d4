// A bulk entry sent as a JSON object has no limit on its keys (PHP reads it as an array, not
// through max_input_vars): one of 100,000 keys is written and read back in some 300,000
// pieces, more than one call may take as arguments. It was refused with a 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

describe('a bulk entry of 100,000 keys', { timeout: 300_000 }, () => {
  it('is stored and read back whole', async () => {
    const entry: Record<string, string> = { idsite: '1', rec: '1', action_name: 'Keys' };
    for (let n = 0; n < 100_000; n++) entry[`p${n}`] = `v${n}`;
    const answer = await t.send('POST', '/matomo.php', {
      body: JSON.stringify({ requests: [entry] }),
    });
    expect(answer.status, answer.text).toBe(200);
    const [hit] = (await t.api<HitsPageDto>('/api/hits?limit=1')).hits;
    expect(hit?.params['action_name']).toBe('Keys');
    expect(hit?.params['p99999']).toBe('v99999');
  });
});
