// The acceptance cases of docs/tracking-protocol.md#acceptance-cases that need no database and concern decoding, classifying
// and validating one hit (default config, site 1 exists, debug off).
import { describe, expect, it } from 'vitest';
import { GOOGLEBOT, NOW_SECONDS, check } from '../../test-support/matomo-hit';
import { decodeParams } from './decode';
import { customTime, localTime } from './time';
import type { SiteProfile } from './types';
import { visitorId } from './visitor';

const SITE_1: SiteProfile = {
  idsite: 1,
  name: 'Example',
  urls: ['http://example.org'],
  goals: [1],
  dimensions: [],
  siteSearch: true,
  tokens: [],
};
const sites = [SITE_1];
const TOKEN = 'c4ca4238a0b923820dcc509a6f75849b';
const PAGE = 'idsite=1&rec=1&action_name=Test&url=http://example.org/';

describe('docs/tracking-protocol.md#acceptance-cases', () => {
  it('case 3: an idsite that does not exist is rejected', () => {
    const result = check(PAGE.replace('idsite=1', 'idsite=100'), { ctx: { sites } });
    expect(result.outcome).toBe('rejected');
    expect(result.codes[0]).toBe('idsite.unknown');
  });

  it("case 4: idsite=0 is rejected (Invalid idSite: '0')", () => {
    const result = check(PAGE.replace('idsite=1', 'idsite=0'));
    expect(result.outcome).toBe('rejected');
    expect(result.issue('idsite.invalid').message).toContain('"0"');
  });

  it('case 5: idsite=-1 is rejected', () => {
    const result = check(PAGE.replace('idsite=1', 'idsite=-1'));
    expect(result.outcome).toBe('rejected');
    expect(result.issue('idsite.invalid').message).toContain('"-1"');
  });

  it('case 6: idgoal=9999 on a valid request is rejected (idGoal 9999 does not exist)', () => {
    const result = check(`${PAGE}&idgoal=9999`, { ctx: { sites } });
    expect(result.type).toBe('goal');
    expect(result.outcome).toBe('rejected');
    expect(result.issue('idgoal.unknown').message).toContain('Goal 9999 does not exist');
  });

  it('case 7: a cid of 16 characters is accepted, of 17 rejected', () => {
    const ok = check(`${PAGE}&cid=0123456789abcdef&token_auth=${TOKEN}&ua=Mozilla`, {
      ctx: { sites },
    });
    expect(ok.outcome).toBe('recorded');
    const bad = check(`${PAGE}&cid=0123456789abcdef0&token_auth=${TOKEN}&ua=Mozilla`, {
      ctx: { sites },
    });
    expect(bad.outcome).toBe('rejected');
    expect(bad.issue('cid.length').message).toContain('17 bytes');
  });

  it('case 9: ?rec=1 without idsite is rejected', () => {
    const result = check('rec=1');
    expect(result.outcome).toBe('rejected');
    expect(result.codes[0]).toBe('idsite.missing');
  });

  it('case 11: cdt 86500 s old without token is rejected', () => {
    const result = check(`${PAGE}&cdt=${NOW_SECONDS - 86500}`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('cdt.too_old').message).toContain('86500 seconds old');
  });

  it('case 12: cdt 5 s old without token is accepted and used', () => {
    const query = `${PAGE}&cdt=${NOW_SECONDS - 5}`;
    expect(check(query).outcome).toBe('recorded');
    expect(customTime({ cdt: String(NOW_SECONDS - 5) }, NOW_SECONDS)).toMatchObject({
      status: 'used',
      seconds: NOW_SECONDS - 5,
    });
  });

  it('case 13: a cdt 30800 s in the future is accepted but ignored', () => {
    const result = check(`${PAGE}&cdt=${NOW_SECONDS + 30800}`);
    expect(result.outcome).toBe('recorded');
    expect(result.issue('cdt.out_of_range').message).toContain('future');
  });

  it('case 14: cdt=5 with a valid token is ignored (older than 20 years)', () => {
    const result = check(`${PAGE}&cdt=5&token_auth=${TOKEN}`);
    expect(result.outcome).toBe('recorded');
    expect(result.issue('cdt.out_of_range').message).toContain('20 years');
  });

  it('case 15: cdo=10 dates the hit 10 s back; cdo=99990 without token is rejected', () => {
    expect(check(`${PAGE}&cdo=10`).outcome).toBe('recorded');
    expect(customTime({ cdo: '10' }, NOW_SECONDS)).toMatchObject({ seconds: NOW_SECONDS - 10 });
    const result = check(`${PAGE}&cdo=99990`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('cdt.too_old').message).toContain('99990 seconds old');
  });

  it('case 16: cdt=t&cdo=-10 dates the hit at t−10', () => {
    const t = NOW_SECONDS - 1000;
    expect(customTime({ cdt: String(t), cdo: '-10' }, NOW_SECONDS)).toMatchObject({
      seconds: t - 10,
    });
    expect(check(`${PAGE}&cdt=${t}&cdo=-10`).outcome).toBe('recorded');
  });

  it('case 17: cip without token is rejected; with a valid token it is used', () => {
    const result = check(`${PAGE}&cip=192.192.192.192`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('auth.required')).toMatchObject({ param: 'cip' });
    expect(check(`${PAGE}&cip=192.192.192.192&token_auth=${TOKEN}`).outcome).toBe('recorded');
  });

  it('case 18: _id is read as lower-case hex; uid=foo gives visitor 0beec7b5ea3f0fdb', () => {
    const params = { ...Object.fromEntries(new URLSearchParams(PAGE)), _id: '1234567890ABCDEF' };
    expect(decodeParams(params)._id?.value).toBe('1234567890abcdef');
    expect(visitorId(params)).toEqual({ id: '1234567890abcdef', source: '_id' });
    expect(visitorId({ ...params, uid: 'foo' })).toEqual({ id: '0beec7b5ea3f0fdb', source: 'uid' });
    expect(check(`${PAGE}&_id=1234567890ABCDEF`).codes).not.toContain('id.format');
  });

  it('case 19: h=26&m=60&s=333 gives 00:00:00; h=12&m=34&s=3 gives 12:34:03', () => {
    expect(localTime({ h: '26', m: '60', s: '333' }, NOW_SECONDS)).toBe('00:00:00');
    expect(localTime({ h: '12', m: '34', s: '3' }, NOW_SECONDS)).toBe('12:34:03');
    const result = check(`${PAGE}&h=26&m=60&s=333`);
    expect(result.outcome).toBe('recorded');
    expect(result.issues.filter((i) => i.code === 'time.out_of_range').map((i) => i.param)).toEqual(
      ['h', 'm', 's'],
    );
  });

  it('case 22: ua=Googlebot&bots=0 is excluded as a bot', () => {
    const result = check(`${PAGE}&ua=Googlebot&bots=0`, { device: GOOGLEBOT });
    expect(result.outcome).toBe('excluded');
    expect(result.codes[0]).toBe('bot.excluded');
  });

  const ORDER = `${PAGE}&idgoal=0&ec_id=X&revenue=10`;

  it('case 25: an order with empty ec_items is recorded with 0 items', () => {
    const result = check(`${ORDER}&ec_items=`);
    expect(result.type).toBe('ecommerce_order');
    expect(result.outcome).toBe('recorded');
  });

  it('case 26: an order with ec_items=45 records no conversion', () => {
    const result = check(`${ORDER}&ec_items=45`);
    expect(result.outcome).toBe('excluded');
    expect(result.codes[0]).toBe('ec_items.ignored');
  });

  it('case 27: the same order sent twice is rejected the second time', () => {
    expect(check(ORDER, { ctx: { seenOrders: new Set() } }).outcome).toBe('recorded');
    const again = check(ORDER, { ctx: { seenOrders: new Set(['1:X']) } });
    expect(again.outcome).toBe('rejected');
    expect(again.codes[0]).toBe('ec_id.duplicate');
  });

  it('case 28: SKU and name lists are joined with commas', () => {
    const items = '[[["sku1","sku2"],["name1","name2"],"category1",12.99,1]]';
    const decoded = decodeParams({ ec_items: items }).ec_items?.value;
    expect(decoded).toEqual([
      {
        sku: 'sku1,sku2',
        name: 'name1,name2',
        categories: ['category1'],
        price: 12.99,
        quantity: 1,
      },
    ]);
    expect(check(`${ORDER}&ec_items=${encodeURIComponent(items)}`).outcome).toBe('recorded');
  });

  it('case 31: an outlink keeps its fragment', () => {
    const result = check(
      'idsite=1&rec=1&url=http://example.org/&link=http://example.com/outlink%23fragment-here',
    );
    expect(result.type).toBe('outlink');
    const link = decodeParams({ link: 'http://example.com/outlink#fragment-here' }).link?.value;
    expect(link).toMatchObject({
      fragment: 'fragment-here',
      href: 'http://example.com/outlink#fragment-here',
    });
  });
});
