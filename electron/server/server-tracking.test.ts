// The tracking endpoint over HTTP: every answer shape Matomo 5 gives (docs/tracking-protocol.md#processing–#bulk, #byte-level),
// byte for byte, and every request stored with its hits.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

const GIF_SHA256 = '548f2d6f4d0d820c6c5ffbeffcbd7f0e73193e2932eefe542accc84762deec87';
const GIF_HEX =
  '4749463839610100010080000000000000000021f90401000000002c00000000010001000002024401003b';
const PAGEVIEW = 'idsite=1&rec=1&action_name=Test&url=http%3A%2F%2Fexample.org%2F';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('tracking endpoint answers', () => {
  it('answers a recorded GET with the 43-byte GIF and Cache-Control: no-store', async () => {
    const answer = await t.send('GET', `/matomo.php?${PAGEVIEW}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/gif');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    expect(answer.body.toString('hex')).toBe(GIF_HEX);
    expect(sha256(answer.body)).toBe(GIF_SHA256);
  });

  it('stores the hit with its request before answering', async () => {
    await t.send('GET', `/piwik.php?${PAGEVIEW}&uid=store-check`);
    const [hit] = await t.hits('&param.uid=store-check');
    expect(hit).toMatchObject({
      transport: 'get',
      method: 'GET',
      path: '/piwik.php',
      type: 'pageview',
      outcome: 'recorded',
      idsite: 1,
      index: 0,
      batchSize: 1,
      params: { idsite: '1', rec: '1', action_name: 'Test', url: 'http://example.org/' },
    });
    const request = await t.request(hit!.requestId);
    expect(request).toMatchObject({
      method: 'GET',
      path: '/piwik.php',
      hitIds: [hit!.id],
      response: { status: 200, contentType: 'image/gif', bodyKind: 'gif', body: '' },
    });
  });

  it('lets every hit answered together be found as soon as its answer arrives', async () => {
    // Sent at once, the requests are written together; each is looked for on its answer.
    const uids = Array.from({ length: 12 }, (_, i) => `together-${i}z`);
    const found = await Promise.all(
      uids.map(async (uid) => {
        const answer = await t.send('GET', `/matomo.php?${PAGEVIEW}&uid=${uid}`);
        expect(answer.status).toBe(200);
        const [byFilter, byText] = await Promise.all([
          t.hits(`&param.uid=${uid}`),
          t.hits(`&q=${uid}`),
        ]);
        return [byFilter.length, byText.length];
      }),
    );
    expect(found).toEqual(uids.map(() => [1, 1]));
  });

  it('answers 204 without a body for send_image=0', async () => {
    const answer = await t.send('GET', `/matomo.php?${PAGEVIEW}&send_image=0`);
    expect(answer.status).toBe(204);
    expect(answer.statusMessage).toBe('No Response');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body.length).toBe(0);
  });

  it('answers 400 with the GIF followed by an explanation for a rejected request', async () => {
    const answer = await t.send('GET', '/matomo.php?idsite=0&rec=1&action_name=Bad');
    expect(answer.status).toBe(400);
    expect(answer.body.subarray(0, 43).toString('hex')).toBe(GIF_HEX);
    const [hit] = await t.hits('&outcome=rejected&q=Bad');
    expect(hit?.issues.map((issue) => issue.code)).toContain('idsite.invalid');
  });

  it('answers a parameterless GET with its own short text, never Matomo’s', async () => {
    const answer = await t.send('GET', '/matomo.php');
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/Hitscope/);
    expect(answer.text).not.toMatch(/part of Matomo/i);
  });

  it('answers a POST without any parameter with 400', async () => {
    const answer = await t.send('POST', '/matomo.php', { headers: { 'content-type': FORM } });
    expect(answer.status).toBe(400);
  });

  it('decodes a form POST, echoing the Origin with credentials allowed', async () => {
    const answer = await t.send('POST', '/matomo.php', {
      body: `${PAGEVIEW}&uid=form-post`,
      headers: { 'content-type': FORM, origin: 'https://shop.example' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toString('hex')).toBe(GIF_HEX);
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    const [hit] = await t.hits('&param.uid=form-post');
    expect(hit).toMatchObject({ transport: 'post', outcome: 'recorded' });
  });

  it('answers * instead of echoing a huge Origin, and keeps the hit', async () => {
    const origin = `https://${'o'.repeat(512 * 1024)}.example`;
    const answer = await t.send('POST', `/matomo.php?${PAGEVIEW}&send_image=0&uid=huge-origin`, {
      headers: { 'content-type': FORM, origin },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    const [hit] = await t.hits('&param.uid=huge-origin');
    expect(hit?.outcome).toBe('recorded');
  });

  it('decodes a beacon POST (empty body, parameters in the query) and answers 204', async () => {
    const answer = await t.send('POST', `/matomo.php?${PAGEVIEW}&send_image=0&uid=beacon`, {
      headers: { 'content-type': FORM, origin: 'https://shop.example' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example');
    const [hit] = await t.hits('&param.uid=beacon');
    expect(hit?.outcome).toBe('recorded');
  });

  it('answers a CORS preflight with 204 and Matomo’s headers, tracking nothing', async () => {
    const before = (await t.summary()).hits;
    const answer = await t.send('OPTIONS', `/matomo.php?${PAGEVIEW}`, {
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-methods']).toBe('GET, POST');
    expect(answer.headers['access-control-allow-headers']).toBe('*');
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect((await t.summary()).hits).toBe(before);
  });

  it('tracks HEAD requests, answering headers only', async () => {
    const answer = await t.send('HEAD', `/matomo.php?${PAGEVIEW}&uid=head`);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(0);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(await t.hits('&param.uid=head')).toHaveLength(1);
  });

  it('answers a bulk request with the exact JSON, invalid indices included', async () => {
    const body = JSON.stringify({
      requests: [
        '?idsite=1&rec=1&action_name=Bulk%20A&uid=bulk-json',
        '?idsite=0&rec=1&action_name=Bulk%20B&uid=bulk-json',
        '?idsite=1&rec=1&action_name=Bulk%20C&uid=bulk-json',
      ],
    });
    const answer = await t.send('POST', '/matomo.php', {
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.text).toBe('{"status":"success","tracked":2,"invalid":1,"invalid_indices":[1]}');
    const hits = await t.hits('&param.uid=bulk-json');
    expect(hits.map((h) => [h.index, h.outcome, h.batchSize, h.transport])).toEqual([
      [2, 'recorded', 3, 'bulk'],
      [1, 'rejected', 3, 'bulk'],
      [0, 'recorded', 3, 'bulk'],
    ]);
  });

  it('answers a bulk with send_image 0 (the JavaScript tracker’s queue) with 204', async () => {
    const body = JSON.stringify({
      requests: ['?idsite=1&rec=1&uid=queue', '?idsite=1&rec=1&uid=queue'],
      send_image: 0,
    });
    const answer = await t.send('POST', '/matomo.php', { body, headers: { 'content-type': FORM } });
    expect(answer.status).toBe(204);
    expect(answer.body.length).toBe(0);
    expect(await t.hits('&param.uid=queue')).toHaveLength(2);
  });

  it('serves the tracker paths /js/ and /js/tracker.php and paths under a prefix', async () => {
    for (const path of ['/js/', '/js/tracker.php', '/analytics/matomo.php']) {
      const answer = await t.send('GET', `${path}?${PAGEVIEW}`);
      expect(answer.status, path).toBe(200);
      expect(sha256(answer.body), path).toBe(GIF_SHA256);
    }
  });

  it('serves extra tracking paths from the settings', async () => {
    await t.api('/api/settings', { method: 'PUT', body: { extraTrackingPaths: ['/collect'] } });
    const answer = await t.send('GET', `/collect?${PAGEVIEW}`);
    expect(sha256(answer.body)).toBe(GIF_SHA256);
  });

  it('answers unknown paths with 404 text', async () => {
    const answer = await t.send('GET', '/nothing-here.php');
    expect(answer.status).toBe(404);
    expect(answer.text).toMatch(/matomo\.php/);
  });
});

describe('the tracker code', () => {
  it.each(['/matomo.js', '/piwik.js', '/analytics/matomo.js'])(
    'answers %s with a script that says Hitscope does not serve it',
    async (path) => {
      const answer = await t.send('GET', path);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/javascript; charset=utf-8');
      const script = answer.body.toString('utf8');
      expect(script).toMatch(/^console\.error\(/);
      expect(script).toContain('does not serve');
      expect(script).toContain(`setTrackerUrl', '${t.server.url}/matomo.php'`);
    },
  );
});
