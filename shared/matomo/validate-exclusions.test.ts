import { describe, expect, it } from 'vitest';
import { BASE, GOOGLEBOT, check } from '../../test-support/matomo-hit';
import { analyzeRequest } from './analyze';
import { REFERRER_SPAMMERS } from './referrer-spam/spammers';
import type { SiteProfile } from './types';

const TOKEN = '0123456789abcdef0123456789abcdef';
const SITE: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://example.org'],
  goals: [],
  dimensions: [],
  siteSearch: true,
  tokens: [TOKEN],
};
const from = (peerAddress: string, headers: Record<string, string> = {}) => ({
  ctx: { peerAddress, headers },
});
const withSite = (site: Partial<SiteProfile>, peerAddress = '203.0.113.9') => ({
  ctx: { sites: [{ ...SITE, ...site }], peerAddress },
});

// Matomo 5: core/Tracker/VisitExcluded.php — isExcluded lines 69–176 (order: bot by user agent
// or IP range, rec, the install-check hook, excluded IPs, excluded user agents, referrer spam,
// prefetch), isPrefetchDetected 178–184, isNonHumanBot / isIpInRange / Chrome data saver
// 195–233, the ranges 235–273, isVisitorIpExcluded 294–307, isUserAgentExcluded 364–382;
// core/Tracker/Visit/ReferrerSpamFilter.php lines 34–87 (stripos over the whole urlref, list
// read with file()); core/Tracker/Request.php lines 894–908 (cip, else the peer);
// plugins/Heartbeat/Tracker/PingRequestProcessor.php lines 24–42 and
// plugins/CoreHome/Tracker/VisitRequestProcessor.php lines 165–176 (new_visit opens a visit).
describe('exclusions of VisitExcluded that need no database', () => {
  it("excludes a peer address in a crawler's range unless bots=1", () => {
    for (const ip of ['66.249.85.3', '157.55.39.1', '1.202.218.8', '::ffff:66.249.85.3']) {
      const hit = check(BASE, from(ip));
      expect(hit.outcome, ip).toBe('excluded');
      expect(hit.codes[0], ip).toBe('bot.ip_range');
    }
    for (const ip of ['66.249.66.1', '1.202.218.9', '127.0.0.1', '2001:db8::1']) {
      expect(check(BASE, from(ip)).outcome, ip).toBe('recorded');
    }
    expect(check(`${BASE}&bots=1`, from('66.249.85.3')).outcome).toBe('recorded');
  });

  it('reads the range from an authenticated cip, where an IPv4-mapped address does not match', () => {
    const cip = (ip: string) => check(`${BASE}&cip=${ip}&token_auth=${TOKEN}`, from('127.0.0.1'));
    expect(cip('66.249.85.3').codes[0]).toBe('bot.ip_range');
    expect(cip('66.249.85.3').issue('bot.ip_range').param).toBe('cip');
    // 16 bytes against a 4-byte range (IP::isInRange compares lengths first).
    expect(cip('::ffff:66.249.85.3').outcome).toBe('recorded');
    // cip without a token is refused before any exclusion.
    expect(check(`${BASE}&cip=66.249.85.3`).outcome).toBe('rejected');
  });

  it("spares Google's ranges behind Chrome's data saver proxy, but not the others", () => {
    const via = { via: '1.1 Chrome-Compression-Proxy' };
    expect(check(BASE, from('66.249.85.3', via)).outcome).toBe('recorded');
    expect(check(BASE, from('157.55.39.1', via)).outcome).toBe('excluded');
  });

  it('excludes a referrer URL that contains a listed spammer anywhere, in any case', () => {
    expect(REFERRER_SPAMMERS).toContain('semalt.com');
    const spam = check(`${BASE}&urlref=${encodeURIComponent('https://semalt.com/page')}`);
    expect(spam.outcome).toBe('excluded');
    expect(spam.issue('referrer.spam').message).toContain('semalt.com');
    const inQuery = check(
      `${BASE}&urlref=${encodeURIComponent('https://news.example/?via=SEMALT.COM')}`,
    );
    expect(inQuery.codes).toContain('referrer.spam');
    expect(check(`${BASE}&urlref=${encodeURIComponent('https://news.example/')}`).outcome).toBe(
      'recorded',
    );
  });

  it('keeps list entries exactly as PHP file() reads them, trailing space included', () => {
    expect(REFERRER_SPAMMERS).toContain('graceonline.shop ');
    const hit = check(`${BASE}&urlref=${encodeURIComponent('https://graceonline.shop/')}`);
    expect(hit.outcome).toBe('recorded');
  });

  it('excludes prefetches by X-Purpose (preview, instant) and X-Moz (prefetch), exactly', () => {
    const withHeader = (name: string, value: string) =>
      check(BASE, { ctx: { headers: { [name]: value } } });
    expect(withHeader('x-purpose', 'preview').codes[0]).toBe('prefetch.excluded');
    expect(withHeader('x-purpose', 'instant').outcome).toBe('excluded');
    expect(withHeader('x-moz', 'prefetch').outcome).toBe('excluded');
    expect(withHeader('x-purpose', 'Preview').outcome).toBe('recorded');
    expect(withHeader('x-purpose', 'prefetch').outcome).toBe('recorded');
    expect(withHeader('x-moz', 'Prefetch').outcome).toBe('recorded');
    expect(withHeader('purpose', 'prefetch').outcome).toBe('recorded');
    expect(withHeader('sec-purpose', 'prefetch').outcome).toBe('recorded');
  });

  it('stores nothing for a heartbeat that forces a new visit', () => {
    const hit = check(`${BASE}&ping=1&new_visit=1`);
    expect(hit.outcome).toBe('excluded');
    expect(hit.issue('ping.new_visit').param).toBe('new_visit');
    expect(check(`${BASE}&ping=1&new_visit=2`).outcome).toBe('excluded');
    expect(check(`${BASE}&ping=1`).outcome).toBe('recorded');
    expect(check(`${BASE}&ping=1&new_visit=0`).outcome).toBe('recorded');
    expect(check(`${BASE}&new_visit=1`).outcome).toBe('recorded');
  });

  it("excludes the site profile's IPs: addresses, CIDR blocks and * wildcards", () => {
    const site = { excludedIps: ['198.51.100.7', '10.0.0.0/8', '192.168.1.*'] };
    for (const ip of ['198.51.100.7', '10.20.30.40', '192.168.1.200']) {
      const hit = check(BASE, withSite(site, ip));
      expect(hit.codes[0], ip).toBe('ip.excluded');
    }
    expect(check(BASE, withSite(site, '192.168.2.1')).outcome).toBe('recorded');
    expect(check(BASE, from('10.20.30.40')).outcome).toBe('recorded');
  });

  it("excludes the site profile's user agents: substrings, and a pattern that decides alone", () => {
    const ua = (excludedUserAgents: string[]) => check(BASE, withSite({ excludedUserAgents }));
    expect(ua(['firefox/130']).codes[0]).toBe('ua.excluded');
    expect(ua(['/linux x86_64\\)/i']).outcome).toBe('excluded');
    expect(ua(['Chrome']).outcome).toBe('recorded');
    // The first entry PHP accepts as a pattern ends the search, matched or not.
    expect(ua(['/nomatch/', 'Firefox']).outcome).toBe('recorded');
    expect(ua(['Firefox', '/nomatch/']).outcome).toBe('excluded');
    // "(bot)" is a pattern to PHP (brackets as delimiters): it decides, and does not match.
    expect(ua(['(bot)', 'Firefox']).outcome).toBe('recorded');
  });

  it("runs the checks in Matomo's order: bots, rec, install check, IPs, agents, spam, prefetch", () => {
    const spam = `urlref=${encodeURIComponent('https://semalt.com/')}`;
    expect(check(`${BASE}&${spam}`, { device: GOOGLEBOT }).codes[0]).toBe('bot.excluded');
    expect(check(`idsite=1&${spam}`).codes[0]).toBe('rec.missing');
    const site = withSite({ excludedIps: ['203.0.113.9'], excludedUserAgents: ['Firefox'] });
    expect(check(`${BASE}&${spam}`, site).codes[0]).toBe('ip.excluded');
    const prefetchAndSpam = { ctx: { headers: { 'x-moz': 'prefetch' } } };
    expect(check(`${BASE}&${spam}`, prefetchAndSpam).codes[0]).toBe('referrer.spam');
  });

  it('takes the peer address and the headers from the request itself', () => {
    const analysis = analyzeRequest(
      {
        method: 'GET',
        path: '/matomo.php',
        query: BASE,
        headers: { 'x-purpose': 'instant' },
        body: new Uint8Array(0),
        remoteAddress: '::ffff:127.0.0.1',
      },
      { now: Date.UTC(2024, 9, 24), sites: [] },
    );
    expect(analysis.hits[0]?.outcome).toBe('excluded');
    const crawler = analyzeRequest(
      {
        method: 'GET',
        path: '/matomo.php',
        query: BASE,
        headers: {},
        body: new Uint8Array(0),
        remoteAddress: '66.249.85.3',
      },
      { now: Date.UTC(2024, 9, 24), sites: [] },
    );
    expect(crawler.hits[0]?.issues[0]?.code).toBe('bot.ip_range');
  });
});
