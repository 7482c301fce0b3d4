import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  checkFetchSite,
  checkOrigin,
  isJsonContentType,
  isLoopbackAddress,
  isLoopbackHost,
  parseCookies,
  tokenCookie,
  tokensEqual,
} from './security';

function fakeRequest(remoteAddress: string | undefined, headers: Record<string, string>) {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('peer check', () => {
  it('accepts loopback peers in every form Node reports them', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
  });

  it('refuses LAN, public and malformed peers', () => {
    const refused = [
      '192.168.1.20',
      '10.0.0.2',
      '::ffff:192.168.1.20',
      'fe80::1',
      '128.0.0.1',
      '127.0.0.256',
      '127.0.0',
      '0.0.0.0',
      '::',
      '',
      undefined,
    ];
    for (const a of refused) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it('answers 403 for a non-loopback socket even with a good Host header', () => {
    const denial = checkOrigin(fakeRequest('192.168.1.20', { host: '127.0.0.1:8765' }));
    expect(denial).toMatchObject({ status: 403, code: 'forbidden.peer' });
    expect(checkOrigin(fakeRequest('::ffff:10.1.2.3', { host: 'localhost' }))?.code).toBe(
      'forbidden.peer',
    );
    expect(checkOrigin(fakeRequest('::ffff:127.0.0.1', { host: 'localhost:1' }))).toBeNull();
  });
});

describe('Host check (DNS rebinding)', () => {
  it('accepts loopback names with or without a port', () => {
    for (const h of [
      'localhost',
      'LOCALHOST:8765',
      '127.0.0.1',
      '127.0.0.1:80',
      '[::1]',
      '[::1]:8765',
    ]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
  });

  it('refuses other names, including ones that contain a loopback name', () => {
    const refused = [
      'attacker.example',
      'attacker.example:8765',
      'localhost.attacker.example',
      '127.0.0.1.nip.io',
      'evil-localhost',
      '[::2]:80',
      '[::1]x',
      '127.0.0.1:abc',
      '192.168.1.2:8765',
      '',
      undefined,
    ];
    for (const h of refused) expect(isLoopbackHost(h), String(h)).toBe(false);
    expect(checkOrigin(fakeRequest('127.0.0.1', { host: 'rebind.example:8765' }))?.code).toBe(
      'forbidden.host',
    );
    expect(checkOrigin(fakeRequest('127.0.0.1', {}))?.code).toBe('forbidden.host');
  });
});

describe('token', () => {
  it('compares tokens exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('abc ', 'abc')).toBe(false);
    expect(tokensEqual('', '')).toBe(false);
  });

  it('reads Bearer headers and the cookie, and tells missing from wrong', () => {
    const r = (headers: Record<string, string>) =>
      authenticate(fakeRequest('127.0.0.1', headers), 'T0k', 'hitscope_token_8765');
    expect(r({ authorization: 'Bearer T0k' })).toBe('ok');
    expect(r({ authorization: 'bearer T0k' })).toBe('ok');
    expect(r({ authorization: 'Bearer nope' })).toBe('wrong');
    expect(r({ authorization: 'Basic VDBr' })).toBe('wrong');
    expect(r({ cookie: 'a=1; hitscope_token_8765=T0k' })).toBe('ok');
    expect(r({ cookie: 'hitscope_token_8765=T0x' })).toBe('wrong');
    // Another server's cookie (another port) is not this server's.
    expect(r({ cookie: 'hitscope_token_8766=T0k' })).toBe('missing');
    expect(r({ cookie: 'hitscope_token=T0k' })).toBe('missing');
    expect(r({ cookie: 'other=T0k' })).toBe('missing');
    expect(r({})).toBe('missing');
  });

  it('builds an HttpOnly SameSite=Strict cookie that parses back', () => {
    const cookie = tokenCookie('a b;c', 'hitscope_token_8765');
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(parseCookies(cookie.split(';')[0]).get('hitscope_token_8765')).toBe('a b;c');
    expect(parseCookies('x="quoted"; bad%=%zz').get('x')).toBe('quoted');
  });
});

describe('JSON content type', () => {
  it('accepts application/json with parameters only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType('multipart/form-data; boundary=x')).toBe(false);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('requests from other origins', () => {
  const host = '127.0.0.1:8765';
  const site = (headers: Record<string, string>) =>
    checkFetchSite(fakeRequest('127.0.0.1', { host, ...headers }))?.code ?? null;

  it('refuses what a browser says another origin sent, another port of this host included', () => {
    expect(site({ origin: 'http://127.0.0.1:3000' })).toBe('forbidden.origin');
    expect(site({ origin: 'http://localhost:8765' })).toBe('forbidden.origin');
    expect(site({ origin: 'null' })).toBe('forbidden.origin');
    expect(site({ 'sec-fetch-site': 'same-site' })).toBe('forbidden.origin');
    expect(site({ 'sec-fetch-site': 'cross-site' })).toBe('forbidden.origin');
    expect(site({ origin: 'http://127.0.0.1:8765', 'sec-fetch-site': 'same-site' })).toBe(
      'forbidden.origin',
    );
  });

  it('lets its own pages, typed addresses and tools that are not browsers through', () => {
    expect(site({ origin: 'http://127.0.0.1:8765', 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(site({ 'sec-fetch-site': 'none' })).toBeNull();
    // Its own form posts and fetches under Referrer-Policy: no-referrer.
    expect(site({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(site({})).toBeNull();
    const viaProxy = fakeRequest('127.0.0.1', {
      host: 'localhost:5173',
      origin: 'http://localhost:5173',
    });
    expect(checkFetchSite(viaProxy)).toBeNull();
    const port80 = fakeRequest('127.0.0.1', { host: 'localhost:80', origin: 'http://localhost' });
    expect(checkFetchSite(port80)).toBeNull();
  });
});
