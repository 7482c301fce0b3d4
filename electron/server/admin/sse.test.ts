import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../../shared/api/types';
import { startAdminTestServer, TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { openSse, type SseClient } from '../../../test-support/admin/sse-client';
import { useStreamTestServer } from '../../../test-support/admin/use-admin-test-server';

const { server, openStream: open } = useStreamTestServer({
  flushMs: 60,
  heartbeatMs: 100,
  maxHitsPerEvent: 150,
  maxBufferedBytes: 1 << 30,
});
const events = (c: SseClient, type: StreamEvent['type']) =>
  c.messages.filter((m) => m.event === type).map((m) => m.data as StreamEvent);
const hitCount = (c: SseClient) =>
  events(c, 'hits').reduce((n, e) => n + (e.type === 'hits' ? e.hits.length : 0), 0);

describe('GET /api/stream', () => {
  it('starts with hello and is an event stream', async () => {
    const c = await open();
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.headers['access-control-allow-origin']).toBeUndefined();
    await c.until((m) => m.length > 0);
    expect(c.messages[0]?.event).toBe('hello');
    expect(c.messages[0]?.data).toMatchObject({
      type: 'hello',
      version: '9.9.9',
      summary: { hits: 0 },
    });
  });

  it('batches a burst of hits into a few events, with their requests and the summary', async () => {
    const c = await open();
    await c.until((m) => m.some((x) => x.event === 'hello'));
    for (let i = 0; i < 300; i++) {
      const capture = makeCapture();
      await server.store.add(capture.request, capture.hits);
    }
    await c.until(() => hitCount(c) === 300);
    const batches = events(c, 'hits');
    // 300 hits in one flush interval, at most 150 per event: 2 events, not 300.
    expect(batches.length).toBeLessThanOrEqual(3);
    const last = batches.at(-1);
    expect(last?.type === 'hits' && last.summary.hits).toBe(300);
    const requests = batches.flatMap((e) => (e.type === 'hits' ? e.requests : []));
    expect(new Set(requests.map((r) => r.id)).size).toBe(300);
    for (const batch of batches) {
      if (batch.type !== 'hits') continue;
      const ids = new Set(batch.requests.map((r) => r.id));
      expect(batch.hits.every((h) => ids.has(h.requestId))).toBe(true);
    }
  });

  it('sends requests without hits too (refused uploads)', async () => {
    const c = await open();
    await server.store.add(makeRequest({ error: { code: 'body.too_large', message: 'x' } }), []);
    await c.until((m) => m.some((x) => x.event === 'hits'));
    const [batch] = events(c, 'hits');
    expect(batch?.type === 'hits' && batch.requests[0]?.error?.code).toBe('body.too_large');
  });

  it('announces resets and drops hits buffered before them', async () => {
    const c = await open();
    const capture = makeCapture();
    await server.store.add(capture.request, capture.hits);
    await server.store.reset();
    await c.until((m) => m.some((x) => x.event === 'reset'));
    await new Promise((r) => setTimeout(r, 120));
    expect(events(c, 'reset')[0]).toMatchObject({ type: 'reset', summary: { hits: 0 } });
    expect(hitCount(c)).toBe(0);
  });

  it('streams log lines and settings changes, and sends heartbeats', async () => {
    const c = await open();
    server.ctx.logger.log('warn', 'something to see', { n: 1 });
    server.ctx.settings.update({ debugMode: 'always' });
    await c.until((m) => m.some((x) => x.event === 'settings') && m.some((x) => x.event === 'log'));
    const lines = events(c, 'log').flatMap((e) => (e.type === 'log' ? e.lines : []));
    expect(lines.some((l) => l.msg === 'something to see' && l.level === 'warn')).toBe(true);
    expect(events(c, 'settings')[0]).toMatchObject({ settings: { debugMode: 'always' } });
    await new Promise((r) => setTimeout(r, 250));
    expect(c.comments).toContain('heartbeat');
  });

  it('unsubscribes when the client disconnects', async () => {
    const before = server.store.listenerCount();
    const c = await open();
    await c.until((m) => m.length > 0);
    expect(server.store.listenerCount()).toBe(before + 1);
    c.close();
    // The server learns of the close when the socket's end reaches it: on a loaded machine
    // that can take longer than any fixed wait.
    await expect.poll(() => server.store.listenerCount()).toBe(before);
    // Adding after the disconnect must not throw or write to the closed response.
    const capture = makeCapture();
    await server.store.add(capture.request, capture.hits);
  });

  it('ends open streams when the server shuts down', async () => {
    const before = server.store.listenerCount();
    const c = await open();
    await c.until((m) => m.length > 0);
    expect(server.store.listenerCount()).toBe(before + 1);
    server.admin.endStreams();
    await c.ended;
    expect(server.store.listenerCount()).toBe(before);
  });

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const slow = await startAdminTestServer({
      stream: {
        flushMs: 10,
        heartbeatMs: 10_000,
        maxHitsPerEvent: 500,
        maxBufferedBytes: 256 * 1024,
      },
    });
    try {
      const c = await openSse(`${slow.base}/api/stream`, { authorization: `Bearer ${TEST_TOKEN}` });
      await c.until((m) => m.length > 0);
      c.pause();
      const before = slow.store.listenerCount();
      for (let i = 0; i < 20; i++) {
        const batch = Array.from({ length: 500 }, () => makeCapture());
        for (const capture of batch) await slow.store.add(capture.request, capture.hits);
        await new Promise((r) => setTimeout(r, 15));
      }
      await new Promise((r) => setTimeout(r, 100));
      expect(slow.store.listenerCount()).toBe(before - 1);
      c.close();
    } finally {
      await slow.close();
    }
  });

  it('needs the token', async () => {
    const c = await openSse(`${server.base}/api/stream`, {});
    expect(c.status).toBe(401);
    c.close();
  });
});
