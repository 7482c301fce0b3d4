import { describe, expect, it } from 'vitest';
import { looksLikeUrl, splitUrl } from './url-parts';

describe('splitUrl', () => {
  it('gives each caller its own parts, also for a URL split before', () => {
    const first = splitUrl('https://Shop.example:8080/cart?x=1#top');
    expect(first).toEqual({
      href: 'https://Shop.example:8080/cart?x=1#top',
      scheme: 'https',
      host: 'shop.example',
      port: 8080,
      path: '/cart',
      query: 'x=1',
      fragment: 'top',
    });
    first!.host = 'changed.example';
    const again = splitUrl('https://Shop.example:8080/cart?x=1#top');
    expect(again).not.toBe(first);
    expect(again?.host).toBe('shop.example');
  });

  it('splits long URLs too', () => {
    const long = `https://example.org/${'a'.repeat(5000)}`;
    expect(splitUrl(long)).toMatchObject({ host: 'example.org', path: `/${'a'.repeat(5000)}` });
    expect(splitUrl(long)).toMatchObject({ host: 'example.org' });
  });

  it('refuses text that does not look like a URL, every time it is asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(splitUrl('example.org/page')).toBeNull();
      expect(splitUrl('javascript://alert(1)')).toBeNull();
    }
  });

  it('trims as PHP does: NUL and vertical tab go, Unicode spaces stay', () => {
    // php: PageUrl::getUrlIfLookValid(PageUrl::cleanupUrl(…)) on each value.
    expect(looksLikeUrl(' https://a.example/')).toBe(true);
    expect(splitUrl('\u0000 https://a.example/')).toMatchObject({ href: 'https://a.example/' });
    expect(splitUrl('\u0000\u000b https://a.example/')).toMatchObject({ path: '/' });
    expect(splitUrl('https:// \u0000')).toBeNull();
    expect(splitUrl('https://a.example/ \u0000')).toMatchObject({ path: '/' });
    expect(splitUrl('x\u0000 https://a.example/')).toBeNull();
    // false: a no-break space, a form feed or a byte order mark before the scheme.
    expect(looksLikeUrl('\u00a0https://a.example/')).toBe(false);
    expect(splitUrl('\u000chttps://a.example/')).toBeNull();
    expect(splitUrl('\ufeffhttps://a.example/')).toBeNull();
  });

  it('takes the port after the last colon only when digits follow it', () => {
    expect(splitUrl('https://h.example:81/')).toMatchObject({ host: 'h.example', port: 81 });
    expect(splitUrl('https://h.example:/')).toMatchObject({ host: 'h.example', port: null });
    expect(splitUrl('https://[::1]:8080/')).toMatchObject({ host: '[::1]', port: 8080 });
    expect(splitUrl('https://u:p@h.example/')).toMatchObject({ host: 'h.example', port: null });
  });
});
