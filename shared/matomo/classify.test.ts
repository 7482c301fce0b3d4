import { describe, expect, it } from 'vitest';
import { classifyHit } from './classify';
import type { ParamValue } from './types';

const base = { idsite: '1', rec: '1', url: 'https://example.org/' };
const type = (extra: Record<string, ParamValue>, siteSearch?: boolean) =>
  classifyHit({ ...base, ...extra }, { search: { enabled: siteSearch } });

describe('classifyHit', () => {
  it('defaults to a page view', () => {
    expect(type({ action_name: 'Home' })).toBe('pageview');
    expect(type({})).toBe('pageview');
  });

  it('names each action type', () => {
    expect(type({ download: 'https://example.org/a.pdf' })).toBe('download');
    expect(type({ link: 'https://other.org/' })).toBe('outlink');
    expect(type({ e_c: 'Video', e_a: 'Play' })).toBe('event');
    expect(type({ c_n: 'Banner', c_p: 'img.png' })).toBe('content_impression');
    expect(type({ c_n: 'Banner', c_i: 'click' })).toBe('content_interaction');
    expect(type({ search: 'shoes' })).toBe('site_search');
  });

  it('follows the factory priority download > outlink > event > content > site search', () => {
    const all = {
      download: 'https://example.org/a.pdf',
      link: 'https://other.org/',
      e_c: 'C',
      e_a: 'A',
      c_n: 'N',
      search: 'q',
    };
    expect(type(all)).toBe('download');
    const { download: _d, ...noDownload } = all;
    expect(type(noDownload)).toBe('outlink');
    const { link: _l, ...noLink } = noDownload;
    expect(type(noLink)).toBe('event');
    const { e_c: _c, ...noEvent } = noLink;
    expect(type(noEvent)).toBe('content_impression');
    const { c_n: _n, ...noContent } = noEvent;
    expect(type(noContent)).toBe('site_search');
  });

  it('needs both e_c and e_a for an event', () => {
    expect(type({ e_c: 'Video' })).toBe('pageview');
    expect(type({ e_c: 'Video', e_a: '' })).toBe('pageview');
  });

  it('treats "0" like PHP empty() for link, download and content names', () => {
    expect(type({ link: '0' })).toBe('pageview');
    expect(type({ c_n: '0' })).toBe('pageview');
  });

  it('turns a search into a page view when site search is off', () => {
    expect(type({ search: 'shoes' }, false)).toBe('pageview');
    expect(type({ search: 'shoes' }, true)).toBe('site_search');
  });

  it('classifies goals and ecommerce by idgoal', () => {
    expect(type({ idgoal: '3', revenue: '5' })).toBe('goal');
    expect(type({ idgoal: '0', ec_id: 'A-1', revenue: '10' })).toBe('ecommerce_order');
    expect(type({ idgoal: '0', revenue: '10' })).toBe('ecommerce_cart');
    expect(type({ idgoal: '-1', action_name: 'x' })).toBe('pageview');
    expect(type({ idgoal: 'abc' })).toBe('pageview');
  });

  it('ranks goals above actions and heartbeats above everything', () => {
    expect(type({ idgoal: '2', e_c: 'C', e_a: 'A' })).toBe('goal');
    expect(type({ ping: '1', idgoal: '2', e_c: 'C', e_a: 'A' })).toBe('ping');
    expect(type({ ping: '0', action_name: 'x' })).toBe('pageview');
  });

  it('names media, crash and product views', () => {
    expect(type({ ma_id: 'm1', ma_re: 'https://example.org/v.mp4', ma_mt: 'video', ca: '1' })).toBe(
      'media',
    );
    expect(type({ cra: 'TypeError: x', ca: '1' })).toBe('crash');
    expect(type({ _pks: 'SKU1', _pkn: 'Shoe' })).toBe('product_view');
    expect(type({ _pkc: 'Shoes', link: 'https://other.org/' })).toBe('outlink');
  });

  it('is unknown for an empty request or an unclaimed custom action', () => {
    expect(classifyHit({})).toBe('unknown');
    expect(type({ ca: '1' })).toBe('unknown');
    expect(type({ ca: '1', e_c: 'C', e_a: 'A' })).toBe('event');
  });

  it('reads bulk object values', () => {
    expect(classifyHit({ idsite: 1, rec: 1, idgoal: 0, ec_id: 'X' })).toBe('ecommerce_order');
  });
});
