// Reading a stored hit rebuilds its views (occurrences, decoded values, device) with the
// parse and decoding alone: they must be exactly what the whole analysis gives, for every
// kind of request (real clients' captures, bulks of query strings and JSON objects, long and
// non-ASCII values, credentials, values that are not UTF-8, aborted bulks, preflights).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeRequest,
  bulkItemViewsInSlices,
  bulkItemViewsOf,
  hitViewsInSlices,
  hitViewsOf,
} from './analyze';
import type { AnalyzeOptions } from './analyze';
import type { DeviceInfo, RawRequest } from './types';
import { unknownDevice } from './user-agent';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const device: DeviceInfo = unknownDevice('Mozilla/5.0 (X11; Linux x86_64) Test/1.0');
const options: AnalyzeOptions = { device: () => device };

/** A captured request as the fixture files keep it: the body as text or base64. */
type Capture = Omit<RawRequest, 'body'> & { body: string; bodyEncoding?: 'utf8' | 'base64' };

function captures(name: string): RawRequest[] {
  const url = new URL(`./__fixtures__/real-clients/${name}`, import.meta.url);
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Capture)
    .map((c) => ({
      method: c.method,
      path: c.path,
      query: c.query,
      headers: c.headers,
      body: new Uint8Array(Buffer.from(c.body, c.bodyEncoding === 'base64' ? 'base64' : 'utf8')),
    }));
}

const request = (
  query: string,
  body: string | Uint8Array = '',
  headers: Record<string, string> = {},
  method = body === '' ? 'GET' : 'POST',
): RawRequest => ({
  method,
  path: '/matomo.php',
  query,
  headers,
  body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
});

const long = 'x'.repeat(70_000);
const crafted: Record<string, RawRequest> = {
  pageview: request(
    'idsite=1&rec=1&action_name=Caf%C3%A9%20%E2%80%93%20%F0%9F%98%80&url=https%3A%2F%2Fa.example%2F',
  ),
  'long value': request(`idsite=1&rec=1&url=https%3A%2F%2Fa.example%2F&dimension1=${long}`),
  credentials: request('idsite=1&rec=1&token_auth=abcdef0123456789abcdef0123456789&cip=10.0.0.1'),
  'JSON values': request(
    `idsite=1&rec=1&idgoal=0&revenue=12.5&ec_items=${encodeURIComponent('[["SKU","Lamp","Home",12.5,1]]')}` +
      `&cvar=${encodeURIComponent('{"1":["k","v"]}')}&uadata=${encodeURIComponent('{"platform":"Linux"}')}`,
  ),
  'not UTF-8': request(
    'idsite=1&rec=1&action_name=%E9t%E9&cvar=%7B%221%22%3A%5B%22k%22%2C%22%E9%22%5D%7D',
  ),
  'form body': request('idsite=1', 'rec=1&action_name=Form&e_c=Video&e_a=play', {
    'content-type': 'application/x-www-form-urlencoded',
  }),
  bulk: request(
    '',
    JSON.stringify({
      requests: [
        '?idsite=1&rec=1&action_name=A',
        { idsite: 1, rec: 1, action_name: 'Objet €', e_v: 2.5 },
        null,
        '?idsite=1&rec=1&url=%FF',
      ],
    }),
    { 'content-type': 'application/json' },
  ),
  'aborted bulk': request(
    '',
    JSON.stringify({ requests: ['?idsite=1&rec=1&action_name=A', '?idsite=abc&rec=1'] }),
  ),
  'bulk with a token': request(
    '',
    JSON.stringify({ token_auth: 'secret', requests: ['?idsite=1&rec=1&cip=1.2.3.4'] }),
  ),
  preflight: request('', '', { origin: 'https://a.example' }, 'OPTIONS'),
  empty: request(''),
};

const views = (raw: RawRequest) =>
  analyzeRequest(raw, { now: NOW, sites: [] }, options).hits.map((hit) => ({
    occurrences: hit.occurrences,
    decoded: hit.decoded,
    device: hit.device,
    params: hit.params,
  }));

describe('hitViewsOf', () => {
  const all: [string, RawRequest][] = [
    ...Object.entries(crafted),
    ...['php-tracker.ndjson', 'node-tracker.ndjson', 'matomo-js-post.ndjson'].flatMap((name) =>
      captures(name).map((raw, i): [string, RawRequest] => [`${name} #${i + 1}`, raw]),
    ),
  ];
  it.each(all)('gives the views of the whole analysis: %s', async (_, raw) => {
    const expected = views(raw);
    expect(hitViewsOf(raw, NOW, options)).toEqual(expected);
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    expect(await hitViewsInSlices(raw, NOW, { ...options, pause })).toEqual(expected);
  });
});

/** A bulk of the one string `item`, as a stored bulk hit is replayed. */
const bulkOfOne = (item: string, headers: Record<string, string>) =>
  request('', JSON.stringify({ requests: [item] }), headers);

describe('bulkItemViewsOf', () => {
  const headers = { 'content-type': 'application/json', 'user-agent': 'Test/1.0' };
  const items: [string, string][] = [
    ['a query', '?idsite=1&rec=1&action_name=Caf%C3%A9&url=https%3A%2F%2Fa.example%2F'],
    ['a URL', 'https://a.example/matomo.php?idsite=1&rec=1&e_c=Video&e_a=play#frag'],
    ['JSON values', `?idsite=1&rec=1&ec_items=${encodeURIComponent('[["S","L","H",1,1]]')}`],
    ['not UTF-8', '?idsite=1&rec=1&url=%FF&x=%ED%A0%80'],
    ['duplicates and arrays', '?idsite=1&rec=1&a=1&a=2&b[]=1&b[]=2&c[x]=y'],
    ['a token', '?idsite=1&rec=1&token_auth=abc&cip=1.2.3.4'],
    ['a long value', `?idsite=1&rec=1&dimension1=${long}`],
    ['no query (dropped)', 'https://a.example/matomo.php'],
    ['an empty query (dropped)', '?'],
    ['control characters', '?idsite=1&rec=1&x=a\n\tb\u2028'],
  ];
  it.each(items)('gives the views of a bulk of that one item: %s', async (_, item) => {
    const expected = hitViewsOf(bulkOfOne(item, headers), NOW, options);
    expect(bulkItemViewsOf(item, headers, NOW, options)).toEqual(expected);
    const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
    expect(await bulkItemViewsInSlices(item, headers, NOW, { ...options, pause })).toEqual(
      expected,
    );
  });
});
