import { describe, expect, it } from 'vitest';
import { VolatileRegenerator } from '../../shared/matomo/volatile';
import { makeRequest } from '../test-support/hit-factory';
import { enabledPairs, sendsCarriedToken, setParamValue } from './draft';
import { FORM_CONTENT_TYPE } from './send-plan';
import {
  bulkTokenOfRequest,
  carriedBulkToken,
  draftFromHit,
  replayBulk,
  replayBulkItems,
  replayRequest,
  type ReplayHit,
} from './replay';

const hit: ReplayHit = {
  rawQuery:
    'e_c=Video&e_a=Play+now&idsite=1&rec=1&r=111111&h=1&m=2&s=3&pv_id=AAAAAA&_id=0123456789abcdef',
  transport: 'get',
  path: '/matomo.php',
  userAgent: 'Mozilla/5.0 Test',
  type: 'event',
};

describe('replay', () => {
  it('resends the raw query byte for byte, with the user agent', () => {
    expect(replayRequest(hit, 'self')).toEqual({
      target: 'self',
      method: 'GET',
      path: '/matomo.php',
      query: hit.rawQuery,
      headers: { 'user-agent': 'Mozilla/5.0 Test' },
    });
  });

  it('keeps the transport: form POST as a form POST, beacon as POST with the query', () => {
    const post = replayRequest(
      { ...hit, transport: 'post', path: '/piwik.php' },
      'https://m.example/',
    );
    expect(post).toMatchObject({ method: 'POST', body: hit.rawQuery, path: '/piwik.php' });
    expect(post.query).toBeUndefined();
    const beacon = replayRequest({ ...hit, transport: 'beacon' }, 'self');
    expect(beacon).toMatchObject({ method: 'POST', query: hit.rawQuery });
    expect(replayRequest({ ...hit, transport: 'bulk' }, 'self').method).toBe('GET');
  });

  it('regenerates volatile values and keeps visitor ids', () => {
    const regen = new VolatileRegenerator(
      { cacheBuster: true, localTime: true, pageviewIds: true, visitorIds: false },
      () => new Date(2024, 1, 1, 10, 20, 30),
      () => 0.75,
    );
    const items = replayBulkItems(
      [hit, { ...hit, rawQuery: 'ping=1&pv_id=AAAAAA&_id=0123456789abcdef' }],
      regen,
    );
    const first = new URLSearchParams(items[0]!.slice(1));
    const second = new URLSearchParams(items[1]!.slice(1));
    expect(first.get('r')).toBe('750000');
    expect([first.get('h'), first.get('m'), first.get('s')]).toEqual(['10', '20', '30']);
    expect(first.get('pv_id')).not.toBe('AAAAAA');
    expect(second.get('pv_id')).toBe(first.get('pv_id'));
    expect(first.get('_id')).toBe('0123456789abcdef');
    expect(first.get('e_a')).toBe('Play now');
  });

  it('keeps each hit’s user agent in a bulk: the shared one as the header, others as ua', () => {
    const bot = 'Googlebot/2.1 (+http://www.google.com/bot.html)';
    const same = replayBulk([hit, { ...hit, rawQuery: 'idsite=1&rec=1' }]);
    expect(same.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test' });
    expect(same.items[1]).toBe('?idsite=1&rec=1');
    const mixed = replayBulk([hit, { ...hit, userAgent: bot, rawQuery: 'idsite=1&rec=1' }]);
    expect(mixed.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test' });
    expect(new URLSearchParams(mixed.items[1]!.slice(1)).get('ua')).toBe(bot);
    expect(mixed.items[0]).toBe(`?${hit.rawQuery}`);
    // A hit without an agent: the header is empty, the others carry theirs.
    const none = replayBulk([
      { ...hit, userAgent: '' },
      { ...hit, userAgent: bot },
    ]);
    expect(none.headers).toEqual({ 'user-agent': '' });
    expect(none.items[0]).toBe(`?${hit.rawQuery}`);
    expect(new URLSearchParams(none.items[1]!.slice(1)).get('ua')).toBe(bot);
    // For the bulk builder (no header of its own) every agent goes along, an own ua wins.
    expect(replayBulkItems([{ ...hit, rawQuery: 'ua=Own&idsite=1' }])).toEqual([
      '?ua=Own&idsite=1',
    ]);
    expect(new URLSearchParams(replayBulkItems([hit])[0]!.slice(1)).get('ua')).toBe(
      'Mozilla/5.0 Test',
    );
  });

  it('resends one by one with the language and client hints of the captured request', () => {
    const requestHeaders = {
      'accept-language': 'de-CH,de;q=0.9',
      'sec-ch-ua-platform': '"Windows"',
      'sec-ch-ua-mobile': '?0',
      cookie: 'session=1',
      'user-agent': 'ignored: the hit names its agent',
    };
    const expected = {
      'user-agent': 'Mozilla/5.0 Test',
      'accept-language': 'de-CH,de;q=0.9',
      'sec-ch-ua-platform': '"Windows"',
      'sec-ch-ua-mobile': '?0',
    };
    expect(replayRequest({ ...hit, requestHeaders }, 'self').headers).toEqual(expected);
    const post = replayRequest({ ...hit, transport: 'post', requestHeaders }, 'self');
    expect(post.headers).toEqual({ ...expected, 'content-type': FORM_CONTENT_TYPE });
    expect(draftFromHit({ ...hit, requestHeaders }).headers).toEqual(expected);
  });

  it('resends as a bulk with each hit’s language and client hints (header or lang/uadata)', () => {
    const de = { 'accept-language': 'de', 'sec-ch-ua-platform': '"Windows"' };
    const fr = { 'accept-language': 'fr', 'sec-ch-ua-platform': '"Android"' };
    const same = replayBulk([
      { ...hit, requestHeaders: de },
      { ...hit, rawQuery: 'idsite=1&rec=1', requestHeaders: de },
    ]);
    expect(same.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test', ...de });
    expect(same.items[1]).toBe('?idsite=1&rec=1');
    const mixed = replayBulk([
      { ...hit, requestHeaders: de },
      { ...hit, rawQuery: 'idsite=1&rec=1', requestHeaders: fr },
    ]);
    expect(mixed.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test', 'accept-language': 'de' });
    expect(mixed.items[0]).toBe(
      `?${hit.rawQuery}&uadata=${encodeURIComponent('{"sec-ch-ua-platform":"\\"Windows\\""}')}`,
    );
    const second = new URLSearchParams(mixed.items[1]!.slice(1));
    expect(second.get('lang')).toBe('fr');
    expect(JSON.parse(second.get('uadata')!)).toEqual({ 'sec-ch-ua-platform': '"Android"' });
    // A hit's own lang wins over the header, as in Matomo: it is kept, not doubled.
    const own = replayBulk([
      { ...hit, requestHeaders: de },
      { ...hit, rawQuery: 'idsite=1&lang=it', requestHeaders: fr },
    ]);
    expect(new URLSearchParams(own.items[1]!.slice(1)).getAll('lang')).toEqual(['it']);
  });

  it('opens a hit in the composer with its values decoded', () => {
    const draft = draftFromHit({ ...hit, transport: 'post' });
    expect(draft.template).toBe('event');
    expect(draft.method).toBe('POST');
    expect(draft.headers).toEqual({ 'user-agent': 'Mozilla/5.0 Test' });
    expect(enabledPairs(draft).slice(0, 2)).toEqual([
      { name: 'e_c', value: 'Video' },
      { name: 'e_a', value: 'Play now' },
    ]);
  });
});

describe('a hit of a bulk sent alone (docs/tracking-protocol.md#bulk-request: the bulk token applies to every entry)', () => {
  const TOKEN = '0123456789abcdef0123456789abcdef';
  const fromBulk: ReplayHit = {
    ...hit,
    rawQuery: 'idsite=1&rec=1&url=https%3A%2F%2Fa.example%2F&cip=198.51.100.23',
    transport: 'bulk',
    type: 'pageview',
    bulkTokenAuth: TOKEN,
  };

  it('reads the top-level token_auth from the stored bulk body, as Matomo decodes it', () => {
    const body = `{"requests":["?idsite=1&rec=1"],\r\n"token_auth":"${TOKEN}"}`;
    expect(bulkTokenOfRequest(makeRequest({ body }))).toBe(TOKEN);
    expect(bulkTokenOfRequest(makeRequest({ body: '{"requests":[],"token_auth":42}' }))).toBe('42');
    // No token, a body cut short, a single request, no request at all: nothing to carry.
    expect(bulkTokenOfRequest(makeRequest({ body: '{"requests":["?idsite=1"]}' }))).toBeNull();
    expect(
      bulkTokenOfRequest(
        makeRequest({
          body: `{"requests":["?a=1"],"token_auth":"${TOKEN.slice(0, 9)}`,
          bodyTruncated: true,
        }),
      ),
    ).toBeNull();
    expect(
      bulkTokenOfRequest(makeRequest({ transport: 'post', body: `token_auth=${TOKEN}` })),
    ).toBeNull();
    expect(bulkTokenOfRequest(null)).toBeNull();
  });

  it('adds the bulk token_auth and sends the hit as a form POST, so it stays out of the URL', () => {
    const request = replayRequest(fromBulk, 'https://m.example/');
    expect(request).toMatchObject({
      method: 'POST',
      path: '/matomo.php',
      body: `${fromBulk.rawQuery}&token_auth=${TOKEN}`,
      headers: { 'content-type': expect.stringContaining('x-www-form-urlencoded') as string },
    });
    expect(request.query).toBeUndefined();
    const odd = replayRequest({ ...fromBulk, bulkTokenAuth: 'a&b=c d' }, 'self');
    expect(new URLSearchParams(odd.body).get('token_auth')).toBe('a&b=c d');
    expect(new URLSearchParams(odd.body).get('b')).toBeNull();
  });

  it('keeps the token through regeneration of volatile values', () => {
    const regen = new VolatileRegenerator(
      { cacheBuster: true, localTime: false, pageviewIds: false, visitorIds: false },
      () => new Date(2024, 1, 1),
      () => 0.25,
    );
    const body = new URLSearchParams(
      replayRequest({ ...fromBulk, rawQuery: `${fromBulk.rawQuery}&r=1` }, 'self', regen).body,
    );
    expect(body.get('r')).toBe('250000');
    expect(body.get('token_auth')).toBe(TOKEN);
  });

  it("replaces the hit's own token_auth (under any name PHP reads as it) by the bulk's", () => {
    for (const own of ['token_auth=mine', 'token.auth=mine', 'token%5Fauth=mine']) {
      const withOwn = { ...fromBulk, rawQuery: `token_auth=old&${fromBulk.rawQuery}&${own}` };
      expect(carriedBulkToken(withOwn), own).toBe(TOKEN);
      const sent = replayRequest(withOwn, 'self');
      expect(sent.method, own).toBe('POST');
      expect(sent.body, own).toBe(`${fromBulk.rawQuery}&token_auth=${TOKEN}`);
      const draft = draftFromHit(withOwn);
      expect(
        enabledPairs(draft).filter((p) => p.name.startsWith('token')),
        own,
      ).toEqual([{ name: 'token_auth', value: TOKEN }]);
    }
    // The hit already sends the bulk's token: nothing to carry, resent as captured.
    const same = { ...fromBulk, rawQuery: `${fromBulk.rawQuery}&token_auth=${TOKEN}` };
    expect(carriedBulkToken(same)).toBeNull();
    expect(replayRequest(same, 'self')).toMatchObject({ method: 'GET', query: same.rawQuery });
    // An empty own token is no token: Matomo would have used the bulk's.
    expect(carriedBulkToken({ ...fromBulk, rawQuery: `${fromBulk.rawQuery}&token_auth=` })).toBe(
      TOKEN,
    );
    expect(carriedBulkToken({ ...fromBulk, bulkTokenAuth: null })).toBeNull();
    expect(replayRequest({ ...fromBulk, bulkTokenAuth: null }, 'self').method).toBe('GET');
  });

  it('opens in the composer with the token, as a POST, and says so while it is sent', () => {
    const draft = draftFromHit(fromBulk);
    expect(draft.method).toBe('POST');
    expect(draft.carriedToken).toBe(TOKEN);
    expect(enabledPairs(draft).at(-1)).toEqual({ name: 'token_auth', value: TOKEN });
    expect(sendsCarriedToken(draft)).toBe(true);
    const token = draft.params.find((p) => p.name === 'token_auth')!;
    expect(sendsCarriedToken(setParamValue(draft, token.key, 'other'))).toBe(false);
    const plain = draftFromHit({ ...fromBulk, bulkTokenAuth: undefined });
    expect(plain.method).toBe('GET');
    expect(plain.carriedToken).toBeUndefined();
    expect(sendsCarriedToken(plain)).toBe(false);
  });
});
