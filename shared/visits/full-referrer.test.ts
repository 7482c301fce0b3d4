import { describe, expect, it } from 'vitest';
import { searchEngineOf } from '../matomo/attribution/referrer-hosts';
import { looksLikeUrl, splitUrl } from '../matomo/url-parts';
import { fullReferrerOf, referrerSearchOf } from './full-referrer';
import { testHit as hit } from './test-hits';
import { VisitIndex } from './visit-index';

const ctx = { siteUrls: ['https://shop.example'] };
const url = (query: string) => ({ url: `https://shop.example/?${query}` });

// plugins/Referrers/Columns/Base.php lines 123–150 and 529–569.
describe('the full referrer of a hit', () => {
  it('tells search engines and social networks apart from websites', () => {
    expect(
      fullReferrerOf({ ...url(''), urlref: 'https://www.google.de/search?q=Boots' }, ctx),
    ).toMatchObject({
      type: 'search',
      name: 'Google',
      keyword: 'boots',
    });
    expect(fullReferrerOf({ ...url(''), urlref: 'https://www.facebook.com/' }, ctx)).toMatchObject({
      type: 'social',
      name: 'Facebook',
    });
    expect(fullReferrerOf({ ...url(''), urlref: 'https://blog.example/a' }, ctx)).toMatchObject({
      type: 'website',
      name: 'blog.example',
    });
  });

  it('gives a campaign without keyword the search keyword of its referrer', () => {
    const params = {
      ...url('mtm_campaign=Spring'),
      urlref: 'https://www.bing.com/search?q=Red+Boots',
    };
    expect(fullReferrerOf(params, ctx)).toEqual({
      type: 'campaign',
      name: 'spring',
      keyword: 'red boots',
    });
  });

  // plugins/Referrers/Columns/Website.php lines 23–41: only a website referrer forces a new visit.
  it('plugs into the visit engine: a search engine referrer does not count as a website change', () => {
    const visits = new VisitIndex({
      sites: () => [{ idsite: 1, createNewVisitWhenWebsiteReferrerChanges: true }],
      referrerOf: fullReferrerOf,
    });
    const first = visits.assign(hit(0, { urlref: 'https://blog.example/' }));
    const second = visits.assign(hit(60, { urlref: 'https://www.google.com/' }));
    expect(second.visitId).toBe(first.visitId);
  });
});

describe('the search facts of a referrer, remembered per URL', () => {
  it('are what splitting and matching the URL afresh gives, asked once or again', () => {
    for (const referrer of [
      'https://www.google.com/search?q=Desk+Lamp',
      'https://www.bing.com/',
      'https://blog.example/post',
      'not a url',
    ]) {
      const fresh = {
        isUrl: looksLikeUrl(referrer),
        host: splitUrl(referrer)?.host ?? '',
        keyword: searchEngineOf(referrer)?.keyword ?? '',
      };
      expect(referrerSearchOf(referrer)).toEqual(fresh);
      expect(referrerSearchOf(referrer)).toEqual(fresh);
    }
  });
});
