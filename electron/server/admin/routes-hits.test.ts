import { beforeEach, describe, expect, it } from 'vitest';
import type {
  HitDetailDto,
  HitsPageDto,
  RequestsPageDto,
  SummaryDto,
} from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';

const server = useAdminTestServer();
beforeEach(() => server.store.reset());

const get = (path: string) => call(server.base + path, { token: TEST_TOKEN });

async function seed(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const capture = makeCapture(
      i % 3 === 0
        ? { type: 'event', outcome: 'excluded', params: { idsite: '2', e_c: 'Video' }, idsite: 2 }
        : {},
    );
    await server.store.add(capture.request, capture.hits);
    ids.push(capture.hits[0]?.id ?? '');
  }
  return ids;
}

describe('GET /api/summary', () => {
  it('answers the store counts', async () => {
    await seed(4);
    const summary = (await get('/api/summary')).json<SummaryDto>();
    expect(summary).toMatchObject({ requests: 4, hits: 4, recorded: 2, excluded: 2, rejected: 0 });
  });
});

describe('GET /api/hits', () => {
  it('pages newest first with a cursor', async () => {
    const ids = await seed(5);
    const first = (await get('/api/hits?limit=2')).json<HitsPageDto>();
    expect(first.hits.map((h) => h.id)).toEqual([ids[4], ids[3]]);
    expect(first.total).toBe(5);
    expect(first.next).toBe(ids[3]);
    const second = (await get(`/api/hits?limit=2&before=${first.next}`)).json<HitsPageDto>();
    expect(second.hits.map((h) => h.id)).toEqual([ids[2], ids[1]]);
    const last = (await get(`/api/hits?limit=2&before=${second.next}`)).json<HitsPageDto>();
    expect(last.hits.map((h) => h.id)).toEqual([ids[0]]);
    expect(last.next).toBeNull();
  });

  it('defaults to 100 and caps at 1000', async () => {
    await seed(120);
    expect((await get('/api/hits')).json<HitsPageDto>().hits).toHaveLength(100);
    expect((await get('/api/hits?limit=5000')).json<HitsPageDto>().hits).toHaveLength(120);
  });

  it('applies the filters', async () => {
    await seed(6);
    const events = (await get('/api/hits?type=event&param.e_c=Video&idsite=2')).json<HitsPageDto>();
    expect(events.total).toBe(2);
    expect(events.hits.every((h) => h.type === 'event')).toBe(true);
    const text = (await get('/api/hits?q=video&outcome=excluded,rejected')).json<HitsPageDto>();
    expect(text.total).toBe(2);
    expect((await get('/api/hits?param.e_c=*&outcome=recorded')).json<HitsPageDto>().total).toBe(0);
  });

  it('answers 400 to bad filters and limits', async () => {
    const bad = await get('/api/hits?outcome=maybe');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'filter.invalid' } });
    expect((await get('/api/hits?limit=0')).status).toBe(400);
    expect((await get('/api/hits?limit=ten')).status).toBe(400);
  });
});

describe('GET /api/hits/:id and /api/requests/:id', () => {
  it('answers a hit with its request, and the request alone', async () => {
    const [id] = await seed(1);
    const detail = (await get(`/api/hits/${id}`)).json<HitDetailDto>();
    expect(detail.hit.id).toBe(id);
    expect(detail.request?.id).toBe(detail.hit.requestId);
    expect(detail.request?.hitIds).toEqual([id]);
    const request = await get(`/api/requests/${detail.hit.requestId}`);
    expect(request.json()).toEqual(detail.request);
  });

  it('answers 404 for unknown ids', async () => {
    const hit = await get('/api/hits/nope');
    expect(hit.status).toBe(404);
    expect(hit.json()).toMatchObject({ error: { code: 'hit.not_found' } });
    expect((await get('/api/requests/nope')).status).toBe(404);
  });
});

describe('GET /api/requests?failed=1', () => {
  async function seedFailed(codes: string[]) {
    for (const code of codes) {
      const request = makeRequest({
        error: { code, message: `refused: ${code}` },
        response: { ...makeRequest().response, status: 413, body: 'too large' },
      });
      await server.store.add(request, []);
    }
  }

  it('lists the failed requests newest first, without the ones that carried hits', async () => {
    await seed(2);
    await seedFailed(['limit.body_too_large', 'request.timeout', 'request.aborted']);
    await seed(1);
    const page = (await get('/api/requests?failed=1')).json<RequestsPageDto>();
    expect(page.total).toBe(3);
    expect(page.requests.map((r) => r.error?.code)).toEqual([
      'request.aborted',
      'request.timeout',
      'limit.body_too_large',
    ]);
    expect(page.requests[0]).toMatchObject({ hitIds: [], response: { status: 413 } });
  });

  it('takes a limit, and answers 400 without failed=1 or with a bad limit', async () => {
    await seedFailed(['a', 'b', 'c']);
    const page = (await get('/api/requests?failed=1&limit=2')).json<RequestsPageDto>();
    expect(page.requests.map((r) => r.error?.code)).toEqual(['c', 'b']);
    expect(page.total).toBe(3);
    const missing = await get('/api/requests');
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'query.invalid' } });
    expect((await get('/api/requests?failed=maybe')).status).toBe(400);
    expect((await get('/api/requests?failed=1&limit=0')).status).toBe(400);
  });
});

describe('POST /api/reset', () => {
  it('clears the store and answers the zeroed summary', async () => {
    await seed(3);
    // No body, but the JSON content type every admin write carries.
    const res = await call(`${server.base}/api/reset`, {
      method: 'POST',
      token: TEST_TOKEN,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ requests: 0, hits: 0, recorded: 0 });
    expect(server.store.summary().hits).toBe(0);
  });

  it('accepts an empty JSON object as body and refuses a GET', async () => {
    await seed(1);
    expect((await call(`${server.base}/api/reset`, { token: TEST_TOKEN, json: {} })).status).toBe(
      200,
    );
    expect((await get('/api/reset')).status).toBe(405);
  });
});
