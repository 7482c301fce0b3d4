// POST /api/import on a real capture server, what goes wrong: bad NDJSON lines and HAR
// entries skipped with their reason while the rest is imported, requests over a limit stored
// as failed, outcomes that changed on the way, and file-level errors.
import { describe, expect, it } from 'vitest';
import type { HitDto, RequestRecordDto, RequestsPageDto } from '../../../shared/api/types';
import { call } from '../../../test-support/admin/http-call';
import {
  BROWSER_UA as UA,
  byTime,
  useImportTestServer,
} from '../../../test-support/capture/import-client';
import { TEST_TOKEN } from '../../../test-support/capture/server-harness';
import { DEFAULT_LIMITS } from '../settings-validation';

const { t, client } = useImportTestServer({
  limits: { ...DEFAULT_LIMITS, maxBodyBytes: 64 * 1024 },
});

const postImport = (body: unknown) => client.post(body);
const importFile = (content: string, name?: string) => client.importFile(content, name);
const exportText = (format: 'ndjson' | 'har') => client.exportText(format);

describe('POST /api/import: bad lines and entries', () => {
  it('skips each bad NDJSON line with its line number and reason, and imports the rest', async () => {
    const good = JSON.stringify({
      method: 'GET',
      path: '/matomo.php',
      query: 'idsite=1&rec=1&action_name=Kept',
      headers: { 'User-Agent': UA },
      ts: '2026-03-01T10:00:00.000Z',
    });
    const exported = (await importAndExportOne()).trim();
    const hit = JSON.parse(exported) as HitDto;
    const lines = [
      good,
      '{"method": "GET", "path": ',
      '[1, 2, 3]',
      '{"hello": "world"}',
      '',
      JSON.stringify({ ...hit, index: -1 }),
      exported,
      exported,
      JSON.stringify({ method: 'GET', path: '/app.js', query: '' }),
      JSON.stringify({ method: 'POST', path: '/matomo.php', body: '%%%', bodyEncoding: 'base64' }),
      JSON.stringify({
        method: 'GET',
        url: '/matomo.php?idsite=1&rec=1&action_name=ByUrl',
        ts: 'soon',
      }),
    ];
    await t.api('/api/reset', { method: 'POST', body: {} });
    const result = await importFile(lines.join('\r\n'));
    expect(result.requests).toBe(3);
    expect(result.hits).toBe(3);
    expect(result.skippedCount).toBe(7);
    expect(result.skipped.map((skip) => skip.line)).toEqual([2, 3, 4, 6, 8, 9, 10]);
    const reasons = Object.fromEntries(result.skipped.map((skip) => [skip.line, skip.reason]));
    expect(reasons[2]).toMatch(/^not JSON \(/);
    expect(reasons[3]).toBe('not a JSON object');
    expect(reasons[4]).toMatch(/neither an exported hit .* nor a captured request/);
    expect(reasons[6]).toBe('not a valid exported hit: index must be an integer of 0 or more');
    expect(reasons[8]).toMatch(/repeats the get request .* of line 7/);
    expect(reasons[9]).toMatch(/not a tracking request \(GET \/app\.js\)/);
    expect(reasons[10]).toBe(
      'not a valid captured request: its body is marked base64 but is not base64',
    );

    const hits = await t.hits();
    expect(hits.map((h) => h.params.action_name).sort()).toEqual(
      ['ByUrl', 'Kept', hit.params.action_name].sort(),
    );
    const kept = hits.find((h) => h.params.action_name === 'Kept')!;
    expect(kept.receivedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(kept.userAgent).toBe(UA);
    // An unreadable time: the import time, and the request says so.
    const byUrl = hits.find((h) => h.params.action_name === 'ByUrl')!;
    expect(Date.now() - Date.parse(byUrl.receivedAt)).toBeLessThan(60_000);
    const request = await t.request(byUrl.requestId);
    expect(request.issues.find((i) => i.code === 'request.imported')?.message).toMatch(
      /line 11.*Its time "soon" could not be read; the import time is used\./,
    );
  });

  it('imports the tracking requests of a browser HAR and skips the rest by entry', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'Browser', version: '1' },
        entries: [
          harEntry('GET', 'https://shop.example/app.js'),
          harEntry('GET', 'https://stats.example/matomo.php?idsite=1&rec=1&action_name=FromHar#x', {
            startedDateTime: '2026-02-02T08:00:00.000Z',
          }),
          { startedDateTime: '2026-02-02T08:00:01.000Z' },
          harEntry('POST', 'https://stats.example/js/tracker.php', {
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              text: 'idsite=1&rec=1&e_c=A&e_a=B',
            },
          }),
          harEntry('POST', 'https://stats.example/matomo.php', {
            postData: { mimeType: 'text/plain', params: [], _truncated: true },
          }),
        ],
      },
    };
    const result = await importFile(JSON.stringify(har, null, 2), 'page.har');
    expect(result).toMatchObject({ format: 'har', requests: 2, hits: 2, skippedCount: 3 });
    expect(result.skipped).toEqual([
      {
        entry: 1,
        reason: expect.stringMatching(
          /not a tracking request \(GET \/app\.js\)/,
        ) as unknown as string,
      },
      { entry: 3, reason: 'the entry has no request' },
      {
        entry: 5,
        reason: 'its body was cut when it was exported, so the request cannot be analysed again',
      },
    ]);
    const hits = (await t.hits()).sort(byTime);
    expect(hits.map((h) => [h.type, h.transport, h.path])).toEqual([
      ['pageview', 'get', '/matomo.php'],
      ['event', 'post', '/js/tracker.php'],
    ]);
    expect(hits[0]!.receivedAt).toBe('2026-02-02T08:00:00.000Z');
    expect(hits[0]!.userAgent).toBe(UA);
  });
});

describe('POST /api/import: what the browser recorded', () => {
  it('keeps a browser HAR’s answers and stores blocked requests as failed, not as hits', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        entries: [
          harEntry('GET', 'https://stats.example/matomo.php?idsite=1&rec=1&action_name=Blocked', {
            time: 3,
            response: {
              status: 0,
              statusText: '',
              headers: [],
              content: { size: 0, mimeType: 'x-unknown' },
              _error: 'net::ERR_BLOCKED_BY_CLIENT',
            },
          }),
          harEntry('GET', 'https://stats.example/matomo.php?idsite=1&rec=1&action_name=Answered', {
            time: 35.4,
            response: {
              status: 204,
              statusText: 'No Content',
              headers: [{ name: 'Cache-Control', value: 'no-store' }],
              content: { size: 0, mimeType: '' },
            },
          }),
        ],
      },
    };
    const result = await importFile(JSON.stringify(har), 'blocked.har');
    expect(result).toMatchObject({ requests: 2, hits: 1, failedRequests: 1 });
    const [hit] = await t.hits('&q=Answered');
    expect(hit).toBeDefined();
    expect((await t.hits('&q=Blocked')).length).toBe(0);
    const answered = await t.request(hit!.requestId);
    expect(answered.response).toMatchObject({
      status: 204,
      durationMs: 35,
      headers: { 'cache-control': 'no-store' },
    });
    const note = answered.issues.find((issue) => issue.code === 'request.imported');
    expect(note?.message).toMatch(
      /answer shown is the one the browser recorded \(HTTP 204 in 35 ms\); Matomo 5 would answer 200/,
    );
    const blocked = await t.lastFailed();
    expect(blocked?.error?.code).toBe('browser.not_sent');
    expect(blocked?.error?.message).toMatch(
      /^Blocked by the browser \(net::ERR_BLOCKED_BY_CLIENT\): an ad blocker/,
    );
    expect(blocked?.response.status).toBe(0);
    expect(blocked?.imported?.source).toBe('har');
  });
});

describe('POST /api/import: limits and refusals', () => {
  it('stores a request over a limit as failed, like the tracking endpoint, and lists it', async () => {
    const line = JSON.stringify({
      method: 'POST',
      path: '/matomo.php',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `idsite=1&rec=1&x=${'a'.repeat(70 * 1024)}`,
      ts: '2026-04-04T04:04:04.000Z',
    });
    const result = await importFile(line, 'big.ndjson');
    expect(result).toMatchObject({ requests: 1, hits: 0, failedRequests: 1, skippedCount: 0 });
    const page = (
      await call(`${t.url}/api/requests?failed=1`, { token: TEST_TOKEN })
    ).json<RequestsPageDto>();
    expect(page.total).toBe(1);
    const failed = page.requests[0] as RequestRecordDto;
    expect(failed.error?.code).toBe('limit.body_too_large');
    expect(failed.response.status).toBe(413);
    expect(failed.receivedAt).toBe('2026-04-04T04:04:04.000Z');
    expect(failed.imported?.file).toBe('big.ndjson');
    expect(failed.issues.map((i) => i.code)).toEqual(['limit.body_too_large', 'request.imported']);
  });

  it('says when a re-analysed hit gets another outcome than it had in the file', async () => {
    const exported = JSON.parse((await importAndExportOne()).trim()) as HitDto;
    await t.api('/api/reset', { method: 'POST', body: {} });
    await importFile(JSON.stringify({ ...exported, outcome: 'excluded' }));
    const [hit] = await t.hits();
    const request = await t.request(hit!.requestId);
    const note = request.issues.find((i) => i.code === 'request.imported');
    expect(note?.severity).toBe('warning');
    expect(note?.message).toMatch(/hit 0: excluded in the file, recorded now/);
  });

  it('lists the outcome changes and the masked tokens in its answer', async () => {
    await t.api('/api/reset', { method: 'POST', body: {} });
    await t.send(
      'GET',
      '/matomo.php?idsite=1&rec=1&action_name=Masked&cip=198.51.100.7&token_auth=0123456789abcdef0123456789abcdef',
      {
        headers: { 'user-agent': UA },
      },
    );
    const exported = JSON.parse((await exportText('ndjson')).trim()) as HitDto;
    expect(exported.params.token_auth).toBe('********');
    await t.api('/api/reset', { method: 'POST', body: {} });
    const result = await importFile(
      JSON.stringify({ ...exported, outcome: 'excluded' }),
      'masked.ndjson',
    );
    expect(result.maskedTokens).toBe(1);
    expect(result.changedCount).toBe(1);
    expect(result.changed).toEqual([
      { line: 1, index: 0, was: 'excluded', now: expect.any(String), why: expect.any(String) },
    ]);
    const [hit] = await t.hits();
    const note = (await t.request(hit!.requestId)).issues.find(
      (i) => i.code === 'request.imported',
    );
    expect(note?.message).toMatch(/token_auth is a mask from an export or a copy/);
  });
});

describe('POST /api/import: errors', () => {
  it('refuses what is not an import body or not an import file, with a clear message', async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{}, 400, 'body.invalid', /content must be the text/],
      [{ content: 'x', name: 3 }, 400, 'body.invalid', /name must be a text/],
      [{ content: '  \n' }, 400, 'import.format', /The file is empty/],
      [
        { content: 'time,type\n1,pageview\n' },
        400,
        'import.format',
        /neither NDJSON nor HAR \(line 1 is not JSON/,
      ],
      [{ content: '{\n  "log": {\n' }, 400, 'import.format', /not valid JSON/],
      [{ content: '{"log": {"version": "1.2"}}' }, 400, 'import.format', /no log\.entries/],
    ];
    for (const [body, status, code, message] of cases) {
      const answer = await postImport(body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      const error = answer.json<{ error: { code: string; message: string } }>().error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect((await t.summary()).requests).toBe(0);
  });

  it('answers 413 with what to do for a file over the import cap, before reading it', async () => {
    const text = await t.raw(
      'POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100000000\r\n\r\n{"content":"',
    );
    expect(text).toMatch(/^HTTP\/1\.1 413/);
    expect(text).toContain('"code":"import.too_large"');
    expect(text).toMatch(/larger than 64 MiB .*split it/);
  });
});

function harEntry(method: string, url: string, extra: Record<string, unknown> = {}) {
  const { postData, ...rest } = extra;
  return {
    startedDateTime: '2026-02-02T08:00:00.500Z',
    time: 12,
    request: {
      method,
      url,
      httpVersion: 'HTTP/2',
      headers: [
        { name: ':authority', value: 'stats.example' },
        { name: 'User-Agent', value: UA },
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
      ...(postData ? { postData } : {}),
    },
    response: { status: 204, headers: [], content: { size: 0, mimeType: '' } },
    ...rest,
  };
}

/** One tracked GET, exported as NDJSON (one line). */
async function importAndExportOne(): Promise<string> {
  await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Exported', {
    headers: { 'user-agent': UA },
  });
  return exportText('ndjson');
}
