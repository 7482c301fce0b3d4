// A bulk's body of megabytes is joined into the memory of a body answered before
// (tracking/body-memory.ts): every bulk keeps its own bytes, whether the bulks arrive one
// after the other (the memory reused) or together (each in memory of its own).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

/** A bulk body of over a megabyte (joined from many pieces), its entries marked `name`. */
const bulkOf = (name: string) =>
  JSON.stringify({
    requests: Array.from(
      { length: 900 },
      (_, i) =>
        `?idsite=1&rec=1&uid=${name}&action_name=${name}-${i}&dimension1=${name.repeat(400)}`,
    ),
    send_image: 0,
  });

describe('bulk bodies joined into memory used before', { timeout: 120_000 }, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.dispose());

  const post = (body: string) =>
    t.send('POST', '/matomo.php', { body, headers: { 'content-type': 'application/json' } });

  /** The stored body and action names of the bulk marked `name`, as read back. */
  async function storedBulk(name: string) {
    const hits = await t.api<{ hits: { requestId: string; params: Record<string, unknown> }[] }>(
      `/api/hits?limit=1000&param.uid=${name}`,
    );
    const requestIds = new Set(hits.hits.map((hit) => hit.requestId));
    expect(requestIds.size).toBe(1);
    const request = await t.request([...requestIds][0] as string);
    const names = hits.hits.map((hit) => hit.params['action_name'] as string).sort();
    return { body: request.body, truncated: request.bodyTruncated, names };
  }

  const expectedNames = (name: string) =>
    Array.from({ length: 900 }, (_, i) => `${name}-${i}`).sort();

  it('keeps each bulk’s bytes, posted one after the other and together', async () => {
    const bodies = { aaaa: bulkOf('aaaa'), bbbb: bulkOf('bbbb'), cccc: bulkOf('cccc') };
    expect(bodies.aaaa.length).toBeGreaterThan(1024 * 1024);
    expect((await post(bodies.aaaa)).status).toBe(204);
    const together = await Promise.all([post(bodies.bbbb), post(bodies.cccc)]);
    expect(together.map((answer) => answer.status)).toEqual([204, 204]);
    for (const [name, body] of Object.entries(bodies)) {
      const stored = await storedBulk(name);
      // The record's body is cut (the body's beginning): compared, not printed.
      expect(stored.truncated).toBe(true);
      expect(stored.body.length).toBeGreaterThan(60_000);
      expect(body.startsWith(stored.body)).toBe(true);
      expect(stored.names).toEqual(expectedNames(name));
    }
  });
});
