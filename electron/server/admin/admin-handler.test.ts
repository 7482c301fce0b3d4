import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startAdminTestServer, TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';
import { tokenCookieName } from '../../../shared/api/credential-mask';

const server = useAdminTestServer();

const url = (path: string) => server.base + path;

describe('token', () => {
  it('leaves /api/health open and answers status and version', async () => {
    const res = await call(url('/api/health'));
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: '9.9.9' });
  });

  it('answers 401 without a token and with a wrong one, on every other route', async () => {
    for (const path of ['/api/summary', '/api/hits', '/api/settings', '/api/nope', '/']) {
      const res = await call(url(path));
      expect(res.status, path).toBe(401);
    }
    const missing = await call(url('/api/summary'));
    expect(missing.json()).toMatchObject({ error: { code: 'auth.required' } });
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await call(url('/api/summary'), { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'auth.invalid' } });
    const post = await call(url('/api/reset'), { json: {} });
    expect(post.status).toBe(401);
    expect((await call(url('/api/summary'), { token: TEST_TOKEN })).status).toBe(200);
  });

  it('does not accept ?token= on API routes', async () => {
    const res = await call(url(`/api/summary?token=${TEST_TOKEN}`));
    expect(res.status).toBe(401);
  });

  it('never accepts the token in the URL of the UI: it would stay in the browser history', async () => {
    const res = await call(url(`/?token=${TEST_TOKEN}`));
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  const cookieName = () => tokenCookieName(server.port);
  const codeOf = (link: string) => new URL(link).searchParams.get('code') ?? '';

  it('trades a one-time code for an HttpOnly SameSite=Strict cookie named after the port', async () => {
    const code = codeOf(server.admin.signInUrl());
    const first = await call(url(`/?view=hits&code=${code}&q=a%20b`));
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/?view=hits&q=a+b');
    const setCookie = first.headers['set-cookie']?.[0] ?? '';
    expect(setCookie.startsWith(`${cookieName()}=`)).toBe(true);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0] ?? '';
    // The cookie then opens the UI and the API (fetch and EventSource send it).
    const page = await call(url('/'), { headers: { cookie } });
    expect(page.status).not.toBe(401);
    const api = await call(url('/api/summary'), { headers: { cookie } });
    expect(api.status).toBe(200);
    const wrong = await call(url('/api/summary'), { headers: { cookie: `${cookieName()}=x` } });
    expect(wrong.status).toBe(401);
    // The code is spent: the history entry holding it opens nothing.
    const again = await call(url(`/?code=${code}`));
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.text).toMatch(/used already/);
  });

  it('hands out fresh codes to tools with the token, and to nothing else', async () => {
    const minted = await call(url('/api/sign-in-links'), { token: TEST_TOKEN, json: {} });
    expect(minted.status).toBe(201);
    const link = minted.json<{ url: string }>().url;
    expect(link.startsWith(`${server.base}/?code=`)).toBe(true);
    expect(link).not.toContain(TEST_TOKEN);
    expect((await call(url(`/?code=${codeOf(link)}`))).status).toBe(303);
    expect((await call(url('/api/sign-in-links'), { json: {} })).status).toBe(401);
  });

  it('answers an unknown code and an unsigned visit with the sign-in form', async () => {
    for (const path of ['/?code=guess', '/']) {
      const res = await call(url(path));
      expect(res.status, path).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.text).toContain('<form method="post" action="/sign-in">');
      expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    }
  });

  it('signs in with the token posted from the form, out of every URL', async () => {
    const form = (token: string, headers: Record<string, string> = {}) =>
      call(url('/sign-in'), {
        body: new URLSearchParams({ token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
    const good = await form(TEST_TOKEN, { origin: server.base, 'sec-fetch-site': 'same-origin' });
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe('/');
    expect(good.headers['set-cookie']?.[0]).toContain(`${cookieName()}=`);
    const bad = await form('nope');
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    // A page on another origin cannot sign the browser in (to a session of its choosing).
    const foreign = await form(TEST_TOKEN, { 'sec-fetch-site': 'same-site' });
    expect(foreign.status).toBe(403);
  });
});

describe('Host and peer', () => {
  it('answers 403 to a foreign Host header (DNS rebinding), health included', async () => {
    for (const path of ['/api/health', '/api/summary', '/']) {
      const res = await call(url(path), {
        token: TEST_TOKEN,
        headers: { host: `rebind.attacker.example:${server.port}` },
      });
      expect(res.status, path).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: 'forbidden.host' } });
    }
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`, '127.0.0.1']) {
      const res = await call(url('/api/summary'), { token: TEST_TOKEN, headers: { host } });
      expect(res.status, host).toBe(200);
    }
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  // Needs a non-loopback address on this machine; without one the peer check is covered by
  // the unit tests of security.ts with fake socket addresses.
  it.skipIf(!lan)(
    `refuses a non-loopback peer when listening on 0.0.0.0 (via ${lan})`,
    async () => {
      const wide = await startAdminTestServer({ host: '0.0.0.0' });
      try {
        const viaLan = await call(`http://${lan}:${wide.port}/api/health`, {
          headers: { host: `127.0.0.1:${wide.port}` },
          token: TEST_TOKEN,
        });
        expect(viaLan.status).toBe(403);
        expect(viaLan.json()).toMatchObject({ error: { code: 'forbidden.peer' } });
        const viaLanUi = await call(`http://${lan}:${wide.port}/`, {
          headers: { host: 'localhost' },
        });
        expect(viaLanUi.status).toBe(403);
        // The tracking endpoint stays open to the LAN: the admin handler does not claim it.
        const tracking = await call(`http://${lan}:${wide.port}/matomo.php?idsite=1&rec=1`);
        expect(tracking.status).toBe(200);
        const local = await call(`http://127.0.0.1:${wide.port}/api/health`);
        expect(local.status).toBe(200);
      } finally {
        await wide.close();
      }
    },
  );
});

describe('bodies and errors', () => {
  it('refuses non-JSON bodies with 415 (cross-site form posts)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await call(url('/api/reset'), {
        method: 'POST',
        token: TEST_TOKEN,
        headers: { 'content-type': type },
        body: '{}',
      });
      expect(res.status, type).toBe(415);
      expect(res.json()).toMatchObject({ error: { code: 'body.unsupported_media_type' } });
    }
    const put = await call(url('/api/settings'), {
      method: 'PUT',
      token: TEST_TOKEN,
      headers: { 'content-type': 'text/plain' },
      body: '{"debugMode":"off"}',
    });
    expect(put.status).toBe(415);
    expect(server.ctx.settings.get().debugMode).toBe('on-demand');
    // Also on write routes that never read a body.
    const del = await call(url('/api/history/some-id'), {
      method: 'DELETE',
      token: TEST_TOKEN,
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(del.status).toBe(415);
  });

  it('answers 400 to malformed JSON and 413 past 1 MiB', async () => {
    const bad = await call(url('/api/validate'), {
      token: TEST_TOKEN,
      headers: { 'content-type': 'application/json' },
      body: '{"url": ',
    });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'body.invalid_json' } });
    const big = await call(url('/api/validate'), {
      token: TEST_TOKEN,
      json: { query: 'a='.padEnd(1024 * 1024 + 10, 'x') },
    });
    expect(big.status).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'body.too_large' } });
    const notObject = await call(url('/api/validate'), { token: TEST_TOKEN, json: [1, 2] });
    expect(notObject.status).toBe(400);
  });

  it('answers 404 and 405 as JSON errors', async () => {
    const missing = await call(url('/api/unknown'), { token: TEST_TOKEN });
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const wrongMethod = await call(url('/api/summary'), { method: 'DELETE', token: TEST_TOKEN });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
  });

  it('sends no CORS headers on admin routes, even to a cross-origin request', async () => {
    const res = await call(url('/api/summary'), {
      token: TEST_TOKEN,
      headers: { origin: 'https://attacker.example' },
    });
    const preflight = await call(url('/api/reset'), {
      method: 'OPTIONS',
      headers: { origin: 'https://attacker.example', 'access-control-request-method': 'POST' },
    });
    for (const r of [res, preflight]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    // Refused for its origin before anything else is looked at.
    expect(preflight.status).toBe(403);
    expect(res.status).toBe(403);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('leaves paths it does not own to the server', async () => {
    const res = await call(url('/not-a-ui-file'), { token: TEST_TOKEN });
    expect(res.status).toBe(404);
    expect(res.text).toBe('not found');
  });

  it('answers 500 as JSON when a route throws, and keeps serving', async () => {
    const original = server.ctx.store.summary;
    server.ctx.store.summary = () => {
      throw new Error('boom');
    };
    try {
      const res = await call(url('/api/summary'), { token: TEST_TOKEN });
      expect(res.status).toBe(500);
      expect(res.json()).toMatchObject({ error: { code: 'internal' } });
    } finally {
      server.ctx.store.summary = original;
    }
    expect((await call(url('/api/summary'), { token: TEST_TOKEN })).status).toBe(200);
  });
});
