import { describe, expect, it } from 'vitest';
import { buildBulkBody, buildFormBody, buildQuery } from './build';
import { parseRequest } from './parse';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('buildQuery', () => {
  it('percent-encodes names and values as UTF-8', () => {
    expect(buildQuery({ action_name: 'A & B = C+D 100%', url: 'https://x.org/?a=1#f' })).toBe(
      'action_name=A%20%26%20B%20%3D%20C%2BD%20100%25&url=https%3A%2F%2Fx.org%2F%3Fa%3D1%23f',
    );
    expect(buildQuery({ 'é name': 'ü😀' })).toBe('%C3%A9%20name=%C3%BC%F0%9F%98%80');
  });

  it("escapes ' so that a form body never looks like a bulk request", () => {
    const body = buildFormBody({ idsite: '1', note: "'requests'" });
    expect(body).toBe('idsite=1&note=%27requests%27');
    const parsed = parseRequest({
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: utf8(body),
    });
    expect(parsed.transport).toBe('post');
    expect(parsed.entries[0]?.params).toEqual({ idsite: '1', note: "'requests'" });
  });

  it('keeps the order and the duplicates of occurrences', () => {
    const query = buildQuery([
      { name: 'a', value: '1', source: 'query' },
      { name: 'a', value: '2', source: 'query' },
      { name: 'b', value: 'x y', source: 'body' },
    ]);
    expect(query).toBe('a=1&a=2&b=x%20y');
  });

  it('writes non-string values as JSON and null as an empty value', () => {
    expect(buildQuery({ idsite: 1, ec_items: [['s', 'n', 'c', 1.5, 2]], x: null, b: true })).toBe(
      'idsite=1&ec_items=%5B%5B%22s%22%2C%22n%22%2C%22c%22%2C1.5%2C2%5D%5D&x=&b=true',
    );
  });

  it('replaces lone surrogates instead of throwing', () => {
    expect(buildQuery({ a: 'x\ud800y' })).toBe('a=x%EF%BF%BDy');
  });
});

describe('buildBulkBody', () => {
  it('writes the JavaScript tracker shape by default', () => {
    expect(
      buildBulkBody({
        requests: [{ idsite: '1', rec: '1' }, '?idsite=2'],
        sendImage: 0,
      }),
    ).toBe('{"requests":["?idsite=1&rec=1","?idsite=2"],"send_image":0}');
  });

  it('writes parameter objects and the token when asked (the log importer shape)', () => {
    expect(
      buildBulkBody({ requests: [{ idsite: 1, rec: 1 }], tokenAuth: 'abc', asObjects: true }),
    ).toBe('{"requests":[{"idsite":1,"rec":1}],"token_auth":"abc"}');
  });
});
