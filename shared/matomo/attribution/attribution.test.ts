import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../types';
import {
  creditConversion,
  referrerFromUrl,
  refineWebsiteReferrer,
  type ReferrerAttribution,
} from './conversion-attribution';
import { searchEngineOf, socialNetworkOf } from './referrer-hosts';

const params = (query: string): Record<string, ParamValue> =>
  Object.fromEntries(new URLSearchParams(query));
const DIRECT: ReferrerAttribution = { type: 'direct', name: '', keyword: '' };

// plugins/Referrers/SearchEngine.php lines 196–357 on our own short list of engines.
describe('search engines among referrers', () => {
  it('reads the keyword from the engine parameter, lower-cased, on any country ending', () => {
    expect(searchEngineOf('https://www.google.co.uk/search?q=Red+Shoes')).toEqual({
      name: 'Google',
      keyword: 'red shoes',
    });
    expect(searchEngineOf('https://yandex.ru/search/?text=boots')?.keyword).toBe('boots');
    expect(searchEngineOf('https://www.baidu.com/s?wd=%E9%9E%8B')?.keyword).toBe('鞋');
  });

  it("the engine's home page is a search with a hidden keyword; other pages are not", () => {
    expect(searchEngineOf('https://www.google.com/')).toEqual({ name: 'Google', keyword: '' });
    expect(searchEngineOf('https://www.google.com/maps/place/x')).toBeNull();
    expect(searchEngineOf('https://shop.example/?q=x')).toBeNull();
  });
});

// plugins/Referrers/Social.php lines 133–160: a domain matched on dot or slash boundaries.
describe('social networks among referrers', () => {
  it('matches the domain and its subdomains, not look-alikes', () => {
    expect(socialNetworkOf('https://m.facebook.com/story')).toBe('Facebook');
    expect(socialNetworkOf('https://t.co/abc')).toBe('Twitter');
    expect(socialNetworkOf('https://notfacebook.company.example/')).toBeNull();
  });
});

// plugins/Referrers/Columns/Base.php lines 73–168 (direct entry, search, social, website).
describe('a referrer URL read on its own', () => {
  it('is direct on the site itself, else search, social or website', () => {
    const site = ['https://shop.example'];
    expect(referrerFromUrl('https://shop.example/cart', site)).toBeNull();
    expect(referrerFromUrl('not a url', site)).toBeNull();
    expect(referrerFromUrl('https://www.bing.com/search?q=boots', site)).toMatchObject({
      type: 'search',
      name: 'Bing',
      keyword: 'boots',
    });
    expect(referrerFromUrl('https://www.linkedin.com/feed', site)?.type).toBe('social');
    expect(referrerFromUrl('https://Blog.Example/post', site)).toMatchObject({
      type: 'website',
      name: 'blog.example',
    });
  });

  it('turns a website referrer into a search engine or social network when it is one', () => {
    const website = {
      type: 'website' as const,
      name: 'duckduckgo.com',
      keyword: '',
      url: 'https://duckduckgo.com/?q=hats',
    };
    expect(refineWebsiteReferrer(website)).toMatchObject({
      type: 'search',
      name: 'DuckDuckGo',
      keyword: 'hats',
    });
    const other = {
      type: 'website' as const,
      name: 'blog.example',
      keyword: '',
      url: 'https://blog.example/',
    };
    expect(refineWebsiteReferrer(other)).toBe(other);
  });
});

// plugins/Referrers/Columns/Base.php lines 628–696 (getValueForRecordGoal) 703–713 and 743–746.
describe('the referrer a conversion is credited to', () => {
  const springVisit: ReferrerAttribution = { type: 'campaign', name: 'spring', keyword: 'mail' };

  it("keeps the visit's campaign when no _rcn is sent", () => {
    expect(
      creditConversion(params('_rcn=&_ref=https://www.google.com/'), springVisit),
    ).toMatchObject({
      type: 'campaign',
      name: 'spring',
      from: "the visit's campaign (no _rcn sent)",
    });
  });

  it('credits _rcn/_rck, trimmed, decoded and lower-cased, over the visit', () => {
    expect(creditConversion(params('_rcn=%20Newsletter%2BMay%20&_rck=Top'), DIRECT)).toMatchObject({
      type: 'campaign',
      name: 'newsletter may',
      keyword: 'top',
    });
  });

  it('else credits _ref when it is a search engine, social network or website', () => {
    expect(
      creditConversion(params('_ref=https://www.google.fr/search?q=Chaussures'), DIRECT),
    ).toMatchObject({
      type: 'search',
      name: 'Google',
      keyword: 'chaussures',
    });
    const own = creditConversion(params('_ref=https://shop.example/'), DIRECT, [
      'https://shop.example',
    ]);
    expect(own).toMatchObject({ type: 'direct', from: "the visit's referrer" });
  });
});
