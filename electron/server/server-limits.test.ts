// Limits and hostile input: every refusal is a 4xx that explains itself, is recorded as a
// failed request, and the server keeps answering afterwards.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';
import { DEFAULT_LIMITS } from './settings-validation';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    limits: {
      ...DEFAULT_LIMITS,
      maxBodyBytes: 64 * 1024,
      maxBulkEntries: 5,
      maxParamValueLength: 1000,
    },
    bodyIdleTimeoutMs: 300,
  });
});
afterAll(() => t.dispose());

async function stillServing() {
  const answer = await t.send('GET', '/matomo.php?idsite=1&rec=1');
  expect(answer.status).toBe(200);
}

async function expectFailed(code: string) {
  const failed = await t.lastFailed();
  expect(failed?.error?.code).toBe(code);
  expect(failed?.issues.map((issue) => issue.code)).toContain(code);
  return failed!;
}

describe('limits', () => {
  it('answers 413 for a body over the cap and records the request', async () => {
    const answer = await t.send('POST', '/matomo.php', {
      body: `idsite=1&rec=1&x=${'a'.repeat(70 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/at most 65536 bytes \(limits\.maxBodyBytes\)/);
    const failed = await expectFailed('limit.body_too_large');
    expect(failed.response.status).toBe(413);
    expect(failed.bodySize).toBeGreaterThan(64 * 1024);
    await stillServing();
  });

  it('answers 413 for a streamed (chunked) body that grows past the cap', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.url}/matomo.php`, { method: 'POST', agent: false });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write('x'.repeat(10 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    await expectFailed('limit.body_too_large');
  });

  it('answers 414 for a URL over the cap', async () => {
    const answer = await t.send('GET', `/matomo.php?idsite=1&rec=1&url=${'a'.repeat(9000)}`);
    expect(answer.status).toBe(414);
    expect(answer.text).toMatch(/limits\.maxUrlLength/);
    const failed = await expectFailed('limit.url_too_long');
    expect(failed.query.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxUrlLength);
    await stillServing();
  });

  it('answers 413 with a JSON error for a bulk over the entry cap, tracking nothing', async () => {
    const before = (await t.summary()).hits;
    const requests = Array.from({ length: 6 }, () => '?idsite=1&rec=1');
    const answer = await t.send('POST', '/matomo.php', {
      body: JSON.stringify({ requests }),
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'error',
      tracked: 0,
      invalid: 0,
      message: expect.stringMatching(/6 entries; this server accepts at most 5/) as string,
    });
    expect((await t.summary()).hits).toBe(before);
    await expectFailed('limit.bulk_entries');
  });

  it('answers 413 for a parameter value over the cap', async () => {
    const answer = await t.send('POST', '/matomo.php', {
      body: `idsite=1&rec=1&action_name=${'n'.repeat(1500)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/"action_name" is 1500 characters/);
    await expectFailed('limit.param_value');
  });

  it('answers 408 for an upload that stalls, and records it', async () => {
    const reply = await t.raw(
      'POST /matomo.php HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nidsite=1&rec=1',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(reply).toMatch(/upload stalled/);
    const failed = await expectFailed('request.timeout');
    expect(failed.body).toBe('idsite=1&rec=1');
  });

  it('records an upload the client aborts', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${t.url}/matomo.php`, {
        method: 'POST',
        agent: false,
        headers: { 'content-length': 1000 },
      });
      req.on('error', () => resolve());
      req.write('idsite=1&rec=1&action_name=aborted');
      setTimeout(() => req.destroy(), 50);
    });
    await expect.poll(async () => (await t.lastFailed())?.error?.code).toBe('request.aborted');
    await stillServing();
  });
});

describe('garbage input', () => {
  it('answers malformed bulk JSON with a 4xx or the Matomo answer, never a 500', async () => {
    for (const body of [
      '{"requests":[',
      '{"requests": "nope"}',
      "{'requests':[1,2]}",
      '{"requests":[{"idsite":{"$gt":1}}]}',
    ]) {
      const answer = await t.send('POST', '/matomo.php', {
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, body).toBeLessThan(500);
    }
    await stillServing();
  });

  it('survives binary garbage and broken encodings in bodies and queries', async () => {
    for (let i = 0; i < 20; i++) {
      const body = randomBytes(200 + i * 50);
      const answer = await t.send('POST', '/matomo.php?idsite=1&rec=1', {
        body,
        headers: {
          'content-type': i % 2 ? 'application/x-www-form-urlencoded' : 'application/octet-stream',
        },
      });
      expect(answer.status).toBeLessThan(500);
    }
    for (const query of [
      'idsite=1&rec=1&url=%E0%A4%A',
      'idsite=1&rec=1&action_name=%FF%FE',
      '%%%=&&&==',
      'a[=1&b]=2&c[][]=3',
    ]) {
      const answer = await t.send('GET', `/matomo.php?${query}`);
      expect(answer.status, query).toBeLessThan(500);
    }
    await stillServing();
  });

  it('keeps a non-UTF-8 body as base64 in the record', async () => {
    const body = Buffer.from([0x69, 0x64, 0x73, 0x69, 0x74, 0x65, 0x3d, 0x31, 0xff, 0xfe, 0x00]);
    await t.send('POST', '/matomo.php?uid=binary-body&idsite=1&rec=1', { body });
    const [hit] = await t.hits('&param.uid=binary-body');
    const record = await t.request(hit!.requestId);
    expect(record.bodyEncoding).toBe('base64');
    expect(Buffer.from(record.body, 'base64')).toEqual(body);
  });

  it('answers bytes that are not HTTP with 400 and records them', async () => {
    const reply = await t.raw(
      Buffer.concat([Buffer.from('\x16\x03\x01\x02\x00\x01\x00'), randomBytes(64)]),
    );
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    const failed = await expectFailed('http.malformed');
    expect(failed.bodyEncoding).toBe('base64');
    await stillServing();
  });

  it('answers 431 for headers beyond what the parser accepts', async () => {
    const reply = await t.raw(
      `GET /matomo.php HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1100 * 1024)}\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    await stillServing();
  });

  it('counts failed requests in the summary', async () => {
    const before = (await t.summary()).failedRequests;
    expect((await t.send('GET', `/matomo.php?idsite=1&url=${'a'.repeat(9000)}`)).status).toBe(414);
    expect(await t.raw('NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect((await t.summary()).failedRequests).toBe(before + 2);
  });
});
