// What a page on another origin (often the very site being debugged, on another port of this
// host) can make the user's browser send with the sign-in cookie: every route that can change
// something must refuse it. The browser side of this is e2e/security/cross-origin.spec.ts.
import { describe, expect, it } from 'vitest';
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture } from '../../../test-support/admin/fixtures';
import { call, type CallOptions } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';
import { tokenCookieName } from '../../../shared/api/credential-mask';
import { adminRoutes } from './routes';
import { StreamRegistry } from './sse';

const server = useAdminTestServer();

/** Every route that is not a read, with its `:id` filled in, plus the sign-in link route. */
function writeRoutes(): { method: string; path: string }[] {
  const routes = adminRoutes(server.ctx, new StreamRegistry())
    .filter((route) => route.method !== 'GET')
    .map((route) => ({ method: route.method, path: route.path.replace(':id', 'some-id') }));
  return [...routes, { method: 'POST', path: '/api/sign-in-links' }];
}

const cookie = () => `${tokenCookieName(server.port)}=${TEST_TOKEN}`;
const send = (route: { method: string; path: string }, options: CallOptions) =>
  call(server.base + route.path, {
    method: route.method,
    ...options,
    headers: { cookie: cookie(), ...options.headers },
  });

describe('state-changing admin routes', () => {
  it('include reset, settings, send, import and history', () => {
    const paths = writeRoutes().map((route) => `${route.method} ${route.path}`);
    for (const path of ['POST /api/reset', 'PUT /api/settings', 'POST /api/send']) {
      expect(paths).toContain(path);
    }
    expect(paths).toContain('DELETE /api/history');
  });

  it('refuse a body-less request without Content-Type: application/json (no-cors fetch, sendBeacon)', async () => {
    for (const route of writeRoutes()) {
      const answer = await send(route, {});
      expect(answer.status, `${route.method} ${route.path}`).toBe(415);
      expect(answer.json()).toMatchObject({ error: { code: 'body.unsupported_media_type' } });
    }
  });

  it('refuse form and text bodies', async () => {
    for (const route of writeRoutes()) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        const answer = await send(route, { body: 'a=1', headers: { 'content-type': type } });
        expect(answer.status, `${route.method} ${route.path} ${type}`).toBe(415);
      }
    }
  });

  it('refuse requests whose Origin or Sec-Fetch-Site name another origin, even as JSON', async () => {
    const other = `http://127.0.0.1:${server.port === 65535 ? 1 : server.port + 1}`;
    for (const route of writeRoutes()) {
      const foreign: Record<string, string>[] = [
        { origin: other },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'cross-site', origin: 'https://shop.example' },
      ];
      for (const headers of foreign) {
        const answer = await send(route, { json: {}, headers });
        expect(answer.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403);
        expect(answer.json()).toMatchObject({ error: { code: 'forbidden.origin' } });
      }
    }
  });

  it('still answer their own page and tools', async () => {
    await server.store.add(...sampleCapture());
    const own = await send(
      { method: 'POST', path: '/api/reset' },
      {
        json: {},
        headers: { origin: server.base, 'sec-fetch-site': 'same-origin' },
      },
    );
    expect(own.status).toBe(200);
    const tool = await call(`${server.base}/api/reset`, {
      method: 'POST',
      token: TEST_TOKEN,
      headers: { 'content-type': 'application/json' },
    });
    expect(tool.status).toBe(200);
  });

  it('keep the capture when a cross-origin reset is tried', async () => {
    await server.store.add(...sampleCapture());
    const before = server.store.summary().hits;
    expect(before).toBeGreaterThan(0);
    await send(
      { method: 'POST', path: '/api/reset' },
      { headers: { 'sec-fetch-site': 'same-site' } },
    );
    await send({ method: 'POST', path: '/api/reset' }, {});
    expect(server.store.summary().hits).toBe(before);
  });
});

function sampleCapture(): [RequestRecordDto, HitDto[]] {
  const { request, hits } = makeCapture({ params: { idsite: '1', rec: '1' } });
  return [request, hits];
}
