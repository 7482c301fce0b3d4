// `fields=compact` of GET /api/hits and GET /api/stream, and the default full form beside it.
import { describe, expect, it } from 'vitest';
import type {
  ApiErrorDto,
  CompactStreamEvent,
  HitDto,
  HitSummariesPageDto,
  HitsPageDto,
} from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { call } from '../../../test-support/admin/http-call';
import { useStreamTestServer } from '../../../test-support/admin/use-admin-test-server';
import { toHitSummary } from './hit-fields';

const { server, openStream } = useStreamTestServer({
  flushMs: 20,
  heartbeatMs: 10_000,
  maxHitsPerEvent: 100,
  maxBufferedBytes: 1 << 30,
});

const get = (path: string) => call(server.base + path, { token: TEST_TOKEN });

/** A stored hit with decoded values, occurrences and a raw query, as the analysis makes them. */
async function seed(): Promise<HitDto> {
  const capture = makeCapture({
    params: { idsite: '1', rec: '1', action_name: 'Home' },
    decoded: {
      action_name: {
        name: 'action_name',
        raw: 'Home',
        value: 'Home',
        display: 'Home',
        catalogueKey: 'action_name',
      },
    },
  });
  const hit = capture.hits[0] as HitDto;
  await server.store.add(capture.request, capture.hits);
  return hit;
}

const INSPECTOR_ONLY = ['decoded', 'occurrences', 'rawQuery'];

describe('GET /api/hits?fields=', () => {
  it('answers the whole hit by default and with fields=full', async () => {
    const hit = await seed();
    for (const path of ['/api/hits', '/api/hits?fields=full']) {
      const page = (await get(path)).json<HitsPageDto>();
      expect(page.hits).toEqual([JSON.parse(JSON.stringify(hit))]);
      expect(page.hits[0]?.occurrences.length).toBeGreaterThan(0);
      expect(page.hits[0]?.decoded).toHaveProperty('action_name');
    }
  });

  it('leaves the inspector-only fields out with fields=compact, and keeps the rest', async () => {
    const hit = await seed();
    const page = (await get('/api/hits?fields=compact&limit=10')).json<HitSummariesPageDto>();
    expect(page.total).toBe(1);
    expect(page.next).toBeNull();
    const [summary] = page.hits;
    for (const field of INSPECTOR_ONLY) expect(summary).not.toHaveProperty(field);
    expect(summary).toEqual(JSON.parse(JSON.stringify(toHitSummary(hit))));
    expect(summary?.params).toMatchObject({ action_name: 'Home' });
    // The detail still has everything.
    const detail = (await get(`/api/hits/${hit.id}`)).json<{ hit: HitDto }>();
    expect(detail.hit.decoded).toHaveProperty('action_name');
  });

  it('refuses an unknown form with 400', async () => {
    const res = await get('/api/hits?fields=tiny');
    expect(res.status).toBe(400);
    expect(res.json<ApiErrorDto>().error.message).toContain('compact');
  });
});

describe('GET /api/stream?fields=', () => {
  /** The streamed hits and requests after storing a GET hit and what `more` stores (`count` of each). */
  const eventOf = async (path: string, more?: () => Promise<void>, count = 1) => {
    const c = await openStream(path);
    await c.until((m) => m.some((x) => x.event === 'hello'));
    await seed();
    await more?.();
    const events = () =>
      c.messages.flatMap((m) => {
        const event = m.data as CompactStreamEvent;
        return m.event === 'hits' && event.type === 'hits' ? [event] : [];
      });
    // Hits and requests may come over several flushes: wait for all of them.
    await c.until(
      () =>
        events().flatMap((e) => e.hits).length >= count &&
        events().flatMap((e) => e.requests).length >= count,
    );
    c.close();
    return {
      hits: events().flatMap((e) => e.hits),
      requests: events().flatMap((e) => e.requests),
    };
  };

  it('streams whole hits and every request by default', async () => {
    const { hits, requests } = await eventOf('/api/stream');
    for (const field of INSPECTOR_ONLY) expect(hits[0]).toHaveProperty(field);
    expect(requests).toHaveLength(1);
  });

  it('streams compact hits with fields=compact, and only bulk or failed requests', async () => {
    const { hits, requests } = await eventOf(
      '/api/stream?fields=compact',
      async () => {
        const bulk = makeCapture({}, { transport: 'bulk' });
        await server.store.add(bulk.request, bulk.hits);
        await server.store.add(
          makeRequest({ error: { code: 'body.too_large', message: 'x' } }),
          [],
        );
      },
      2,
    );
    for (const field of INSPECTOR_ONLY) expect(hits[0]).not.toHaveProperty(field);
    expect(hits[0]).toMatchObject({ params: { action_name: 'Home' }, outcome: 'recorded' });
    expect(hits).toHaveLength(2);
    // The single GET's request is left out; the bulk and the failed one are listed.
    expect(requests.map((r) => r.transport === 'bulk' || r.error !== undefined)).toEqual([
      true,
      true,
    ]);
  });

  it('refuses an unknown form with 400 instead of opening the stream', async () => {
    const res = await get('/api/stream?fields=tiny');
    expect(res.status).toBe(400);
  });
});
