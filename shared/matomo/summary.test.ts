import { describe, expect, it } from 'vitest';
import { summarizeHit } from './summary';

describe('summarizeHit', () => {
  it('shows the page title, or the URL without one', () => {
    expect(summarizeHit('pageview', { action_name: ' Home ', url: 'https://a.org/' })).toBe('Home');
    expect(summarizeHit('pageview', { url: 'https://a.org/x' })).toBe('https://a.org/x');
  });

  it('shows the event path and value', () => {
    expect(summarizeHit('event', { e_c: 'Video', e_a: 'Play', e_n: 'Intro', e_v: '12.5' })).toBe(
      'Video › Play › Intro = 12.5',
    );
    expect(summarizeHit('event', { e_c: 'Video', e_a: 'Play' })).toBe('Video › Play');
  });

  it('shows the search keyword, category and count', () => {
    expect(
      summarizeHit('site_search', { search: 'shoes', search_cat: 'Men', search_count: '1' }),
    ).toBe('"shoes" in Men (1 result)');
    expect(summarizeHit('site_search', { search: 'x', search_count: '-1' })).toBe('"x"');
  });

  it('shows link and download URLs', () => {
    expect(summarizeHit('outlink', { link: 'https://b.org/#frag' })).toBe('https://b.org/#frag');
    expect(summarizeHit('download', { download: 'https://a.org/f.pdf' })).toBe(
      'https://a.org/f.pdf',
    );
  });

  it('shows content names with piece and target', () => {
    expect(
      summarizeHit('content_impression', { c_n: 'Banner', c_p: 'b.png', c_t: 'https://a.org/' }),
    ).toBe('Banner (b.png → https://a.org/)');
    expect(summarizeHit('content_interaction', { c_n: 'Banner', c_i: 'click' })).toBe(
      'click on Banner',
    );
  });

  it('shows goals and orders with revenue and item count', () => {
    expect(summarizeHit('goal', { idgoal: '3', revenue: '9.99' })).toBe('Goal 3 · revenue 9.99');
    expect(
      summarizeHit('ecommerce_order', { ec_id: 'A-1', revenue: '30.5', ec_items: '[["a"],["b"]]' }),
    ).toBe('Order A-1 · total 30.5 · 2 items');
    // Entries Matomo skips (no SKU) are not counted; a text is read by its bytes, so "junk"
    // is an item of SKU "j" (php: GoalManager indexes the string).
    expect(
      summarizeHit('ecommerce_order', {
        ec_id: 'A-2',
        revenue: '10',
        ec_items: '[["a","A",0,5,1],"junk",["","no sku"],[],""]',
      }),
    ).toBe('Order A-2 · total 10 · 2 items');
    expect(summarizeHit('ecommerce_cart', { revenue: '5' })).toBe('Cart update · total 5');
  });

  it('shows product views, heartbeats, media and crashes', () => {
    expect(
      summarizeHit('product_view', { _pks: 'SKU1', _pkn: 'Shoe', _pkc: 'Shoes', _pkp: '49.9' }),
    ).toBe('SKU1 Shoe (Shoes) @ 49.9');
    expect(summarizeHit('ping', { pv_id: 'aB3dE9' })).toBe('Heartbeat for page view aB3dE9');
    expect(
      summarizeHit('media', { ma_mt: 'video', ma_ti: 'Intro', ma_st: '12', ma_le: '120' }),
    ).toBe('video "Intro" · 12 s of 120 s played');
    expect(summarizeHit('crash', { cra: 'x is undefined', cra_tp: 'TypeError' })).toBe(
      'TypeError: x is undefined',
    );
    // The JS tracker's message often starts with the type already: said once.
    expect(summarizeHit('crash', { cra: 'TypeError: x', cra_tp: 'TypeError' })).toBe(
      'TypeError: x',
    );
  });

  it('says what an unknown hit is', () => {
    expect(summarizeHit('unknown', {})).toBe('(no parameters)');
    expect(summarizeHit('unknown', { ca: '1' })).toBe('(custom action nothing handles)');
  });

  it('cuts long summaries', () => {
    expect(summarizeHit('pageview', { action_name: 'x'.repeat(500) })).toHaveLength(160);
  });
});
