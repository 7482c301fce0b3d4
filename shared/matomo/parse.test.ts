import { describe, expect, it } from 'vitest';
import { bulkTokenAuth, parseBulkBody } from './bulk';
import { parseRequest } from './parse';
import type { RawRequest } from './types';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const utf8 = (text: string) => new TextEncoder().encode(text);

function request(parts: Partial<Omit<RawRequest, 'body'>> & { body?: string | Uint8Array }) {
  const body = parts.body ?? '';
  return parseRequest({
    method: parts.method ?? 'GET',
    path: parts.path ?? '/matomo.php',
    query: parts.query ?? '',
    headers: parts.headers ?? {},
    body: typeof body === 'string' ? utf8(body) : body,
  });
}

const post = (body: string, contentType = FORM, query = '') =>
  request({ method: 'POST', query, body, headers: { 'content-type': contentType } });

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('single requests', () => {
  it('GET: parameters from the query string', () => {
    const parsed = request({
      query: 'idsite=1&rec=1&action_name=Home+page&url=http%3A%2F%2Fa.b%2F',
    });
    expect(parsed).toMatchObject({ transport: 'get', method: 'GET', bulk: null, empty: false });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({
      index: 0,
      params: { idsite: '1', rec: '1', action_name: 'Home page', url: 'http://a.b/' },
      rawQuery: 'idsite=1&rec=1&action_name=Home+page&url=http%3A%2F%2Fa.b%2F',
      issues: [],
    });
  });

  it('accepts a query string with its leading "?"', () => {
    expect(request({ query: '?idsite=3' }).entries[0]?.params).toEqual({ idsite: '3' });
  });

  it('POST with a form body: transport post, parameters from the body', () => {
    const parsed = post('idsite=1&rec=1&e_c=Video&e_a=Play');
    expect(parsed.transport).toBe('post');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1', rec: '1', e_c: 'Video', e_a: 'Play' });
    expect(parsed.entries[0]?.occurrences.every((o) => o.source === 'body')).toBe(true);
  });

  it('sendBeacon shape: POST with an empty body and parameters in the URL', () => {
    const parsed = post('', FORM, 'idsite=1&rec=1&send_image=0');
    expect(parsed.transport).toBe('beacon');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1', rec: '1', send_image: '0' });
  });

  it('acceptance case 30: GET idsite=1 + POST url=… gives one request with both', () => {
    const parsed = post('url=http://localhost/post', FORM, 'idsite=1');
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1', url: 'http://localhost/post' });
    expect(parsed.entries[0]?.rawQuery).toBe('idsite=1&url=http://localhost/post');
    expect(parsed.transport).toBe('post');
  });

  it('docs/tracking-protocol.md#parameter-sources: the query string wins over the body, and the clash is reported', () => {
    const parsed = post('idsite=2&url=http://body/', FORM, 'idsite=1');
    const entry = parsed.entries[0];
    expect(entry?.params).toEqual({ idsite: '1', url: 'http://body/' });
    expect(entry?.occurrences.map((o) => [o.name, o.value, o.source])).toEqual([
      ['idsite', '1', 'query'],
      ['idsite', '2', 'body'],
      ['url', 'http://body/', 'body'],
    ]);
    expect(entry?.issues).toHaveLength(1);
    expect(entry?.issues[0]).toMatchObject({ code: 'param.duplicate', param: 'idsite' });
    expect(entry?.issues[0]?.message).toContain('URL query');
  });

  it('repeated keys: the last one wins, every occurrence is kept', () => {
    const entry = request({ query: 'idsite=1&idsite=2&idsite=3' }).entries[0];
    expect(entry?.params).toEqual({ idsite: '3' });
    expect(entry?.occurrences).toHaveLength(3);
    expect(entry?.issues.map((i) => [i.code, i.param])).toEqual([['param.duplicate', 'idsite']]);
    expect(entry?.issues[0]?.message).toContain('3 times');
  });

  it('PHP array and dotted names are kept as PHP registers them and reported', () => {
    const entry = request({ query: 'dimension[1]=a&action.name=Home' }).entries[0];
    expect(entry?.params).toEqual({ 'dimension[1]': 'a', action_name: 'Home' });
    expect(codes(entry?.issues ?? [])).toEqual(['param.array', 'param.name_mangled']);
  });

  it('a parameter called __proto__ is kept as data', () => {
    const params = request({ query: '__proto__=x&idsite=1' }).entries[0]?.params ?? {};
    expect(Object.keys(params)).toEqual(['__proto__', 'idsite']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(JSON.stringify(params)).toBe('{"__proto__":"x","idsite":"1"}');
  });

  it('a body that is not a form is ignored (Matomo reads no parameter from it)', () => {
    const parsed = post('idsite=1&rec=1', 'text/plain;charset=UTF-8', 'idsite=5');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '5' });
    expect(codes(parsed.entries[0]?.issues ?? [])).toEqual(['body.ignored']);
    expect(parsed.entries[0]?.issues[0]?.message).toContain('text/plain');
    expect(parsed.transport).toBe('post');
  });

  it('a form body on another method than POST is ignored, as PHP fills $_POST on POST only', () => {
    const parsed = request({
      method: 'PUT',
      query: 'idsite=1',
      body: 'rec=1',
      headers: { 'content-type': FORM },
    });
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1' });
    expect(codes(parsed.entries[0]?.issues ?? [])).toEqual(['body.ignored']);
  });

  it('reads the text fields of a multipart/form-data body and skips files', () => {
    const body = [
      '--XyZ',
      'Content-Disposition: form-data; name="idsite"',
      '',
      '7',
      '--XyZ',
      'Content-Disposition: form-data; name="action_name"',
      '',
      'A & B = C',
      '--XyZ',
      'Content-Disposition: form-data; name="upload"; filename="a.txt"',
      'Content-Type: text/plain',
      '',
      'file content',
      '--XyZ--',
      '',
    ].join('\r\n');
    const parsed = post(body, 'multipart/form-data; boundary=XyZ');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '7', action_name: 'A & B = C' });
    expect(parsed.transport).toBe('post');
  });

  it('form body bytes that are not UTF-8 are read as Latin-1 and reported', () => {
    const parsed = request({
      method: 'POST',
      headers: { 'content-type': FORM },
      body: Uint8Array.from([...utf8('idsite=1&action_name=caf'), 0xe9]),
    });
    expect(parsed.entries[0]?.params['action_name']).toBe('café');
    expect(codes(parsed.entries[0]?.issues ?? [])).toContain('encoding.invalid');
  });

  it('an empty request: no parameter at all', () => {
    const parsed = request({});
    expect(parsed.empty).toBe(true);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]?.params).toEqual({});
    expect(codes(parsed.issues)).toEqual(['request.empty']);
    expect(request({ query: 'idsite=1' }).empty).toBe(false);
  });

  it('a query whose only names PHP ignores is empty too', () => {
    expect(request({ query: '=1&&' }).empty).toBe(true);
  });

  it('an empty request also carries, on the request, why nothing was read', () => {
    const parsed = post('idsite=1&rec=1', 'application/json');
    expect(parsed.empty).toBe(true);
    expect(codes(parsed.issues)).toEqual(['request.empty', 'body.ignored']);
  });

  it('debugRequested follows debug as PHP reads it', () => {
    expect(request({ query: 'idsite=1&debug=1' }).debugRequested).toBe(true);
    expect(request({ query: 'idsite=1&debug=0' }).debugRequested).toBe(false);
    expect(request({ query: 'idsite=1' }).debugRequested).toBe(false);
    expect(post('idsite=1&debug=1').debugRequested).toBe(true);
  });

  it('HEAD and OPTIONS requests with a query are read like GET', () => {
    const parsed = request({ method: 'head', query: 'idsite=1' });
    expect(parsed).toMatchObject({ method: 'HEAD', transport: 'get', empty: false });
  });
});

describe('bulk requests', () => {
  const bulk = (body: string, contentType = 'application/json', query = '') =>
    post(body, contentType, query);

  it('is detected from the body whatever the Content-Type (matomo.js sends a form type)', () => {
    const body = '{"requests":["?idsite=1&rec=1&c_n=A","?idsite=1&rec=1&c_n=B"],"send_image":0}';
    const parsed = bulk(body, FORM);
    expect(parsed.transport).toBe('bulk');
    expect(parsed.bulk).toEqual({ itemCount: 2, sendImage: 0, dropped: [] });
    expect(parsed.entries.map((e) => [e.index, e.params['c_n'], e.rawQuery])).toEqual([
      [0, 'A', 'idsite=1&rec=1&c_n=A'],
      [1, 'B', 'idsite=1&rec=1&c_n=B'],
    ]);
    expect(parsed.entries[0]?.occurrences[0]?.source).toBe('bulk');
    expect(parsed.empty).toBe(false);
  });

  it('acceptance case 32: entries with raw spaces and the top-level token_auth', () => {
    const body =
      '{"requests":["?idsite=1&url=http://example.org&action_name=Test bulk log Pageview&rec=1",' +
      '"?idsite=1&url=http://example.net/test.htm&action_name=Another bulk page view&rec=1"],' +
      '"token_auth":"33dc3f2536d3025974cccb4b4d2d98f4"}';
    const parsed = bulk(body);
    expect(parsed.bulk?.tokenAuth).toBe('33dc3f2536d3025974cccb4b4d2d98f4');
    expect(parsed.entries.map((e) => e.params['action_name'])).toEqual([
      'Test bulk log Pageview',
      'Another bulk page view',
    ]);
    expect(parsed.entries[0]?.issues.map((i) => [i.code, i.param])).toEqual([
      ['encoding.unescaped', 'action_name'],
    ]);
  });

  it('acceptance case 37: items without a query are dropped, indices count after drops', () => {
    const body = '{"requests":["piwik.php?idsite=1","","piwik.php?idsite=3&rec=0",{"idsite":"2"}]}';
    const parsed = bulk(body);
    expect(parsed.entries.map((e) => [e.index, e.params])).toEqual([
      [0, { idsite: '1' }],
      [1, { idsite: '3', rec: '0' }],
      [2, { idsite: '2' }],
    ]);
    expect(parsed.bulk?.itemCount).toBe(4);
    expect(parsed.bulk?.dropped).toEqual([{ position: 1, value: '' }]);
    expect(parsed.issues.map((i) => i.code)).toEqual(['bulk.entry_dropped']);
    expect(parsed.issues[0]?.message).toContain('Bulk item 1');
  });

  it('drops strings with no "?", an empty query, a "0" query, or "?" only inside the fragment', () => {
    const body = JSON.stringify({
      requests: ['idsite=1&rec=1', '?', '?0', 'page#x?idsite=1', '?idsite=9#frag'],
    });
    const parsed = bulk(body);
    expect(parsed.bulk?.dropped.map((d) => d.position)).toEqual([0, 1, 2, 3]);
    expect(parsed.entries.map((e) => [e.index, e.params])).toEqual([[0, { idsite: '9' }]]);
  });

  it('full URLs with JSON-escaped slashes (the PHP tracker) use their query part', () => {
    const body =
      '{"requests":["http:\\/\\/127.0.0.1:8765\\/matomo.php?idsite=1&rec=1&url=https%3A%2F%2Fx.org%2F"],"token_auth":"abc"}';
    const entry = bulk(body).entries[0];
    expect(entry?.params).toEqual({ idsite: '1', rec: '1', url: 'https://x.org/' });
    expect(entry?.rawQuery).toBe('idsite=1&rec=1&url=https%3A%2F%2Fx.org%2F');
  });

  it('parameter objects keep non-string values (the log importer shape)', () => {
    const body = JSON.stringify({
      token_auth: 't',
      requests: [{ idsite: 1, rec: 1, bw_bytes: 1234, ec_items: [['sku', 'n', 'c', 2, 1]] }],
    });
    const entry = bulk(body).entries[0];
    expect(entry?.params).toEqual({
      idsite: 1,
      rec: 1,
      bw_bytes: 1234,
      ec_items: [['sku', 'n', 'c', 2, 1]],
    });
    expect(entry?.occurrences.map((o) => o.source)).toEqual(['bulk', 'bulk', 'bulk', 'bulk']);
    expect(entry?.rawQuery).toBe(
      'idsite=1&rec=1&bw_bytes=1234&ec_items=%5B%5B%22sku%22%2C%22n%22%2C%22c%22%2C2%2C1%5D%5D',
    );
  });

  it('other JSON values become empty requests that keep their index', () => {
    const parsed = bulk('{"requests":[null, 5, "?idsite=1", [], true]}');
    expect(parsed.entries.map((e) => [e.index, e.params])).toEqual([
      [0, {}],
      [1, {}],
      [2, { idsite: '1' }],
      [3, {}],
      [4, {}],
    ]);
  });

  it('acceptance case 38: "requests" at position 0 or a misspelt key is not bulk; {\'requests\' is', () => {
    expect(bulk('requests', FORM).transport).not.toBe('bulk');
    expect(bulk('{"test": "val", "request:" []}').transport).not.toBe('bulk');
    const single = bulk('"requests"', FORM);
    expect(single.transport).toBe('post');
    const quoted = bulk("{'requests':['?idsite=1']}");
    expect(quoted.transport).toBe('bulk');
    // Single quotes are not JSON: Matomo detects bulk mode, then cannot decode it.
    expect(quoted.entries).toEqual([]);
    expect(codes(quoted.issues)).toEqual(['bulk.json_invalid']);
  });

  it('removes CR and LF before decoding, even inside strings', () => {
    const parsed = bulk('\r\n {"requests":\r\n["?idsite=1&action_name=a\nb"]}\n');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1', action_name: 'ab' });
  });

  it('malformed bulk JSON: a request-level issue and zero entries', () => {
    const parsed = bulk('{"requests":["?idsite=1",]}');
    expect(parsed.transport).toBe('bulk');
    expect(parsed.entries).toEqual([]);
    expect(parsed.bulk).toEqual({ itemCount: 0, dropped: [] });
    expect(parsed.issues).toHaveLength(1);
    expect(parsed.issues[0]).toMatchObject({ code: 'bulk.json_invalid', severity: 'error' });
  });

  it('a JSON list or an object without "requests" tracks nothing and says why', () => {
    for (const body of ['["requests"]', '{"x":"requests"}', '{"requests":"?idsite=1"}']) {
      const parsed = bulk(body);
      expect(parsed.entries).toEqual([]);
      expect(codes(parsed.issues)).toEqual(['bulk.json_invalid']);
    }
  });

  it('a bulk body whose bytes are not UTF-8 cannot be decoded', () => {
    const bytes = Uint8Array.from([...utf8('{"requests":["?idsite=1&x='), 0xff, ...utf8('"]}')]);
    const parsed = request({ method: 'POST', body: bytes });
    expect(parsed.transport).toBe('bulk');
    expect(parsed.entries).toEqual([]);
    expect(codes(parsed.issues)).toEqual(['bulk.json_invalid']);
  });

  it('the URL query is no tracking request in bulk mode, but debug=1 there still counts', () => {
    const parsed = bulk('{"requests":["?idsite=1"]}', FORM, 'idsite=9&debug=1');
    expect(parsed.entries.map((e) => e.params)).toEqual([{ idsite: '1' }]);
    expect(parsed.debugRequested).toBe(true);
  });

  it('docs/tracking-protocol.md#bulk-request: the bulk URL query is kept aside and reported as unused, naming its parameters', () => {
    const parsed = bulk('{"requests":["?idsite=1"]}', FORM, 'idsite=9&rec=1&idsite=8&debug=1');
    expect(parsed.bulk?.urlParams).toEqual(['idsite', 'rec', 'debug']);
    const issue = parsed.issues.find((i) => i.code === 'bulk.url_query_ignored');
    expect(issue).toMatchObject({ severity: 'info' });
    // debug is read from the URL (docs/tracking-protocol.md#debug), so it is not listed among the unused names.
    expect(issue?.message).toContain('carries idsite, rec, which Matomo does not use');
    expect(issue?.message).not.toContain('token_auth');
    expect(issue?.hint).toBeTruthy();
  });

  it('docs/tracking-protocol.md#bulk-request: a token_auth in the bulk URL (under any name PHP reads as it) only decides invalid_indices', () => {
    for (const query of ['token_auth=abc', 'token.auth=abc', 'token%5Fauth=abc']) {
      const parsed = bulk('{"requests":["?idsite=1"],"token_auth":"t"}', FORM, query);
      expect(parsed.bulk?.urlParams, query).toEqual(['token_auth']);
      const issue = parsed.issues.find((i) => i.code === 'bulk.url_query_ignored');
      expect(issue?.message, query).toContain(
        'only decides whether the answer lists invalid_indices',
      );
      expect(issue?.message, query).not.toContain('does not use');
      expect(parsed.bulk?.tokenAuth).toBe('t');
    }
  });

  it('a bulk with a bare URL, or only debug in it, reports nothing about the URL', () => {
    const bare = bulk('{"requests":["?idsite=1"]}');
    expect(bare.bulk).not.toHaveProperty('urlParams');
    expect(codes(bare.issues)).toEqual([]);
    const debug = bulk('{"requests":["?idsite=1"]}', FORM, 'debug=1');
    expect(debug.bulk?.urlParams).toEqual(['debug']);
    expect(codes(debug.issues)).toEqual([]);
  });

  it('the URL query is reported even when the bulk JSON cannot be decoded', () => {
    const parsed = bulk('{"requests":[', FORM, 'idsite=1');
    expect(codes(parsed.issues)).toEqual(['bulk.json_invalid', 'bulk.url_query_ignored']);
  });

  it('refuses JSON nested deeper than PHP decodes (512 levels), however deep', () => {
    const nested = (levels: number) =>
      `{"requests":[{"idsite":1,"x":${'['.repeat(levels)}${']'.repeat(levels)}}]}`;
    // object (1) › requests (2) › entry (3) › 509 arrays = 512 levels: still decoded.
    expect(bulk(nested(509)).entries).toHaveLength(1);
    for (const levels of [510, 100_000]) {
      const parsed = bulk(nested(levels));
      expect(parsed.entries).toEqual([]);
      expect(parsed.issues[0]?.message).toContain('512 levels');
    }
  });

  it('bulkTokenAuth reads the same top-level token as parsing, without the entries', () => {
    const bodies = [
      '{"requests":["?idsite=1"],"token_auth":"abc"}',
      '{"requests":[],"token_auth":12345}',
      '\r\n{"requests":[],"token_\r\nauth":"a\nb"}',
      '{"requests":["?idsite=1"],"token_auth":""}',
      '{"requests":["?idsite=1"]}',
      '{"requests":[',
      'requests',
    ];
    for (const body of bodies) {
      expect(bulkTokenAuth(body), body).toBe(parseBulkBody(body, true).bulk.tokenAuth);
    }
    expect(bodies.map(bulkTokenAuth).slice(0, 3)).toEqual(['abc', '12345', 'ab']);
  });

  it('a numeric top-level token_auth is read as text; requests given as an object work', () => {
    const parsed = bulk('{"requests":{"a":"?idsite=1","b":"?idsite=2"},"token_auth":12345}');
    expect(parsed.bulk?.tokenAuth).toBe('12345');
    expect(parsed.entries.map((e) => e.params['idsite'])).toEqual(['1', '2']);
  });
});

describe('never throws', () => {
  it('on a very long query string', () => {
    const query = Array.from({ length: 100_000 }, (_, i) => `p${i}=v%20${i}`).join('&');
    const entry = request({ query: `p1=first&${query}` }).entries[0];
    // PHP reads the first 1000 variables only (max_input_vars).
    expect(entry?.occurrences).toHaveLength(1000);
    expect(entry?.params['p998']).toBe('v 998');
    expect(entry?.params['p1']).toBe('v 1');
    expect(entry?.issues.map((i) => i.code)).toEqual(['param.input_limit', 'param.duplicate']);
  });

  it('on missing or wrongly typed fields', () => {
    const broken = [
      null,
      undefined,
      {},
      { method: 5, path: null, query: 7, headers: null, body: 'text' },
      { method: 'POST', path: '/', query: '', headers: { 'content-type': 5 }, body: null },
    ];
    for (const raw of broken) {
      const parsed = parseRequest(raw as unknown as RawRequest);
      expect(parsed.entries.length).toBeGreaterThanOrEqual(0);
    }
  });
});
