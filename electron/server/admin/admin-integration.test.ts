// The admin API on a real capture server (startCaptureServer on port 0): real tracking
// requests, the real store and protocol core, driven over HTTP like an outside tool.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  HitDetailDto,
  HitDto,
  HitsPageDto,
  SendResponseDto,
  SummaryDto,
  ValidateResponseDto,
  WaitResponseDto,
} from '../../../shared/api/types';
import { call, type CallOptions } from '../../../test-support/admin/http-call';
import { openSse } from '../../../test-support/admin/sse-client';
import type { CaptureServer, ServerOptions } from '../contracts';
import { startCaptureServer } from '../server';
import { DEFAULT_LIMITS } from '../settings-validation';

const TOKEN = 'integration-token-42';
const SECRET = '0123456789abcdef0123456789abcdef';
let root: string;
let server: CaptureServer;

function options(overrides: Partial<ServerOptions> = {}): ServerOptions {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(root, 'data-')),
    token: TOKEN,
    debugMode: 'on-demand',
    maxHits: 100_000,
    logLevel: 'info',
    logToStderr: false,
    limits: DEFAULT_LIMITS,
    uiDir: join(root, 'ui'),
    ...overrides,
  };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hitscope-admin-int-'));
  mkdirSync(join(root, 'ui', 'assets'), { recursive: true });
  writeFileSync(join(root, 'ui', 'index.html'), '<!doctype html><title>Hitscope</title>');
  server = await startCaptureServer(options());
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const api = (path: string, init: CallOptions = {}) =>
  call(server.url + path, { token: TOKEN, ...init });
const track = (query: string, init: CallOptions = {}) =>
  call(`${server.url}/matomo.php?${query}`, init);

describe('admin API on the capture server', () => {
  it('answers health without a token and everything else only with one', async () => {
    const health = await call(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });
    expect((await call(`${server.url}/api/hits`)).status).toBe(401);
    expect((await call(`${server.url}/api/summary`, { token: 'wrong' })).status).toBe(401);
    const rebound = await api('/api/summary', { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
    const form = await api('/api/reset', { headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('signs the UI in with its one-time link and serves it with the CSP', async () => {
    expect(server.uiUrl).not.toContain(TOKEN);
    const first = await call(server.uiUrl);
    expect(first.status).toBe(303);
    const cookie = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const page = await call(`${server.url}${first.headers.location}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Hitscope</title>');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });

  it('lists, filters and details captured hits, and resets', async () => {
    await api('/api/reset', { json: {} });
    expect(
      (await track('idsite=1&rec=1&action_name=Home&url=https%3A%2F%2Fshop.example%2F')).status,
    ).toBe(200);
    await track('idsite=1&rec=1&e_c=Video&e_a=Play');
    await track('idsite=2&action_name=NoRec');
    const page = (await api('/api/hits')).json<HitsPageDto>();
    expect(page.hits.map((h) => h.type)).toEqual(['pageview', 'event', 'pageview']);
    expect(page.hits[0]?.outcome).toBe('excluded');
    expect((await api('/api/hits?type=event')).json<HitsPageDto>().total).toBe(1);
    expect((await api('/api/hits?q=shop.example&outcome=recorded')).json<HitsPageDto>().total).toBe(
      1,
    );
    expect((await api('/api/hits?param.e_a=Play')).json<HitsPageDto>().total).toBe(1);
    expect((await api('/api/hits?idsite=2')).json<HitsPageDto>().hits[0]?.params.action_name).toBe(
      'NoRec',
    );
    const paged = (await api('/api/hits?limit=2')).json<HitsPageDto>();
    const rest = (await api(`/api/hits?limit=2&before=${paged.next}`)).json<HitsPageDto>();
    expect([...paged.hits, ...rest.hits].map((h) => h.id)).toEqual(page.hits.map((h) => h.id));

    const id = page.hits[2]?.id ?? '';
    const detail = (await api(`/api/hits/${id}`)).json<HitDetailDto>();
    expect(detail.hit.params.action_name).toBe('Home');
    expect(detail.request?.hitIds).toContain(id);
    expect((await api(`/api/requests/${detail.hit.requestId}`)).json()).toMatchObject({
      method: 'GET',
    });

    const summary = (await api('/api/summary')).json<SummaryDto>();
    expect(summary).toMatchObject({ requests: 3, hits: 3, recorded: 2, excluded: 1 });
    const reset = await api('/api/reset', { json: {} });
    expect(reset.json()).toMatchObject({ requests: 0, hits: 0 });
  });

  it('waits for hits that arrive later', async () => {
    await api('/api/reset', { json: {} });
    const waiting = api('/api/wait', {
      json: { filter: { type: 'event' }, count: 2, timeoutMs: 5000 },
    });
    await new Promise((r) => setTimeout(r, 50));
    await track('idsite=1&rec=1&action_name=Ignored');
    await track('idsite=1&rec=1&e_c=A&e_a=B');
    await track('idsite=1&rec=1&e_c=A&e_a=C');
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(
      res
        .json<WaitResponseDto>()
        .hits.map((h) => h.params.e_a)
        .sort(),
    ).toEqual(['B', 'C']);
    const late = await api('/api/wait', { json: { filter: { type: 'goal' }, timeoutMs: 50 } });
    expect(late.status).toBe(408);
  });

  it('streams a bulk request as a few batched events', async () => {
    await api('/api/reset', { json: {} });
    const stream = await openSse(`${server.url}/api/stream`, { authorization: `Bearer ${TOKEN}` });
    try {
      await stream.until((m) => m.some((x) => x.event === 'hello'));
      const requests = Array.from({ length: 300 }, (_, i) => `?idsite=1&rec=1&action_name=P${i}`);
      const bulk = await call(`${server.url}/matomo.php`, { json: { requests } });
      expect(bulk.json()).toMatchObject({ status: 'success', tracked: 300 });
      const count = () =>
        stream.messages
          .filter((m) => m.event === 'hits')
          .reduce((n, m) => n + (m.data as { hits: HitDto[] }).hits.length, 0);
      await stream.until(() => count() === 300);
      expect(stream.messages.filter((m) => m.event === 'hits').length).toBeLessThanOrEqual(2);
    } finally {
      stream.close();
    }
  });

  it('validates without storing, with the real protocol core', async () => {
    await api('/api/reset', { json: {} });
    const ok = (
      await api('/api/validate', { json: { url: '/matomo.php?idsite=1&rec=1&action_name=A' } })
    ).json<ValidateResponseDto>();
    expect(ok.hits[0]).toMatchObject({ outcome: 'recorded', type: 'pageview' });
    expect(ok.response.status).toBe(200);
    const bad = (
      await api('/api/validate', { json: { query: 'idsite=abc&rec=1' } })
    ).json<ValidateResponseDto>();
    expect(bad.hits[0]?.outcome).toBe('rejected');
    expect(bad.response.status).toBe(400);
    const bulk = (
      await api('/api/validate', {
        json: {
          body: JSON.stringify({ requests: ['?idsite=1&rec=1', '?idsite=1&rec=1&e_c=a&e_a=b'] }),
        },
      })
    ).json<ValidateResponseDto>();
    expect(bulk.hits).toHaveLength(2);
    expect(bulk.response.bodyKind).toBe('bulk-json');
    expect((await api('/api/summary')).json<SummaryDto>().hits).toBe(0);
  });

  it('sends to itself and finds the stored request', async () => {
    const sent = (
      await api('/api/send', {
        json: { target: 'self', method: 'POST', body: 'idsite=1&rec=1&action_name=Sent' },
      })
    ).json<SendResponseDto>();
    expect(sent.status).toBe(200);
    expect(sent.headers['content-type']).toBe('image/gif');
    expect(sent.requestId).toBeTruthy();
    const request = await api(`/api/requests/${sent.requestId}`);
    expect(request.json()).toMatchObject({
      method: 'POST',
      body: 'idsite=1&rec=1&action_name=Sent',
    });
  });

  it('exports real captures in every format with token_auth masked', async () => {
    await api('/api/reset', { json: {} });
    await call(`${server.url}/matomo.php`, {
      json: {
        requests: ['?idsite=1&rec=1&action_name=A', '?idsite=1&rec=1&action_name=B'],
        token_auth: SECRET,
      },
    });
    await track(`idsite=1&rec=1&cip=10.0.0.1&token_auth=${SECRET}`);
    const ndjson = await api('/api/export?format=ndjson');
    const lines = ndjson.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as HitDto);
    expect(lines).toHaveLength(3);
    expect(ndjson.text).not.toContain(SECRET);
    const har = (await api('/api/export?format=har')).json<{
      log: { version: string; entries: unknown[] };
    }>();
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(2);
    const csv = await api('/api/export?format=csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^receivedAt,id,requestId/);
    expect(csv.text).not.toContain(SECRET);
    expect((await api('/api/export?format=ndjson&revealTokens=1')).text).toContain(SECRET);
  });

  it('masks token_auth sent under encoded names, and exports refused requests, oldest first', async () => {
    await api('/api/reset', { json: {} });
    // debug=1: the answer is a processing log that quotes the request and every value.
    await track(`idsite=1&rec=1&action_name=First&token%5Fauth=${SECRET}&debug=1`);
    const refused = await track(`token%5fauth=${SECRET}&idsite=1&rec=1&x=${'y'.repeat(9000)}`);
    expect(refused.status).toBe(414);
    await call(`${server.url}/matomo.php`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `idsite=1&rec=1&action_name=Form&%74oken%5fauth=${SECRET}`,
    });
    await call(`${server.url}/matomo.php`, {
      headers: { 'content-type': 'application/json' },
      body: `{"requests":["?idsite=1&rec=1&action_name=Bulk&token%5Fauth=${SECRET}"],"token\\u005fauth":"${SECRET}"}`,
    });
    const hits = (await api('/api/hits')).json<HitsPageDto>().hits;
    expect(hits.filter((hit) => hit.params.token_auth === SECRET)).toHaveLength(3);

    const ndjson = await api('/api/export?format=ndjson');
    expect(ndjson.text).not.toContain(SECRET);
    const names = ndjson.text
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as HitDto).params.action_name);
    expect(names).toEqual(['First', 'Form', 'Bulk']);
    expect((await api('/api/export?format=csv')).text).not.toContain(SECRET);

    const har = await api('/api/export?format=har');
    expect(har.text).not.toContain(SECRET);
    type Har = { log: { entries: { response: { status: number; content: { text?: string } } }[] } };
    const entries = har.json<Har>().log.entries;
    expect(entries.map((entry) => entry.response.status)).toEqual([200, 414, 200, 200]);
    expect(entries[0]?.response.content.text).toMatch(/token_auth/);
    const revealed = (await api('/api/export?format=har&revealTokens=1')).json<Har>();
    expect(revealed.log.entries[0]?.response.content.text).toContain(SECRET);
  });

  it('changes settings through the API and refuses bad ones', async () => {
    const bad = await api('/api/settings', { method: 'PUT', json: { debugMode: 'loud' } });
    expect(bad.status).toBe(400);
    const good = await api('/api/settings', { method: 'PUT', json: { debugMode: 'always' } });
    expect(good.json()).toMatchObject({ debugMode: 'always' });
    const debug = await track('idsite=1&rec=1');
    expect(debug.headers['content-type']).toMatch(/^text\/plain/);
    await api('/api/settings', { method: 'PUT', json: { debugMode: 'on-demand' } });
  });
});

const lan = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

// Needs a non-loopback address on this machine; the peer rule is also unit-tested in
// security.test.ts with fake socket addresses.
describe.skipIf(!lan)(`listening on 0.0.0.0 (LAN address ${lan})`, () => {
  it('keeps tracking open to the LAN and the admin side closed', async () => {
    const wide = await startCaptureServer(options({ host: '0.0.0.0' }));
    try {
      const base = `http://${lan}:${wide.port}`;
      expect((await call(`${base}/matomo.php?idsite=1&rec=1`)).status).toBe(200);
      const admin = await call(`${base}/api/hits`, {
        token: TOKEN,
        headers: { host: `127.0.0.1:${wide.port}` },
      });
      expect(admin.status).toBe(403);
      expect(admin.json()).toMatchObject({ error: { code: 'forbidden.peer' } });
      expect((await call(`${base}/api/health`)).status).toBe(403);
      expect((await call(`http://127.0.0.1:${wide.port}/api/hits`, { token: TOKEN })).status).toBe(
        200,
      );
    } finally {
      await wide.close();
    }
  });
});
