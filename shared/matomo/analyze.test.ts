// End to end: raw HTTP request → hits with types, outcomes and issues → the answer Matomo
// would give. The docs/tracking-protocol.md#acceptance-cases cases that need no database, as the whole pipeline sees them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRequest, type AnalyzeContext } from './analyze';
import { TRACKING_GIF_CONTENT_TYPE } from './gif';
import type { RawRequest, SiteProfile } from './types';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
const NOW_SECONDS = NOW / 1000;
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const SUPER_TOKEN = '0123456789abcdef0123456789abcdef';
const SITE_1: SiteProfile = {
  idsite: 1,
  name: 'Example',
  urls: ['http://example.org'],
  goals: [1],
  dimensions: [1],
  siteSearch: false,
  tokens: [SUPER_TOKEN],
};

const utf8 = (text: string) => new TextEncoder().encode(text);

function raw(parts: Partial<Omit<RawRequest, 'body'>> & { body?: string }): RawRequest {
  return {
    method: parts.method ?? 'GET',
    path: '/matomo.php',
    query: parts.query ?? '',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0', ...parts.headers },
    body: utf8(parts.body ?? ''),
  };
}

function analyze(request: RawRequest, ctx: Partial<AnalyzeContext> = {}) {
  return analyzeRequest(request, { now: NOW, sites: [], ...ctx });
}

const get = (query: string, ctx: Partial<AnalyzeContext> = {}) => analyze(raw({ query }), ctx);
const bulk = (body: unknown, ctx: Partial<AnalyzeContext> = {}) =>
  analyze(raw({ method: 'POST', body: JSON.stringify(body) }), ctx);
const codesOf = (issues: { code: string }[]) => issues.map((issue) => issue.code);

const CASE_1 = 'idsite=1&rec=1&action_name=Test&url=http://example.org/';

describe('the seed example', { timeout: 30_000 }, () => {
  it('reports the curly-quoted _cvar, the × in res, the raw spaces and the legacy params', () => {
    const text = readFileSync(
      new URL('./__fixtures__/seed-example-request.txt', import.meta.url),
      'utf8',
    ).trim();
    expect(text.startsWith('http://piwik-server/piwik.php?')).toBe(true);
    const query = text.slice(text.indexOf('?') + 1);
    const analysis = analyze({ ...raw({ query }), path: '/piwik.php' });
    expect(analysis.hits).toHaveLength(1);
    const hit = analysis.hits[0];
    expect(hit?.outcome).toBe('recorded');
    expect(hit?.type).toBe('pageview');
    const found = (hit?.issues ?? []).map((issue) => `${issue.code}:${issue.param}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'json.invalid:_cvar',
        'res.format:res',
        'encoding.unescaped:action_name',
        'encoding.unescaped:url',
        'encoding.unescaped:_cvar',
        'param.legacy:rand',
        'param.legacy:apiv',
        'param.legacy:_idvc',
      ]),
    );
    const spaces = hit?.issues.find((issue) => issue.param === 'url');
    expect(spaces?.message).toContain('raw spaces');
    expect(analysis.response.status).toBe(200);
  });
});

describe('single requests', () => {
  it('acceptance case 1: recorded pageview, 200 GIF', () => {
    const analysis = get(CASE_1);
    expect(analysis.hits.map((h) => [h.type, h.outcome, h.summary !== ''])).toEqual([
      ['pageview', 'recorded', true],
    ]);
    expect(analysis.hits[0]?.device.browser).toBe('Firefox');
    expect(analysis.response).toMatchObject({
      status: 200,
      contentType: TRACKING_GIF_CONTENT_TYPE,
      bodyKind: 'gif',
    });
  });

  it('acceptance case 2: send_image=0 → 204', () => {
    expect(get(`${CASE_1}&send_image=0`).response.status).toBe(204);
  });

  it('acceptance cases 3–5: unknown, zero and negative idsite are rejected with 400', () => {
    expect(get('idsite=100&rec=1', { sites: [SITE_1] }).hits[0]?.issues[0]?.code).toBe(
      'idsite.unknown',
    );
    for (const idsite of ['0', '-1']) {
      const analysis = get(`idsite=${idsite}&rec=1&url=http://example.org/`);
      expect(analysis.hits[0]?.outcome).toBe('rejected');
      expect(analysis.response.status).toBe(400);
      expect(analysis.response.body).toContain('idsite.invalid');
    }
  });

  it('acceptance case 6: an unknown goal → 400', () => {
    const analysis = get(`${CASE_1}&idgoal=9999`, { sites: [SITE_1] });
    expect(codesOf(analysis.hits[0]?.issues ?? [])).toContain('idgoal.unknown');
    expect(analysis.response.status).toBe(400);
  });

  it('acceptance case 7: cid of 16 characters passes, 17 is rejected', () => {
    expect(get(`${CASE_1}&cid=0123456789abcdef`).response.status).toBe(200);
    const long = get(`${CASE_1}&cid=0123456789abcdef0`);
    expect(long.response.status).toBe(400);
    expect(long.hits[0]?.issues[0]?.code).toBe('cid.length');
  });

  it('acceptance case 8: a parameterless GET is no hit, 200 with our text', () => {
    const analysis = get('');
    expect(analysis.hits).toEqual([]);
    expect(codesOf(analysis.parsed.issues)).toEqual(['request.empty']);
    expect(analysis.response).toMatchObject({ status: 200, bodyKind: 'text' });
  });

  it('acceptance case 9: ?rec=1 without idsite → 400, GIF followed by our text', () => {
    const analysis = get('rec=1');
    expect(analysis.hits[0]?.issues[0]?.code).toBe('idsite.missing');
    expect(analysis.response).toMatchObject({ status: 400, bodyKind: 'gif' });
    expect(analysis.response.body).toContain('idsite.missing');
  });

  it('acceptance cases 11, 17: an old cdt or a cip without token → 400', () => {
    expect(get(`${CASE_1}&cdt=${NOW_SECONDS - 86500}`).response.status).toBe(400);
    expect(get(`${CASE_1}&cdt=${NOW_SECONDS - 5}`).response.status).toBe(200);
    expect(get(`${CASE_1}&cip=192.192.192.192`).hits[0]?.issues[0]?.code).toBe('auth.required');
  });

  it('acceptance case 22: a bot user agent is excluded, yet answered like a success', () => {
    const analysis = get(`${CASE_1}&ua=Googlebot&bots=0`);
    expect(analysis.hits[0]?.outcome).toBe('excluded');
    expect(analysis.hits[0]?.device.bot).toBe(true);
    expect(analysis.response).toMatchObject({ status: 200, bodyKind: 'gif' });
    expect(get(`${CASE_1}&ua=Googlebot&bots=1`).hits[0]?.outcome).toBe('recorded');
  });

  it('acceptance case 29: a preflight is answered 204 and tracks nothing', () => {
    const analysis = analyze(
      raw({
        method: 'OPTIONS',
        query: CASE_1,
        headers: { 'access-control-request-method': 'POST' },
      }),
    );
    expect(analysis.hits).toEqual([]);
    expect(analysis.response.status).toBe(204);
    expect(analysis.response.headers['access-control-allow-methods']).toBe('GET, POST');
  });

  it('acceptance case 30: GET idsite=1 + POST url=… is one recorded hit, 200 GIF', () => {
    const analysis = analyze(
      raw({
        method: 'POST',
        query: 'idsite=1&rec=1',
        body: 'url=http://localhost/post',
        headers: { 'content-type': FORM },
      }),
    );
    expect(analysis.hits).toHaveLength(1);
    expect(analysis.hits[0]?.params).toEqual({
      idsite: '1',
      rec: '1',
      url: 'http://localhost/post',
    });
    expect(analysis.hits[0]?.outcome).toBe('recorded');
    expect(analysis.response).toMatchObject({ status: 200, bodyKind: 'gif' });
  });

  it('site search disabled in the profile makes a search hit a page view', () => {
    const query = 'idsite=1&rec=1&url=http://example.org/&search=shoes';
    expect(get(query).hits[0]?.type).toBe('site_search');
    expect(get(query, { sites: [SITE_1] }).hits[0]?.type).toBe('pageview');
  });

  it('a JSON parameter nested deeper than PHP decodes is invalid JSON, not a crash', () => {
    const deep = encodeURIComponent('['.repeat(50_000) + ']'.repeat(50_000));
    const analysis = get(`${CASE_1}&idgoal=0&ec_id=A1&revenue=5&ec_items=${deep}`);
    expect(analysis.hits[0]?.issues.map((issue) => `${issue.code}:${issue.param}`)).toContain(
      'json.invalid:ec_items',
    );
  });

  it('predicts the debug answer when asked', () => {
    const request = raw({ query: `${CASE_1}&debug=1` });
    const analysis = analyzeRequest(request, { now: NOW, sites: [] }, { debug: true });
    expect(analysis.parsed.debugRequested).toBe(true);
    expect(analysis.response.bodyKind).toBe('debug');
  });
});

describe('bulk requests', () => {
  const page = (idsite: number | string, extra = '') =>
    `?idsite=${idsite}&rec=1&url=http%3A%2F%2Fexample.org%2F&action_name=Bulk${extra}`;

  it('acceptance case 32: a bulk with a token answers success JSON', () => {
    const analysis = bulk({
      requests: [page(1), page(1)],
      token_auth: '33dc3f2536d3025974cccb4b4d2d98f4',
    });
    expect(JSON.parse(analysis.response.body ?? '')).toMatchObject({ status: 'success' });
  });

  it('acceptance case 33: two valid entries', () => {
    expect(bulk({ requests: [page(1), page(1)] }).response.body).toBe(
      '{"status":"success","tracked":2,"invalid":0,"invalid_indices":[]}',
    );
  });

  it('acceptance case 34: idsites 1 and -100', () => {
    const analysis = bulk({ requests: [page(1), page(-100)], token_auth: SUPER_TOKEN });
    expect(analysis.response.body).toBe(
      '{"status":"success","tracked":1,"invalid":1,"invalid_indices":[1]}',
    );
  });

  it('acceptance case 35: valid, valid, site 5, valid, cid=abc, site 7', () => {
    const analysis = bulk(
      {
        requests: [page(1), page(1), page(5), page(1), page(1, '&cid=abc'), page(7)],
        token_auth: SUPER_TOKEN,
      },
      { sites: [SITE_1] },
    );
    expect(analysis.hits.map((hit) => hit.outcome)).toEqual([
      'recorded',
      'recorded',
      'rejected',
      'recorded',
      'rejected',
      'rejected',
    ]);
    expect(analysis.response.body).toBe(
      '{"status":"success","tracked":3,"invalid":3,"invalid_indices":[2,4,5]}',
    );
  });

  it('acceptance case 37: dropped items get no index and are reported on the request', () => {
    const analysis = bulk({
      requests: ['piwik.php?idsite=1', '', 'piwik.php?idsite=3&rec=0', { idsite: '2' }],
    });
    expect(analysis.hits.map((hit) => [hit.index, hit.params])).toEqual([
      [0, { idsite: '1' }],
      [1, { idsite: '3', rec: '0' }],
      [2, { idsite: '2' }],
    ]);
    expect(codesOf(analysis.parsed.issues)).toEqual(['bulk.entry_dropped']);
  });

  it('empty items are hits counted as tracked (excluded), as Matomo counts them', () => {
    const analysis = bulk({ requests: [null, page(1)] });
    expect(analysis.hits.map((hit) => [hit.type, hit.outcome])).toEqual([
      ['unknown', 'excluded'],
      ['pageview', 'recorded'],
    ]);
    expect(codesOf(analysis.hits[0]?.issues ?? [])).toContain('request.empty');
    expect(JSON.parse(analysis.response.body ?? '')).toMatchObject({ tracked: 2, invalid: 0 });
  });

  it('token.in_url: a token_auth in the URL of a bulk POST leaks like any other (docs/tracking-protocol.md#bulk-request, #custom-time)', () => {
    const body = JSON.stringify({ requests: [page(1), page(1)] });
    const leaky = analyze(raw({ method: 'POST', query: `token_auth=${SUPER_TOKEN}`, body }));
    for (const hit of leaky.hits) {
      const issue = hit.issues.find((i) => i.code === 'token.in_url');
      expect(issue?.param).toBe('token_auth');
      expect(issue?.message).toContain('invalid_indices');
    }
    expect(codesOf(leaky.parsed.issues)).toEqual(['bulk.url_query_ignored']);
    // The URL token authenticates nothing: cip still needs the JSON (or entry) token.
    const cip = JSON.stringify({ requests: [page(1, '&cip=198.51.100.23')] });
    const unsigned = analyze(
      raw({ method: 'POST', query: `token_auth=${SUPER_TOKEN}`, body: cip }),
    );
    expect(unsigned.hits[0]?.outcome).toBe('rejected');
    // A token in the JSON body, or in an entry's own query, is not in a URL.
    const inBody = bulk({
      requests: [page(1, `&token_auth=${SUPER_TOKEN}`)],
      token_auth: SUPER_TOKEN,
    });
    expect(codesOf(inBody.hits[0]?.issues ?? [])).not.toContain('token.in_url');
  });

  it('the top-level token authenticates every entry; without it, cip is refused', () => {
    const withCip = page(1, '&cip=198.51.100.23');
    const signed = bulk({ requests: [withCip, withCip], token_auth: SUPER_TOKEN });
    expect(signed.hits.map((hit) => hit.outcome)).toEqual(['recorded', 'recorded']);
    const unsigned = bulk({ requests: [withCip] });
    expect(unsigned.hits[0]?.issues[0]?.code).toBe('auth.required');
  });

  it('an order id seen earlier in the same bulk is a duplicate; the caller set is untouched', () => {
    const order = (id: string) =>
      `?idsite=1&rec=1&url=http%3A%2F%2Fexample.org%2F&idgoal=0&ec_id=${id}&revenue=10`;
    const seenOrders = new Set(['1:OLD']);
    const analysis = bulk(
      { requests: [order('A'), order('A'), order('OLD'), order('B')] },
      {
        seenOrders,
      },
    );
    expect(analysis.hits.map((hit) => hit.outcome)).toEqual([
      'recorded',
      'rejected',
      'rejected',
      'recorded',
    ]);
    expect(analysis.hits[1]?.issues[0]?.code).toBe('ec_id.duplicate');
    expect([...seenOrders]).toEqual(['1:OLD']);
    const alone = bulk({ requests: [order('A'), order('A')] });
    expect(alone.hits.map((hit) => hit.outcome)).toEqual(['recorded', 'rejected']);
  });

  it('malformed bulk JSON: no hits, a request issue, success with nothing tracked', () => {
    const analysis = analyze(raw({ method: 'POST', body: '{"requests":["?idsite=1"' }));
    expect(analysis.hits).toEqual([]);
    expect(codesOf(analysis.parsed.issues)).toEqual(['bulk.json_invalid']);
    expect(analysis.response.body).toBe(
      '{"status":"success","tracked":0,"invalid":0,"invalid_indices":[]}',
    );
  });
});
