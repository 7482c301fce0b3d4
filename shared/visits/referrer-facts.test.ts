// The referrer facts the campaign and website boundaries compare (plugins/Referrers/Columns/Base.php).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAMPAIGN_KEYWORD_PARAMS,
  DEFAULT_CAMPAIGN_NAME_PARAMS,
  referrerFacts,
} from './referrer-facts';

const ctx = { siteUrls: ['https://shop.example'] };

describe('referrerFacts', () => {
  it('reads a campaign from the landing URL query, then its fragment, lower-cased', () => {
    expect(
      referrerFacts({ url: 'https://shop.example/?pk_campaign=Spring&pk_kwd=Shoes' }, ctx),
    ).toEqual({
      type: 'campaign',
      name: 'spring',
      keyword: 'shoes',
    });
    expect(
      referrerFacts({ url: 'https://shop.example/#utm_campaign=Mail%20One' }, ctx),
    ).toMatchObject({
      name: 'mail one',
    });
  });

  // Base.php lines 447–473: campaign parameters sent with the tracking request win.
  it('lets campaign parameters of the tracking request win over the URL', () => {
    expect(
      referrerFacts(
        { url: 'https://shop.example/?pk_campaign=a', mtm_campaign: 'B', mtm_kwd: 'k' },
        ctx,
      ),
    ).toEqual({ type: 'campaign', name: 'b', keyword: 'k' });
  });

  // The default names are read one by one by name: each in its place in the list.
  it('reads every default campaign name and keyword of the tracking request, the first filled one first', () => {
    const names = DEFAULT_CAMPAIGN_NAME_PARAMS;
    const keywords = DEFAULT_CAMPAIGN_KEYWORD_PARAMS;
    names.forEach((name, i) => {
      const keyword = keywords[i % keywords.length] as string;
      const params = { url: 'https://shop.example/', [name]: `Name${i}`, [keyword]: `Kw${i}` };
      expect(referrerFacts(params, ctx)).toEqual({
        type: 'campaign',
        name: `name${i}`,
        keyword: `kw${i}`,
      });
      // A later name in the list loses to this one; "0" and "" count as not sent.
      const later = names[i + 1];
      if (later) expect(referrerFacts({ ...params, [later]: 'Later' }, ctx).name).toBe(`name${i}`);
      expect(referrerFacts({ ...params, [name]: '0' }, ctx).type).not.toBe('campaign');
    });
    keywords.forEach((keyword, i) => {
      const params = { url: 'https://shop.example/', pk_campaign: 'c', [keyword]: 'K' };
      expect(referrerFacts(params, ctx).keyword).toBe('k');
      const later = keywords[i + 1];
      if (later) expect(referrerFacts({ ...params, [later]: 'L' }, ctx).keyword).toBe('k');
    });
    // A site's own names replace the defaults for the request's parameters too.
    const own = { ...ctx, campaignNameParams: ['src'], campaignKeywordParams: ['kw'] };
    expect(referrerFacts({ url: 'https://shop.example/', src: 'A', kw: 'B' }, own)).toEqual({
      type: 'campaign',
      name: 'a',
      keyword: 'b',
    });
    expect(referrerFacts({ url: 'https://shop.example/', pk_campaign: 'x' }, own).type).toBe(
      'direct',
    );
  });

  // Base.php lines 594–611: no keyword: the visit's keyword for the same campaign, else the referrer host.
  it('fills a missing keyword from the same campaign of the visit, else the referrer host', () => {
    const params = {
      url: 'https://shop.example/?pk_campaign=spring',
      urlref: 'https://mail.example/x',
    };
    expect(referrerFacts(params, ctx).keyword).toBe('mail.example');
    const visit = { type: 'campaign' as const, name: 'spring', keyword: 'first' };
    expect(referrerFacts(params, { ...ctx, visit }).keyword).toBe('first');
  });

  it('sees no referrer, the site itself and the page host as direct entry; others as a website', () => {
    expect(referrerFacts({ url: 'https://shop.example/' }, ctx).type).toBe('direct');
    expect(
      referrerFacts({ url: 'https://other.example/', urlref: 'https://shop.example/a' }, ctx).type,
    ).toBe('direct');
    expect(
      referrerFacts({ url: 'https://a.example/', urlref: 'https://a.example/b' }, { siteUrls: [] })
        .type,
    ).toBe('direct');
    expect(
      referrerFacts({ url: 'https://shop.example/', urlref: 'https://Blog.example/p' }, ctx),
    ).toMatchObject({
      type: 'website',
      name: 'blog.example',
    });
    // Not a URL: ignored (Base.php lines 97–107).
    expect(referrerFacts({ url: 'https://shop.example/', urlref: 'not a url' }, ctx).type).toBe(
      'direct',
    );
  });

  it('ignores every referrer with ignore_referrer=1 in the page URL (Base.php 80–93)', () => {
    expect(
      referrerFacts(
        {
          url: 'https://shop.example/?pk_campaign=x&ignore_referrer=1',
          urlref: 'https://b.example/',
        },
        ctx,
      ),
    ).toEqual({ type: 'direct', name: '', keyword: '' });
  });

  it('uses the site profile’s own campaign parameter names when it has them', () => {
    const own = { ...ctx, campaignNameParams: ['src'], campaignKeywordParams: ['kw'] };
    expect(referrerFacts({ url: 'https://shop.example/?src=Ads&kw=x' }, own)).toMatchObject({
      type: 'campaign',
      name: 'ads',
    });
    expect(referrerFacts({ url: 'https://shop.example/?pk_campaign=x' }, own).type).toBe('direct');
  });
});
