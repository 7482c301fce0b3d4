import { describe, expect, it } from 'vitest';
import { makeIssue } from './issue-codes';
import { parseRequest } from './parse';
import {
  EMPTY_REQUEST_TEXT,
  echoedOrigin,
  isPreflight,
  MAX_ECHOED_ORIGIN_LENGTH,
  predictResponse,
  preflightResponse,
  type ResponseHit,
} from './response';
import type { RawRequest } from './types';

const utf8 = (text: string) => new TextEncoder().encode(text);

function raw(parts: Partial<Omit<RawRequest, 'body'>> & { body?: string }): RawRequest {
  return {
    method: parts.method ?? 'GET',
    path: '/matomo.php',
    query: parts.query ?? '',
    headers: parts.headers ?? {},
    body: utf8(parts.body ?? ''),
  };
}

const recorded: ResponseHit = { index: 0, outcome: 'recorded' };
const excluded: ResponseHit = { index: 0, outcome: 'excluded' };
const rejected: ResponseHit = {
  index: 0,
  outcome: 'rejected',
  issues: [makeIssue('idsite.invalid', { param: 'idsite', message: 'idsite=<b>0</b>' })],
};
const predict = (request: RawRequest, hits: ResponseHit[], origin?: string) =>
  predictResponse(parseRequest(request), hits, origin === undefined ? {} : { origin });

const CASE_1 = 'idsite=1&rec=1&action_name=Test&url=http://example.org/';

describe('single requests', () => {
  it('acceptance case 1: a recorded GET gets the GIF, image/gif and no-store', () => {
    expect(predict(raw({ query: CASE_1 }), [recorded])).toEqual({
      status: 200,
      contentType: 'image/gif',
      bodyKind: 'gif',
      headers: { 'cache-control': 'no-store' },
    });
  });

  it('an excluded hit gets the same answer as a recorded one (docs/tracking-protocol.md#outcomes)', () => {
    expect(predict(raw({ query: CASE_1 }), [excluded])).toEqual(
      predict(raw({ query: CASE_1 }), [recorded]),
    );
  });

  it('acceptance case 2: send_image=0 gives 204, no content type, no-store', () => {
    expect(predict(raw({ query: `${CASE_1}&send_image=0` }), [recorded])).toEqual({
      status: 204,
      contentType: null,
      bodyKind: 'empty',
      headers: { 'cache-control': 'no-store' },
    });
  });

  it('only the exact string 0 turns the image off', () => {
    const answer = predict(raw({ query: `${CASE_1}&send_image=00` }), [recorded]);
    expect(answer.status).toBe(200);
  });

  it('acceptance case 8: a parameterless GET gets 200 and our own explanation', () => {
    const answer = predict(raw({}), []);
    expect(answer).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      bodyKind: 'text',
      body: EMPTY_REQUEST_TEXT,
      headers: {},
    });
    expect(EMPTY_REQUEST_TEXT).toContain('Hitscope');
    expect(EMPTY_REQUEST_TEXT).toContain('idsite=1');
    expect(EMPTY_REQUEST_TEXT).not.toContain('part of Matomo');
  });

  it('a parameterless POST or HEAD gets 400 with the same text and the CORS pair', () => {
    for (const method of ['POST', 'HEAD']) {
      const answer = predict(raw({ method }), [], 'https://shop.example');
      expect(answer).toMatchObject({ status: 400, bodyKind: 'text', body: EMPTY_REQUEST_TEXT });
      expect(answer.headers).toEqual({
        'access-control-allow-origin': 'https://shop.example',
        'access-control-allow-credentials': 'true',
      });
    }
  });

  it('a rejected GET: 400, the GIF followed by a text naming the codes, no values echoed', () => {
    const answer = predict(raw({ query: 'idsite=0&rec=1' }), [rejected]);
    expect(answer).toMatchObject({
      status: 400,
      contentType: 'image/gif',
      bodyKind: 'gif',
      headers: { 'cache-control': 'no-store' },
    });
    expect(answer.body).toContain('idsite.invalid');
    expect(answer.body).toContain('HTTP 400');
    expect(answer.body).not.toContain('<b>');
  });

  it('a rejected request with send_image=0: 400 with the text alone', () => {
    const answer = predict(raw({ query: 'idsite=0&rec=1&send_image=0' }), [rejected]);
    expect(answer).toMatchObject({ status: 400, bodyKind: 'text' });
    // The text answer is not the image: no Cache-Control, and a GET has no CORS headers.
    expect(answer.headers).toEqual({});
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(answer.body).toContain('idsite.invalid');
  });

  it('a rejected POST gets the GIF with the CORS pair and without no-store', () => {
    const answer = predict(raw({ method: 'POST', query: 'idsite=0&rec=1' }), [rejected]);
    expect(answer).toMatchObject({ status: 400, bodyKind: 'gif' });
    expect(answer.headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
    });
  });

  it('non-GET answers echo the Origin (or *) and allow credentials, without no-store', () => {
    const beacon = raw({ method: 'POST', query: `${CASE_1}&send_image=0` });
    expect(predict(beacon, [recorded], 'http://127.0.0.1:4000')).toEqual({
      status: 204,
      contentType: null,
      bodyKind: 'empty',
      headers: {
        'access-control-allow-origin': 'http://127.0.0.1:4000',
        'access-control-allow-credentials': 'true',
      },
    });
    expect(predict(raw({ method: 'POST', query: CASE_1 }), [recorded]).headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
    });
  });

  it('echoes a browser origin but answers * for a huge or malformed Origin', () => {
    expect(echoedOrigin('https://shop.example:8443')).toBe('https://shop.example:8443');
    expect(echoedOrigin('null')).toBe('null');
    expect(echoedOrigin('chrome-extension://abcdefghijklmnop')).toBe(
      'chrome-extension://abcdefghijklmnop',
    );
    const huge = `https://${'a'.repeat(1024 * 1024)}.example`;
    expect(echoedOrigin(huge)).toBe('*');
    const longest = `https://${'a'.repeat(MAX_ECHOED_ORIGIN_LENGTH - 'https://'.length)}`;
    expect(echoedOrigin(longest)).toBe(longest);
    expect(echoedOrigin(`${longest}a`)).toBe('*');
    for (const bad of ['', 'https://a.example/path', 'a b', 'https://ex\u00e4mple.org', '*']) {
      expect(echoedOrigin(bad)).toBe('*');
    }
    const beacon = raw({ method: 'POST', query: `${CASE_1}&send_image=0` });
    expect(predict(beacon, [recorded], huge).headers['access-control-allow-origin']).toBe('*');
  });

  it('debug mode answers a plain-text summary instead of the image', () => {
    const answer = predictResponse(parseRequest(raw({ query: 'idsite=0' })), [rejected], {
      debug: true,
    });
    expect(answer).toMatchObject({
      status: 400,
      contentType: 'text/plain; charset=utf-8',
      bodyKind: 'debug',
    });
    expect(answer.body).toContain('hit 0: rejected');
    expect(answer.body).toContain('idsite.invalid');
  });
});

describe('preflight', () => {
  it('acceptance case 29: OPTIONS with Access-Control-Request-Method is a preflight → 204', () => {
    const request = raw({ method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });
    expect(isPreflight(request)).toBe(true);
    expect(preflightResponse()).toEqual({
      status: 204,
      contentType: null,
      bodyKind: 'empty',
      headers: {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': '*',
        'access-control-allow-origin': '*',
      },
    });
  });

  it('Access-Control-Request-Headers alone also makes a preflight; a bare OPTIONS does not', () => {
    const headersOnly = { 'access-control-request-headers': 'content-type' };
    expect(isPreflight(raw({ method: 'options', headers: headersOnly }))).toBe(true);
    expect(isPreflight(raw({ method: 'OPTIONS' }))).toBe(false);
    expect(
      isPreflight(raw({ method: 'OPTIONS', headers: { 'access-control-request-method': '' } })),
    ).toBe(false);
    expect(
      isPreflight(raw({ method: 'GET', headers: { 'access-control-request-method': 'GET' } })),
    ).toBe(false);
  });
});

describe('bulk requests', () => {
  const bulk = (body: string) => raw({ method: 'POST', body });
  const hits = (...outcomes: ResponseHit['outcome'][]) =>
    outcomes.map((outcome, index) => ({ index, outcome }));
  const TWO = '{"requests":["?idsite=1&rec=1","?idsite=1&rec=1"]}';

  it('acceptance case 33: two valid entries', () => {
    const answer = predict(bulk(TWO), hits('recorded', 'recorded'));
    expect(answer).toEqual({
      status: 200,
      contentType: 'application/json',
      bodyKind: 'bulk-json',
      body: '{"status":"success","tracked":2,"invalid":0,"invalid_indices":[]}',
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' },
    });
  });

  it('acceptance case 34: one valid, one invalid', () => {
    expect(predict(bulk(TWO), hits('recorded', 'rejected')).body).toBe(
      '{"status":"success","tracked":1,"invalid":1,"invalid_indices":[1]}',
    );
  });

  it('acceptance case 35: excluded entries count as tracked; indices of the rejected ones', () => {
    const outcomes = hits('recorded', 'excluded', 'rejected', 'recorded', 'rejected', 'rejected');
    expect(predict(bulk(TWO), outcomes).body).toBe(
      '{"status":"success","tracked":3,"invalid":3,"invalid_indices":[2,4,5]}',
    );
  });

  it('unparsable bulk JSON still answers success with nothing tracked (docs/tracking-protocol.md#open-questions)', () => {
    expect(predict(bulk('{"requests":[,]}'), []).body).toBe(
      '{"status":"success","tracked":0,"invalid":0,"invalid_indices":[]}',
    );
  });

  it('an entry with a bulk-aborting code turns the answer into a 500 error (docs/tracking-protocol.md#bulk-isolation, #bulk-response)', () => {
    const unclaimed = makeIssue('ca.unclaimed', { param: 'ca', message: 'ca=1 unclaimed' });
    const outcomes: ResponseHit[] = [
      { index: 0, outcome: 'recorded' },
      { index: 1, outcome: 'excluded' },
      rejected,
      { index: 3, outcome: 'rejected', issues: [unclaimed] },
      { index: 4, outcome: 'recorded' },
    ];
    const answer = predict(bulk('{"requests":["?idsite=1"],"send_image":0}'), outcomes);
    expect(answer).toMatchObject({ status: 500, contentType: 'application/json' });
    // Entries before the failure that did not throw are counted; the invalid one is not.
    expect(answer.body).toBe('{"status":"error","tracked":2,"invalid":0,"invalid_indices":[]}');
    // Excluded hits with the same code do not abort: only a rejection decided by it does.
    const excludedOnly = [{ index: 0, outcome: 'excluded' as const, issues: [unclaimed] }];
    expect(predict(bulk(TWO), excludedOnly).status).toBe(200);
  });

  it('send_image 0 or "0" at the top level gives 204 (content type still JSON)', () => {
    for (const sendImage of ['0', '"0"']) {
      const body = `{"requests":["?idsite=1"],"send_image":${sendImage}}`;
      expect(predict(bulk(body), hits('recorded'), 'https://a.example')).toEqual({
        status: 204,
        contentType: 'application/json',
        bodyKind: 'empty',
        headers: {
          'access-control-allow-origin': 'https://a.example',
          'access-control-allow-credentials': 'true',
        },
      });
    }
    const withImage = '{"requests":["?idsite=1"],"send_image":1}';
    expect(predict(bulk(withImage), hits('recorded')).status).toBe(200);
  });
});
