import { beforeEach, describe, expect, it } from 'vitest';
import type { WaitResponseDto } from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture } from '../../../test-support/admin/fixtures';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';

const server = useAdminTestServer();
beforeEach(() => server.store.reset());

const wait = (json: unknown) => call(`${server.base}/api/wait`, { token: TEST_TOKEN, json });
const add = (hit: Parameters<typeof makeCapture>[0] = {}) => {
  const c = makeCapture(hit);
  return server.store.add(c.request, c.hits);
};

describe('POST /api/wait', () => {
  it('resolves at once when enough matching hits are already stored', async () => {
    await add();
    await add();
    const res = await wait({ filter: { type: 'pageview' }, count: 2, timeoutMs: 50 });
    expect(res.status).toBe(200);
    expect(res.json<WaitResponseDto>().hits).toHaveLength(2);
  });

  it('resolves when the missing hits arrive, counting only matching ones', async () => {
    await add({ type: 'event' });
    const pending = wait({ filter: { type: 'event' }, count: 3, timeoutMs: 5000 });
    await new Promise((r) => setTimeout(r, 30));
    await add({ type: 'pageview' });
    await add({ type: 'event' });
    await add({ type: 'event' });
    const res = await pending;
    expect(res.status).toBe(200);
    const body = res.json<WaitResponseDto>();
    expect(body.hits).toHaveLength(3);
    expect(body.hits.every((h) => h.type === 'event')).toBe(true);
    expect(body.total).toBe(3);
  });

  it('answers 408 with the hits so far when the time runs out', async () => {
    await add({ outcome: 'rejected' });
    const res = await wait({ filter: { outcome: 'rejected' }, count: 2, timeoutMs: 80 });
    expect(res.status).toBe(408);
    const body = res.json<WaitResponseDto & { error: { code: string } }>();
    expect(body.hits).toHaveLength(1);
    expect(body.error.code).toBe('wait.timeout');
  });

  it('starts counting again after a reset', async () => {
    await add();
    const pending = wait({ count: 2, timeoutMs: 150 });
    await new Promise((r) => setTimeout(r, 20));
    await server.store.reset();
    await add();
    expect((await pending).status).toBe(408);
  });

  it('refuses bad input with 400', async () => {
    for (const body of [
      { count: 0 },
      { count: 1.5 },
      { timeoutMs: -1 },
      { timeoutMs: 'soon' },
      { filter: { outcome: 'stored' } },
      { filter: 'pageview' },
      { other: 1 },
    ]) {
      const res = await wait(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('stops listening when the client goes away', async () => {
    const before = listenerCount();
    const controller = new AbortController();
    const pending = fetch(`${server.base}/api/wait`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ count: 5, timeoutMs: 60_000 }),
      signal: controller.signal,
    }).catch(() => null);
    // Polled rather than slept on: under load the server may take a while to see either event.
    await expect.poll(listenerCount).toBe(before + 1);
    controller.abort();
    await pending;
    await expect.poll(listenerCount).toBe(before);
  });
});

const listenerCount = () => server.store.listenerCount();
