// POST /api/wait over every stored hit: hits the in-memory window no longer holds, and hits
// read back from the data file at a restart, count as much as the newest ones.
import { describe, expect, it } from 'vitest';
import type { WaitResponseDto } from '../../shared/api/types';
import { TEST_TOKEN, type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

async function wait(
  t: TestServer,
  body: unknown,
): Promise<{ status: number; json: WaitResponseDto }> {
  const res = await fetch(`${t.url}/api/wait`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as WaitResponseDto };
}

async function sendEvents(t: TestServer, count: number) {
  for (let i = 0; i < count; i++) {
    const answer = await t.send('GET', `/matomo.php?idsite=1&rec=1&e_c=Video&e_a=Play&e_n=${i}`);
    expect(answer.status).toBe(200);
  }
}

describe('POST /api/wait over every stored hit', { timeout: 60_000 }, () => {
  it('counts hits beyond the in-memory window', async () => {
    const t = await servers.start({ maxHits: 2 });
    await sendEvents(t, 5);
    expect((await t.summary()).onDiskOnly).toBe(3);
    const answer = await wait(t, { filter: { type: 'event' }, count: 5, timeoutMs: 2_000 });
    expect(answer.status).toBe(200);
    expect(answer.json.total).toBe(5);
    expect(answer.json.hits).toHaveLength(5);
    // The filter is the shared one, free text included.
    const text = await wait(t, { filter: { q: 'Play' }, count: 5, timeoutMs: 2_000 });
    expect(text.status).toBe(200);
  });

  it('counts hits read back from the data file, then the ones that arrive', async () => {
    const first = await servers.start({ maxHits: 2 });
    await sendEvents(first, 3);
    await first.close();
    const t = await servers.start({ maxHits: 2 }, first.dataDir);
    expect((await wait(t, { filter: { type: 'event' }, count: 3, timeoutMs: 2_000 })).status).toBe(
      200,
    );
    const pending = wait(t, { filter: { type: 'event' }, count: 4, timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sendEvents(t, 1);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.json.total).toBe(4);
  });

  it('does not count a hit twice while the first count is under way', async () => {
    const t = await servers.start({ maxHits: 2 });
    await sendEvents(t, 2);
    // Arrives while the count of the two stored ones may still run: three in all, not four.
    const pending = wait(t, { filter: { type: 'event' }, count: 4, timeoutMs: 1_500 });
    await sendEvents(t, 1);
    const answer = await pending;
    expect(answer.status).toBe(408);
    expect(answer.json.total).toBe(3);
  });
});
