import { beforeAll, describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';
import { CSV_COLUMNS, csvCell } from './export-csv';
import { maskJsonText, maskQueryText, TOKEN_MASK } from './mask-tokens';

interface HarEntry {
  startedDateTime: string;
  request: {
    method: string;
    url: string;
    headers: { name: string; value: string }[];
    queryString: { name: string; value: string }[];
    postData: { mimeType: string; text: string };
  };
  response: { status: number; content: { mimeType: string; text?: string } };
  timings: { wait: number };
  _hitscope: { requestId: string; error?: { code: string } };
}

const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const server = useAdminTestServer();

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, second)).toISOString();

beforeAll(async () => {
  const plain = makeCapture(
    { params: { idsite: '1', rec: '1', action_name: '=HYPERLINK("x")' }, receivedAt: at(1) },
    { receivedAt: at(1) },
  );
  await server.store.add(plain.request, plain.hits);
  // Refused before analysis: no hit, but a request with its answer.
  const refused = makeRequest({
    id: 'refused-1',
    receivedAt: at(2),
    method: 'POST',
    error: { code: 'body.too_large', message: 'The body is larger than the limit.' },
    response: {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      contentType: 'text/plain; charset=utf-8',
      body: 'The body is larger than the limit.',
      bodyKind: 'text',
      durationMs: 0.5,
    },
  });
  await server.store.add(refused, []);
  const params = { idsite: '1', rec: '1', cip: '10.0.0.1', token_auth: SECRET };
  const withToken = makeCapture(
    {
      params,
      rawQuery: `idsite=1&rec=1&cip=10.0.0.1&token_auth=${SECRET}`,
      type: 'event',
      occurrences: [
        { name: 'token_auth', value: SECRET, raw: `token_auth=${SECRET}`, source: 'query' },
      ],
      decoded: {
        token_auth: {
          name: 'token_auth',
          raw: SECRET,
          value: SECRET,
          display: SECRET,
          catalogueKey: 'token_auth',
        },
      },
      summary: 'Video, "quoted"\nline',
      receivedAt: at(3),
    },
    {
      receivedAt: at(3),
      method: 'POST',
      body: `{"requests":["?idsite=1&rec=1"],"token_auth":"${SECRET}"}`,
      bodySize: 60,
      headers: {
        host: '127.0.0.1:8765',
        'content-type': 'application/json',
        authorization: 'Basic abc',
      },
      transport: 'bulk',
    },
  );
  await server.store.add(withToken.request, withToken.hits);
});

const exportAs = (query: string) =>
  call(`${server.base}/api/export?${query}`, { token: TEST_TOKEN });

describe('GET /api/export', () => {
  it('exports NDJSON hits, oldest first, with token_auth masked', async () => {
    const res = await exportAs('format=ndjson');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="hitscope-.*\.ndjson"$/,
    );
    const lines = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as HitDto);
    expect(lines).toHaveLength(2);
    expect(lines.map((hit) => hit.receivedAt)).toEqual([at(1), at(3)]);
    expect(lines[1]?.params.token_auth).toBe(TOKEN_MASK);
    expect(lines[1]?.rawQuery).toBe(`idsite=1&rec=1&cip=10.0.0.1&token_auth=${TOKEN_MASK}`);
    expect(lines[1]?.decoded.token_auth?.display).toBe(TOKEN_MASK);
    expect(lines[1]?.occurrences[0]).toMatchObject({
      value: TOKEN_MASK,
      raw: `token_auth=${TOKEN_MASK}`,
    });
    expect(res.text).not.toContain(SECRET);
  });

  it('reveals tokens only when asked', async () => {
    const res = await exportAs('format=ndjson&revealTokens=1');
    expect(res.text).toContain(SECRET);
  });

  it('applies the /api/hits filters', async () => {
    const res = await exportAs('format=ndjson&type=event');
    expect(res.text.trimEnd().split('\n')).toHaveLength(1);
    expect((await exportAs('type=goal')).text).toBe('');
    expect((await exportAs('format=xml')).status).toBe(400);
    expect((await exportAs('outcome=nope')).status).toBe(400);
    // HAR: the requests carrying a matching hit; a refused request carries none.
    const har = (await exportAs('format=har&type=event')).json<{ log: { entries: HarEntry[] } }>();
    expect(har.log.entries.map((entry) => entry.request.method)).toEqual(['POST']);
  });

  it('exports a HAR 1.2 log of every request, oldest first, refused ones included', async () => {
    const res = await exportAs('format=har');
    expect(res.headers['content-disposition']).toMatch(/\.har"$/);
    const har = res.json<{
      log: { version: string; creator: { name: string }; entries: HarEntry[] };
    }>();
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('Hitscope');
    expect(har.log.entries).toHaveLength(3);
    const [get, refused, bulk] = har.log.entries;
    expect(har.log.entries.map((entry) => entry.startedDateTime)).toEqual([at(1), at(2), at(3)]);
    expect(refused?.response.status).toBe(413);
    expect(refused?.response.content.text).toBe('The body is larger than the limit.');
    expect(refused?._hitscope).toMatchObject({
      requestId: 'refused-1',
      error: { code: 'body.too_large' },
    });
    for (const entry of [get, bulk]) {
      if (!entry) throw new Error('entry missing');
      expect(typeof entry.startedDateTime).toBe('string');
      expect(entry.request.url).toMatch(/^http:\/\/127\.0\.0\.1:8765\/matomo\.php/);
      expect(Array.isArray(entry.request.headers)).toBe(true);
      expect(Array.isArray(entry.request.queryString)).toBe(true);
      expect(entry.response.content.mimeType).toBe('image/gif');
      expect(entry.timings.wait).toBeGreaterThanOrEqual(0);
    }
    expect(bulk?.request.method).toBe('POST');
    expect(bulk?.request.postData.mimeType).toBe('application/json');
    expect(bulk?.request.postData.text).toBe(
      `{"requests":["?idsite=1&rec=1"],"token_auth":"${TOKEN_MASK}"}`,
    );
    expect(bulk?.request.headers).toContainEqual({ name: 'authorization', value: TOKEN_MASK });
    expect(bulk?.request.url).not.toContain(SECRET);
    expect(get?.request.queryString).toContainEqual({ name: 'idsite', value: '1' });
    expect(res.text).not.toContain(SECRET);
  });

  it('exports CSV with a header row, quoting and formula-safe cells', async () => {
    const res = await exportAs('format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rest] = res.text.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(res.text).toContain('"Video, ""quoted""\nline"');
    expect(res.text).toContain(`'=HYPERLINK(""x"")`);
    // Rows end in CRLF; the quoted summary keeps its bare LF inside one cell.
    expect(rest.filter(Boolean)).toHaveLength(2);
    expect(rest[0]).toMatch(new RegExp(`^${at(1)},`));
    expect(res.text).not.toContain(SECRET);
  });
});

describe('masking helpers', () => {
  it('masks token_auth in query text and JSON text only', () => {
    expect(maskQueryText(`a=1&token_auth=${SECRET}&b=2`)).toBe(`a=1&token_auth=${TOKEN_MASK}&b=2`);
    expect(maskQueryText(`token_auth=${SECRET}`)).toBe(`token_auth=${TOKEN_MASK}`);
    expect(maskQueryText('my_token_auth=x&token_auth=')).toBe('my_token_auth=x&token_auth=');
    expect(maskJsonText(`{"token_auth" : "a\\"b", "requests":["?x=1&token_auth=${SECRET}"]}`)).toBe(
      `{"token_auth" : "${TOKEN_MASK}", "requests":["?x=1&token_auth=${TOKEN_MASK}"]}`,
    );
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});
