import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendResponseDto } from '../../../shared/api/types';
import {
  GIF,
  startAdminTestServer,
  TEST_TOKEN,
  type AdminTestServer,
} from '../../../test-support/admin/admin-test-server';
import { call } from '../../../test-support/admin/http-call';
import { planSend } from './routes-send';

let server: AdminTestServer;
let target: http.Server;
let targetUrl: string;
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] =
  [];

beforeAll(async () => {
  server = await startAdminTestServer({ outbound: { timeoutMs: 300, maxResponseBytes: 1000 } });
  target = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow/')) return; // never answers
      if (req.url?.startsWith('/big/')) {
        res.setHeader('content-type', 'text/plain');
        res.end('x'.repeat(5000));
        return;
      }
      if (req.url?.startsWith('/broken/')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        res.write('partial');
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (req.url?.startsWith('/redirect/')) {
        res.writeHead(302, { location: 'http://elsewhere.example/' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(JSON.stringify({ status: 'success', tracked: 1, invalid: 0 }));
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise((r) => target.close(r));
  await server.close();
});

const send = (json: unknown) => call(`${server.base}/api/send`, { token: TEST_TOKEN, json });

describe('planSend', () => {
  const ctx = {
    selfUrl: () => 'http://127.0.0.1:8765',
    version: '1.0.0',
    settings: { get: () => ({ upstreamUrl: 'https://stats.example/analytics/' }) },
  } as unknown as Parameters<typeof planSend>[1];

  it('joins target and path, keeps .php targets, and marks this server as self', () => {
    expect(planSend({ target: 'self', query: 'a=1' }, ctx)).toMatchObject({
      self: true,
      method: 'GET',
    });
    expect(planSend({ target: 'self' }, ctx).url.toString()).toBe(
      'http://127.0.0.1:8765/matomo.php',
    );
    expect(planSend({ target: 'http://localhost:8765/', path: '/piwik.php' }, ctx).self).toBe(true);
    expect(planSend({ target: 'upstream', query: '?x=1' }, ctx).url.toString()).toBe(
      'https://stats.example/analytics/matomo.php?x=1',
    );
    const php = planSend(
      { target: 'https://m.example/js/tracker.php', method: 'post', body: 'a=1' },
      ctx,
    );
    expect(php.url.pathname).toBe('/js/tracker.php');
    expect(php.self).toBe(false);
    expect(php.headers['content-type']).toMatch(/x-www-form-urlencoded/);
    expect(php.headers['user-agent']).toBe('Hitscope/1.0.0');
  });

  it('refuses other schemes, bad methods and managed or broken headers', () => {
    expect(() => planSend({ target: 'file:///etc/passwd' }, ctx)).toThrow(/http or https/);
    expect(() => planSend({ target: 'ftp://x.example/' }, ctx)).toThrow(/http or https/);
    expect(() => planSend({ target: 'not a url' }, ctx)).toThrow(/not a URL/);
    expect(() => planSend({ target: 'self', method: 'DELETE' }, ctx)).toThrow(/method/);
    expect(() => planSend({ target: 'self', headers: { Host: 'x' } }, ctx)).toThrow(
      /set by the server/,
    );
    expect(() => planSend({ target: 'self', headers: { a: 'x\r\nb: y' } }, ctx)).toThrow(
      /single-line/,
    );
    expect(() => planSend({ target: 'self', headers: { 'a b': 'x' } }, ctx)).toThrow(/header name/);
    expect(() => planSend({ target: 'self', path: 'matomo.php' }, ctx)).toThrow(/start with \//);
  });
});

describe('POST /api/send', () => {
  it('sends to this server and finds the stored request', async () => {
    const res = await send({
      target: 'self',
      method: 'GET',
      query: 'idsite=1&rec=1&action_name=Sent',
    });
    expect(res.status).toBe(200);
    const body = res.json<SendResponseDto>();
    expect(body.status).toBe(200);
    expect(body.url).toBe(`${server.base}/matomo.php?idsite=1&rec=1&action_name=Sent`);
    expect(body.headers['content-type']).toBe('image/gif');
    expect(body.bodyEncoding).toBe('base64');
    expect(Buffer.from(body.body, 'base64').equals(GIF)).toBe(true);
    expect(body.durationMs).toBeGreaterThanOrEqual(0);
    const stored = server.store.getRequest(body.requestId ?? '');
    expect(stored?.query).toBe('idsite=1&rec=1&action_name=Sent');
  });

  it('sends a POST to another http server with the composed headers and body', async () => {
    received.length = 0;
    const res = await send({
      target: targetUrl,
      method: 'POST',
      path: '/matomo.php',
      query: 'rec=1',
      body: '{"requests":["?idsite=1"]}',
      headers: { 'Content-Type': 'application/json', 'X-Test': '1' },
    });
    const body = res.json<SendResponseDto>();
    expect(body).toMatchObject({ status: 200, statusText: 'OK', bodyEncoding: 'utf8' });
    expect(JSON.parse(body.body)).toEqual({ status: 'success', tracked: 1, invalid: 0 });
    expect(body.headers['x-upstream']).toBe('yes');
    expect(body.requestId).toBeUndefined();
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/matomo.php?rec=1',
      body: '{"requests":["?idsite=1"]}',
    });
    expect(received[0]?.headers['x-test']).toBe('1');
    expect(received[0]?.headers['x-hitscope-send-id']).toBeUndefined();
  });

  it('shows redirects instead of following them', async () => {
    const body = (await send({ target: `${targetUrl}/redirect/` })).json<SendResponseDto>();
    expect(body.status).toBe(302);
    expect(body.headers.location).toBe('http://elsewhere.example/');
  });

  it('caps the answer size and times out', async () => {
    const big = (await send({ target: `${targetUrl}/big/` })).json<SendResponseDto>();
    expect(big.body).toHaveLength(1000);
    expect(big.truncated).toBe(true);
    const slow = await send({ target: `${targetUrl}/slow/` });
    expect(slow.status).toBe(504);
    expect(slow.json()).toMatchObject({ error: { code: 'send.timeout' } });
  });

  it('answers 502 when the target cannot be reached and 400 for other schemes', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const res = await send({ target: `http://127.0.0.1:${port}/` });
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'send.failed' } });
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/ECONNREFUSED/);
    const broken = await send({ target: `${targetUrl}/broken/` });
    expect(broken.status).toBe(502);
    expect(broken.json<{ error: { message: string } }>().error.message).toMatch(/broke off/);
    const scheme = await send({ target: 'file:///etc/passwd' });
    expect(scheme.status).toBe(400);
    expect(scheme.json()).toMatchObject({ error: { code: 'send.scheme' } });
  });
});
