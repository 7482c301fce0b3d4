import { describe, expect, it } from 'vitest';
import { BASE, check } from '../../test-support/matomo-hit';
import { analyzeRequest } from './analyze';
import { detectSiteSearch, siteSearchSettings } from './site-search';
import type { SiteProfile } from './types';

const SITE: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://shop.example'],
  goals: [],
  dimensions: [],
  siteSearch: true,
  tokens: [],
};
const page = (url: string, extra = '') =>
  `idsite=1&rec=1&url=${encodeURIComponent(url)}${extra ? `&${extra}` : ''}`;

// Matomo 5: plugins/Actions/Actions/ActionSiteSearch.php lines 113–214 (keyword from the URL,
// parameter removal, cs re-encoding) and 221–285 (the `search` parameter decides first, trim,
// site search on/off); default names in plugins/SitesManager/API.php line 61, no default
// category names (plugins/SitesManager/SitesManager.php lines 250–266); ca=1 is refused only
// when no action claims the hit (core/Tracker/Action.php lines 90–133).
describe('site search detected from the page URL', () => {
  it("reads the keyword with Matomo's default names when no profile describes the site", () => {
    for (const name of ['q', 'query', 's', 'search', 'searchword', 'k', 'keyword', 'keywords']) {
      const hit = check(page(`https://shop.example/find?${name}=boots`));
      expect(hit.type, name).toBe('site_search');
      expect(hit.outcome).toBe('recorded');
    }
    expect(check(page('https://shop.example/find?term=boots')).type).toBe('pageview');
  });

  it('removes the matched parameter from the URL kept for the action and says so', () => {
    const hit = check(page('https://shop.example/find?q=red+shoes&page=2#top'));
    const issue = hit.issue('search.from_url');
    expect(issue.severity).toBe('info');
    expect(issue.message).toContain('"q"');
    expect(issue.message).toContain('"red shoes"');
    expect(issue.message).toContain('https://shop.example/find?page=2#top');
    expect(detectSiteSearch({ url: 'https://shop.example/find?Q=a&x=1' })).toMatchObject({
      keyword: 'a',
      url: 'https://shop.example/find?x=1',
    });
  });

  it('claims a ca=1 request, which is recorded rather than refused', () => {
    const claimed = check(page('https://shop.example/find?q=boots', 'ca=1'));
    expect(claimed.outcome).toBe('recorded');
    expect(claimed.codes).not.toContain('ca.unclaimed');
    expect(check(page('https://shop.example/find?page=2', 'ca=1')).codes).toContain('ca.unclaimed');
  });

  it('follows the profile: site search off, own keyword and category names', () => {
    const off = { ctx: { sites: [{ ...SITE, siteSearch: false }] } };
    expect(check(page('https://shop.example/find?q=boots'), off).type).toBe('pageview');
    expect(check(page('https://shop.example/find?q=boots', 'ca=1'), off).outcome).toBe('rejected');
    const own = {
      ctx: { sites: [{ ...SITE, searchKeywordParams: ['term'], searchCategoryParams: ['dept'] }] },
    };
    expect(check(page('https://shop.example/find?q=boots'), own).type).toBe('pageview');
    const hit = check(page('https://shop.example/find?term=boots&dept=Men&page=2'), own);
    expect(hit.type).toBe('site_search');
    expect(hit.issue('search.from_url').message).toContain('category "Men"');
    expect(hit.issue('search.from_url').message).toContain('https://shop.example/find?page=2');
  });

  it('takes the first name whose raw value is not empty, even when it decodes to blank', () => {
    // "0" is PHP empty(), so s is tried next; "%20" is not, so q wins and then trims to nothing.
    expect(detectSiteSearch({ url: 'https://a.example/?q=0&s=boots' })?.keyword).toBe('boots');
    expect(detectSiteSearch({ url: 'https://a.example/?q=%20&s=boots' })).toBeNull();
  });

  it('reads a query inside the fragment, and the whole fragment as a query otherwise', () => {
    expect(detectSiteSearch({ url: 'https://a.example/#/results?keyword=x&p=1' })).toMatchObject({
      keyword: 'x',
      url: 'https://a.example/#/results?p=1',
    });
    expect(detectSiteSearch({ url: 'https://a.example/#q=hash' })?.keyword).toBe('hash');
  });

  it('lets a non-empty search parameter decide alone, before the URL', () => {
    expect(check(page('https://shop.example/find?q=boots', 'search=hats')).type).toBe(
      'site_search',
    );
    expect(detectSiteSearch({ search: 'hats', url: 'https://a.example/?q=boots' })).toMatchObject({
      from: 'search',
      keyword: 'hats',
    });
    // search=0 is empty(): the URL decides.
    expect(detectSiteSearch({ search: '0', url: 'https://a.example/?q=boots' })?.keyword).toBe(
      'boots',
    );
  });

  it('decodes a URL keyword from the page charset cs, and only that keyword', () => {
    const latin1 = { url: 'https://a.example/?keyword=caf%E9' };
    expect(detectSiteSearch({ ...latin1, cs: 'ISO-8859-1' })?.keyword).toBe('café');
    // Without cs the bytes are not UTF-8, so Matomo keeps them percent-encoded.
    expect(detectSiteSearch(latin1)?.keyword).toBe('caf%E9');
    // An unknown charset changes nothing (mb_check_encoding fails).
    expect(detectSiteSearch({ ...latin1, cs: 'no-such-charset' })?.keyword).toBe('caf%E9');
    // The search parameter is not re-encoded.
    expect(detectSiteSearch({ search: 'Ã©', cs: 'ISO-8859-1' })?.keyword).toBe('Ã©');
  });

  it('escapes HTML special characters of the query as Common::sanitizeInputValue does', () => {
    expect(detectSiteSearch({ url: "https://a.example/?q=<b>&a='x'" })).toMatchObject({
      keyword: '&lt;b&gt;',
      url: 'https://a.example/?a=&#039;x&#039;',
    });
  });

  it('shows the keyword from the URL in the hit summary', () => {
    const analysis = analyzeRequest(
      {
        method: 'GET',
        path: '/matomo.php',
        query: page('https://shop.example/find?q=boots'),
        headers: {},
        body: new Uint8Array(0),
      },
      { now: Date.UTC(2024, 9, 24), sites: [] },
    );
    expect(analysis.hits[0]?.type).toBe('site_search');
    expect(analysis.hits[0]?.summary).toBe('"boots"');
  });

  it('reads the Referer as the page URL when url and urlref are both empty', () => {
    // core/Tracker/Request.php lines 82–92.
    const ctx = { ctx: { headers: { referer: 'https://shop.example/find?q=boots' } } };
    expect(check('idsite=1&rec=1', ctx).type).toBe('site_search');
    expect(check('idsite=1&rec=1&url=0', ctx).type).toBe('site_search');
    expect(check('idsite=1&rec=1&urlref=https%3A%2F%2Fa.example%2F', ctx).type).toBe('pageview');
    expect(check(page('https://shop.example/'), ctx).type).toBe('pageview');
  });

  it('leaves a page view without a keyword parameter alone', () => {
    expect(check(BASE).type).toBe('pageview');
    expect(check(BASE).codes).not.toContain('search.from_url');
  });
});

// The quick test that skips reading most page URLs must not skip one Matomo reads a keyword
// from (ActionSiteSearch.php lines 113–214: names case-insensitive, `name[]` arrays, the
// fragment's own query, names in a URL that is not ASCII).
describe('site search: URLs the quick test must pass on', () => {
  const keyword = (url: string, keywordParams?: string[]) =>
    detectSiteSearch({ url }, keywordParams ? { keywordParams } : {})?.keyword ?? null;

  it('finds keywords wherever a pair can start, in any case and form', () => {
    expect(keyword('https://shop.example/find?Q=boots')).toBe('boots');
    expect(keyword('https://shop.example/find?a=1&SEARCH=boots')).toBe('boots');
    expect(keyword('https://shop.example/find?q[]=boots&q[]=shoes')).toBe('boots');
    expect(keyword('https://shop.example/find?q%5B%5D=boots')).toBe('boots');
    expect(keyword('https://shop.example/find#q=boots')).toBe('boots');
    expect(keyword('https://shop.example/find#/results?k=boots')).toBe('boots');
    expect(keyword('https://shop.example/été?s=boots')).toBe('boots');
    expect(keyword('https://shop.example/find?term=boots', ['Term'])).toBe('boots');
    expect(keyword('https://shop.example/find?a.b=boots', ['a.b'])).toBe('boots');
  });

  it('finds keywords that CR, LF or NUL (removed before reading) kept apart', () => {
    expect(keyword('https://shop.example/find?\nq=boots')).toBe('boots');
    expect(keyword('https://shop.example/find?q\r=boots')).toBe('boots');
    expect(keyword('https://shop.example/find?a=1&\u0000search=boots')).toBe('boots');
  });

  it('finds none where a name only occurs inside another name or a value', () => {
    expect(keyword('https://shop.example/?utm_source=news&ks=1&sq=boots')).toBeNull();
    expect(keyword('https://shop.example/?term=q%3Dboots&x=search')).toBeNull();
    expect(keyword('https://shop.example/?a=1&s')).toBeNull();
    expect(keyword('https://shop.example/?axb=boots', ['a.b'])).toBeNull();
  });
});

// The settings are reused from one entry to the next while site and headers stay the same;
// a profile or headers changed in place must still be read afresh.
describe('site search settings follow changes made in place', () => {
  const search = (site: SiteProfile | undefined, headers: Record<string, string>) =>
    detectSiteSearch({ url: '' }, siteSearchSettings(site, headers))?.keyword ?? null;

  it('reads the profile and the Referer header again when they change', () => {
    const site: SiteProfile = { ...SITE, searchKeywordParams: ['term'] };
    const headers = { referer: 'https://shop.example/find?term=boots' };
    expect(search(site, headers)).toBe('boots');
    site.siteSearch = false;
    expect(search(site, headers)).toBeNull();
    site.siteSearch = true;
    site.searchKeywordParams = ['q'];
    expect(search(site, headers)).toBeNull();
    headers.referer = 'https://shop.example/find?q=shoes';
    expect(search(site, headers)).toBe('shoes');
    expect(search(undefined, headers)).toBe('shoes');
    expect(search(undefined, {})).toBeNull();
  });
});
