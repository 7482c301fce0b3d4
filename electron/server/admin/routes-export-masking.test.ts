import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { makeCapture, makeRequest } from '../../../test-support/admin/fixtures';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';
import { TOKEN_MASK } from './mask-tokens';

// One secret per place a token can hide, so a leak names the place that leaked.
const S = {
  query: 'aaaa0000aaaa0000aaaa0000aaaa0001',
  form: 'aaaa0000aaaa0000aaaa0000aaaa0002',
  bulk: 'aaaa0000aaaa0000aaaa0000aaaa0003',
  entry: 'aaaa0000aaaa0000aaaa0000aaaa0004',
  multipart: 'aaaa0000aaaa0000aaaa0000aaaa0005',
  binary: 'aaaa0000aaaa0000aaaa0000aaaa0006',
  referer: 'aaaa0000aaaa0000aaaa0000aaaa0007',
};
const server = useAdminTestServer();

function tokenHit(secret: string, raw: string, source: 'query' | 'body' | 'bulk') {
  return {
    params: { idsite: '1', rec: '1', token_auth: secret },
    rawQuery: `idsite=1&rec=1&${raw}`,
    occurrences: [{ name: 'token_auth', value: secret, raw, source }],
    decoded: {
      token_auth: {
        name: 'token_auth',
        raw: secret,
        value: secret,
        display: secret,
        catalogueKey: 'token_auth',
      },
    },
  };
}

beforeAll(async () => {
  // A GET with the name percent-encoded, answered with a debug log that quotes it.
  const query = `idsite=1&rec=1&token%5Fauth=${S.query}`;
  const get = makeCapture(tokenHit(S.query, `token%5Fauth=${S.query}`, 'query'), {
    query,
    url: `/matomo.php?${query}&debug=1`,
    headers: { host: '127.0.0.1:8765', referer: `https://shop.example/?token_auth=${S.referer}` },
    response: {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      contentType: 'text/plain; charset=utf-8',
      body: `Request\n  GET /matomo.php?${query}\n    token_auth = ${S.query}  → token\n`,
      bodyKind: 'debug',
      durationMs: 1,
    },
  });
  // A form POST with the escape in lower case.
  const form = makeCapture(tokenHit(S.form, `token%5fauth=${S.form}`, 'body'), {
    method: 'POST',
    query: '',
    url: '/matomo.php',
    headers: { host: '127.0.0.1:8765', 'content-type': 'application/x-www-form-urlencoded' },
    body: `idsite=1&rec=1&token%5fauth=${S.form}`,
  });
  // A bulk: the top-level key with a JSON escape, an entry with a percent-encoded name.
  const bulkBody = `{"requests":["?idsite=1&rec=1&token%5Fauth=${S.entry}"],"token\\u005fauth":"${S.bulk}"}`;
  const bulk = makeCapture(
    { ...tokenHit(S.entry, `token%5Fauth=${S.entry}`, 'bulk'), transport: 'bulk' },
    {
      method: 'POST',
      query: '',
      url: '/matomo.php',
      transport: 'bulk',
      headers: { host: '127.0.0.1:8765', 'content-type': 'application/json' },
      body: bulkBody,
    },
  );
  // Refused requests keep their body (and have no hit): a token in it must not leak either.
  const refusal = { code: 'body.too_large', message: 'Too large.' };
  const multipart = makeRequest({
    error: refusal,
    method: 'POST',
    query: '',
    url: '/matomo.php',
    headers: { 'content-type': 'multipart/form-data; boundary=B0' },
    body: `--B0\r\nContent-Disposition: form-data; name="token.auth"\r\n\r\n${S.multipart}\r\n--B0--\r\n`,
  });
  // Not UTF-8, so kept as base64; PHP still reads the token in it.
  const binary = makeRequest({
    error: refusal,
    method: 'POST',
    query: '',
    url: '/matomo.php',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`=1&token%5Fauth=${S.binary}`),
    ]).toString('base64'),
    bodyEncoding: 'base64',
  });
  for (const capture of [get, form, bulk]) await server.store.add(capture.request, capture.hits);
  for (const request of [multipart, binary]) await server.store.add(request, []);
});

const exportAs = (query: string) =>
  call(`${server.base}/api/export?${query}`, { token: TEST_TOKEN });

interface Har {
  log: { entries: { request: { postData?: { text: string; _encoding?: string } } }[] };
}

/** The HAR text with its base64 bodies decoded, where a token could hide from a text search. */
function harText(text: string): string {
  const har = JSON.parse(text) as Har;
  const decoded = har.log.entries.map((entry) => {
    const post = entry.request.postData;
    return post?._encoding === 'base64' ? Buffer.from(post.text, 'base64').toString('latin1') : '';
  });
  return [text, ...decoded].join('\n');
}

function leaks(text: string): string[] {
  return Object.entries(S)
    .filter(([, secret]) => text.includes(secret))
    .map(([place]) => place);
}

describe('GET /api/export masks token_auth under every name PHP reads as token_auth', () => {
  it('in NDJSON and CSV hits', async () => {
    for (const format of ['ndjson', 'csv']) {
      const res = await exportAs(`format=${format}`);
      expect(res.status).toBe(200);
      expect(leaks(res.text), format).toEqual([]);
      expect(res.text).toContain(`token%5Fauth=${TOKEN_MASK}`);
      expect(res.text).toContain(`token%5fauth=${TOKEN_MASK}`);
    }
  });

  it('in HAR requests: URL, form, bulk, multipart and binary bodies, headers, debug answers', async () => {
    const res = await exportAs('format=har');
    expect(leaks(harText(res.text))).toEqual([]);
    expect(res.json<Har>().log.entries).toHaveLength(5);
    const binary = harText(res.text).split('\n').at(-1);
    expect(binary).toBe(`\u00ff\u00fe=1&token%5Fauth=${TOKEN_MASK}`);
  });

  it('reveals them all when asked', async () => {
    const har = await exportAs('format=har&revealTokens=1');
    expect(leaks(harText(har.text)).sort()).toEqual(Object.keys(S).sort());
  });
});
