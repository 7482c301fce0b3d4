import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture } from '../../../test-support/admin/fixtures';
import { call, type CallResult } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';

const server = useAdminTestServer();
let hitId = '';
let requestId = '';

beforeAll(async () => {
  const capture = makeCapture({ params: { idsite: '1', rec: '1', action_name: 'Home' } });
  await server.store.add(capture.request, capture.hits);
  hitId = capture.hits[0]?.id ?? '';
  requestId = capture.request.id;
});

const as = (method: string, path: string) =>
  call(server.base + path, { method, token: TEST_TOKEN });

/**
 * Headers a HEAD must repeat: all of the GET's but the date, and the framing the GET picks
 * while it writes a streamed body (chunked); Content-Disposition carries the time to the second.
 */
function comparable(res: CallResult): Record<string, unknown> {
  const { date: _date, 'transfer-encoding': _te, ...rest } = res.headers;
  const disposition = rest['content-disposition'];
  return disposition === undefined
    ? rest
    : { ...rest, 'content-disposition': disposition.replace(/\d{4}-.*(?=\.)/, 'TIME') };
}

describe('HEAD on admin API routes', () => {
  it('answers every GET route like GET, without a body', async () => {
    const paths = [
      '/api/health',
      '/api/summary',
      '/api/hits',
      '/api/hits?fields=compact&limit=1',
      `/api/hits/${hitId}`,
      `/api/requests/${requestId}`,
      '/api/requests?failed=1',
      '/api/export',
      '/api/export?format=har',
      '/api/export?format=csv',
      '/api/settings',
      '/api/history',
      // Errors too: the same status and error headers.
      '/api/hits/no-such-hit',
      '/api/export?format=xml',
      '/api/requests',
      '/api/history/no-such-entry',
    ];
    for (const path of paths) {
      const get = await as('GET', path);
      const head = await as('HEAD', path);
      expect(head.status, path).toBe(get.status);
      expect(comparable(head), path).toEqual(comparable(get));
      expect(head.headers['content-type'], path).toMatch(/\S/);
      expect(head.body.length, path).toBe(0);
      expect(get.body.length, path).toBeGreaterThan(0);
    }
  });

  it('answers an empty export like its GET (chunked, no Content-Length)', async () => {
    const get = await as('GET', '/api/export?type=goal');
    const head = await as('HEAD', '/api/export?type=goal');
    expect(get.text).toBe('');
    expect(get.headers['content-length']).toBeUndefined();
    expect(comparable(head)).toEqual(comparable(get));
  });

  it('gives a JSON route the Content-Length of the GET body', async () => {
    const get = await as('GET', '/api/summary');
    const head = await as('HEAD', '/api/summary');
    expect(head.headers['content-length']).toBe(String(get.body.length));
  });

  it('needs the token like GET, except on /api/health', async () => {
    const anonymous = await call(`${server.base}/api/summary`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.body.length).toBe(0);
    expect((await call(`${server.base}/api/health`, { method: 'HEAD' })).status).toBe(200);
  });

  it('answers the stream headers without opening a stream', async () => {
    // The server's own indexes (visits) listen to the store from the start.
    const before = server.store.listenerCount();
    const head = await as('HEAD', '/api/stream');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(head.body.length).toBe(0);
    expect(server.store.listenerCount()).toBe(before);
    expect((await as('HEAD', '/api/stream?fields=nope')).status).toBe(400);
  });
});

describe('405 and Allow', () => {
  it('lists GET and HEAD with the other methods a path takes', async () => {
    const cases: [method: string, path: string, allow: string][] = [
      ['DELETE', '/api/summary', 'GET, HEAD'],
      ['POST', '/api/export', 'GET, HEAD'],
      ['PUT', '/api/history', 'GET, HEAD, POST, DELETE'],
      ['POST', '/api/history/h1', 'GET, HEAD, PATCH, DELETE'],
      ['DELETE', '/api/settings', 'GET, HEAD, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await as(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow, `${method} ${path}`).toBe(allow);
      expect(res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });

  it('keeps 405 for HEAD where there is no GET, without HEAD in Allow', async () => {
    for (const path of ['/api/reset', '/api/wait', '/api/validate', '/api/import']) {
      const res = await as('HEAD', path);
      expect(res.status, path).toBe(405);
      expect(res.headers.allow, path).toBe('POST');
      expect(res.body.length, path).toBe(0);
    }
  });
});
