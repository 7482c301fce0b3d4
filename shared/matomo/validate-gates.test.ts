// Every stopping rule of docs/tracking-protocol.md#check-order: a case that triggers it and a close case that does not.
import { describe, expect, it } from 'vitest';
import { BASE, GOOGLEBOT, NOW_SECONDS, check, entryFrom } from '../../test-support/matomo-hit';
import { makeIssue } from './issue-codes';
import type { SiteProfile } from './types';

const SITE: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://example.org'],
  goals: [1, 2],
  dimensions: [1],
  siteSearch: true,
  tokens: ['0123456789abcdef0123456789abcdef'],
};
const TOKEN = '0123456789abcdef0123456789abcdef';

describe('request.empty', () => {
  it('excludes a request without parameters', () => {
    const result = check('');
    expect(result.outcome).toBe('excluded');
    expect(result.codes).toEqual(['request.empty']);
  });
  it('does not fire when a parameter is present', () => {
    expect(check('rec=1').codes).not.toContain('request.empty');
  });
});

describe('idsite', () => {
  it('rejects a missing idsite', () => {
    const result = check('rec=1&url=https%3A%2F%2Fexample.org%2F');
    expect(result.outcome).toBe('rejected');
    expect(result.issue('idsite.missing').param).toBe('idsite');
  });
  it('rejects 0, -1 and non-integers as invalid, naming the value', () => {
    expect(check('idsite=0&rec=1').issue('idsite.invalid').message).toContain('"0"');
    expect(check('idsite=-1&rec=1').issue('idsite.invalid').message).toContain('"-1"');
    const text = check('idsite=abc&rec=1');
    expect(text.issue('idsite.invalid').message).toContain('"abc"');
    expect(text.codes).not.toContain('value.not_int');
  });
  it('accepts a positive integer, also as " 1" or 1.0', () => {
    for (const idsite of ['1', '%201', '1.0']) {
      const result = check(`idsite=${idsite}&rec=1&url=https%3A%2F%2Fexample.org%2F`);
      expect(result.outcome, idsite).toBe('recorded');
    }
  });
  it('rejects an unknown site only when profiles exist', () => {
    const unknown = check(BASE.replace('idsite=1', 'idsite=100'), { ctx: { sites: [SITE] } });
    expect(unknown.outcome).toBe('rejected');
    expect(unknown.issue('idsite.unknown').message).toContain('100');
    expect(check(BASE, { ctx: { sites: [SITE] } }).codes).not.toContain('idsite.unknown');
    expect(check(BASE.replace('idsite=1', 'idsite=100')).outcome).toBe('recorded');
  });
  it('rejects a bad site even when the hit would be excluded (docs/tracking-protocol.md#check-order)', () => {
    expect(check('idsite=0&url=https%3A%2F%2Fexample.org%2F').outcome).toBe('rejected');
  });
});

describe('auth.required', () => {
  it.each(['cip=1.2.3.4', 'country=fr', 'region=IDF', 'city=Paris', 'lat=48.8', 'long=2.3'])(
    'rejects %s without token_auth, naming the override',
    (override) => {
      const result = check(`${BASE}&${override}`);
      expect(result.outcome).toBe('rejected');
      expect(result.issue('auth.required').param).toBe(override.split('=')[0]);
    },
  );
  it('accepts overrides with a token when no profile restricts tokens', () => {
    expect(check(`${BASE}&cip=1.2.3.4&token_auth=${TOKEN}`).outcome).toBe('recorded');
  });
  it('rejects a token the site profile does not list, and accepts a listed one', () => {
    const wrong = check(`${BASE}&cip=1.2.3.4&token_auth=${'f'.repeat(32)}`, {
      ctx: { sites: [SITE] },
    });
    expect(wrong.issue('auth.required').message).toContain('not accepted');
    const right = check(`${BASE}&cip=1.2.3.4&token_auth=${TOKEN}`, { ctx: { sites: [SITE] } });
    expect(right.outcome).toBe('recorded');
  });
  it('takes the bulk token for every entry', () => {
    expect(check(`${BASE}&cip=1.2.3.4`, { ctx: { bulkTokenAuth: TOKEN } }).outcome).toBe(
      'recorded',
    );
  });
  it('ignores empty overrides', () => {
    expect(check(`${BASE}&cip=&country=`).outcome).toBe('recorded');
  });
  it('still rejects an excluded request with an unauthenticated override (docs/tracking-protocol.md#check-order)', () => {
    expect(check('idsite=1&cip=1.2.3.4').issue('auth.required').param).toBe('cip');
  });
});

describe('cdt.too_old', () => {
  it('rejects a hit time 24 h or older without token', () => {
    const result = check(`${BASE}&cdt=${NOW_SECONDS - 86400}`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('cdt.too_old').message).toContain('86400 seconds');
  });
  it('accepts it with a token, and accepts younger times without one', () => {
    expect(check(`${BASE}&cdt=${NOW_SECONDS - 86400}&token_auth=${TOKEN}`).outcome).toBe(
      'recorded',
    );
    expect(check(`${BASE}&cdt=${NOW_SECONDS - 86399}`).outcome).toBe('recorded');
  });
  it('names cdo when the age comes from the offset alone', () => {
    expect(check(`${BASE}&cdo=99990`).issue('cdt.too_old').param).toBe('cdo');
  });
});

describe('bot.excluded', () => {
  it('excludes a bot user agent', () => {
    const result = check(BASE, { device: GOOGLEBOT });
    expect(result.outcome).toBe('excluded');
    expect(result.issue('bot.excluded').message).toContain('Googlebot');
  });
  it('records bots with bots=1, and humans always', () => {
    expect(check(`${BASE}&bots=1`, { device: GOOGLEBOT }).outcome).toBe('recorded');
    expect(check(BASE).codes).not.toContain('bot.excluded');
  });
});

describe('rec.missing', () => {
  it('excludes a hit without rec, or with rec=0 or rec=yes', () => {
    for (const query of [
      'idsite=1&url=https%3A%2F%2Fa.org%2F',
      `${BASE}&rec=0`,
      `${BASE}&rec=yes`,
    ]) {
      const result = check(query);
      expect(result.outcome, query).toBe('excluded');
      expect(result.codes, query).toContain('rec.missing');
      expect(result.codes, query).not.toContain('value.not_int');
    }
  });
  it('records with rec=1', () => {
    expect(check(BASE).codes).not.toContain('rec.missing');
  });
});

describe('install_check.excluded', () => {
  it('excludes a tracker installation check', () => {
    expect(
      check(`${BASE}&tracker_install_check=abc123`).issue('install_check.excluded').param,
    ).toBe('tracker_install_check');
  });
  it('ignores an empty value', () => {
    expect(check(`${BASE}&tracker_install_check=`).outcome).toBe('recorded');
  });
});

describe('cid.length', () => {
  it('rejects a cid that is not 16 characters', () => {
    const result = check(`${BASE}&cid=abc`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('cid.length').message).toContain('3 bytes');
  });
  it('accepts 16 characters, and any cid when uid takes precedence', () => {
    expect(check(`${BASE}&cid=0123456789abcdef`).outcome).toBe('recorded');
    expect(check(`${BASE}&cid=abc&uid=user-1`).outcome).toBe('recorded');
  });
  it('does not reject an excluded hit for its cid (docs/tracking-protocol.md#check-order)', () => {
    const result = check('idsite=1&cid=abc');
    expect(result.outcome).toBe('excluded');
    expect(result.codes).not.toContain('cid.length');
  });
});

describe('ca.unclaimed', () => {
  it('rejects ca=1 without any custom action', () => {
    expect(check(`${BASE}&ca=1`).issue('ca.unclaimed').param).toBe('ca');
  });
  it('accepts ca=1 on events, content, media and crash hits', () => {
    expect(check(`${BASE}&ca=1&e_c=C&e_a=A`).outcome).toBe('recorded');
    expect(check(`${BASE}&ca=1&c_n=Banner`).outcome).toBe('recorded');
    expect(check(`${BASE}&ca=1&ma_id=m&ma_re=x&ma_mt=video`).codes).not.toContain('ca.unclaimed');
    expect(check(`${BASE}&ca=1&cra=Boom`).codes).not.toContain('ca.unclaimed');
  });
});

describe('idgoal.unknown', () => {
  it('rejects a goal id the site profile does not list', () => {
    const result = check(`${BASE}&idgoal=9999`, { ctx: { sites: [SITE] } });
    expect(result.outcome).toBe('rejected');
    expect(result.issue('idgoal.unknown').message).toContain('9999');
  });
  it('accepts a listed goal, and any goal without a profile', () => {
    expect(check(`${BASE}&idgoal=2`, { ctx: { sites: [SITE] } }).outcome).toBe('recorded');
    expect(check(`${BASE}&idgoal=9999`).outcome).toBe('recorded');
  });
  it('counts the ids of goal definitions as existing goals', () => {
    const defined: SiteProfile = {
      ...SITE,
      goals: [],
      goalDefinitions: [
        {
          idgoal: 7,
          name: 'Signup',
          matchAttribute: 'manually',
          pattern: '',
          patternType: 'contains',
        },
      ],
    };
    expect(check(`${BASE}&idgoal=7`, { ctx: { sites: [defined] } }).outcome).toBe('recorded');
    const unknown = check(`${BASE}&idgoal=8`, { ctx: { sites: [defined] } });
    expect(unknown.issue('idgoal.unknown').message).toContain('known goals: 7.');
  });
});

describe('ec_items.ignored', () => {
  it('excludes an order whose ec_items is not a list', () => {
    const result = check(`${BASE}&idgoal=0&ec_id=A1&revenue=10&ec_items=45`);
    expect(result.outcome).toBe('excluded');
    expect(result.issue('ec_items.ignored').message).toContain('"45"');
  });
  it('records an order with empty or list ec_items', () => {
    expect(check(`${BASE}&idgoal=0&ec_id=A1&revenue=10&ec_items=`).outcome).toBe('recorded');
    expect(check(`${BASE}&idgoal=0&ec_id=A1&revenue=10&ec_items=[]`).outcome).toBe('recorded');
  });
});

describe('pf.negative', () => {
  it('rejects a negative timing other than -1 on a page view', () => {
    const result = check(`${BASE}&pf_srv=-5`);
    expect(result.outcome).toBe('rejected');
    expect(result.issue('pf.negative').param).toBe('pf_srv');
  });
  it('accepts -1, and negative values on other hit types', () => {
    expect(check(`${BASE}&pf_srv=-1`).outcome).toBe('recorded');
    expect(check(`${BASE}&pf_srv=-5&e_c=C&e_a=A`).codes).not.toContain('pf.negative');
  });
});

describe('ec_id.duplicate', () => {
  const order = `${BASE}&idgoal=0&ec_id=ORDER-7&revenue=10`;
  it('rejects an order id seen before for the same site', () => {
    const result = check(order, { ctx: { seenOrders: new Set(['1:ORDER-7']) } });
    expect(result.outcome).toBe('rejected');
    expect(result.issue('ec_id.duplicate').message).toContain('ORDER-7');
  });
  it('accepts the first order, and the same id on another site', () => {
    expect(check(order, { ctx: { seenOrders: new Set() } }).outcome).toBe('recorded');
    expect(check(order, { ctx: { seenOrders: new Set(['2:ORDER-7']) } }).outcome).toBe('recorded');
  });
});

describe('order of checks (docs/tracking-protocol.md#check-order)', () => {
  it('reports only the first stopping issue', () => {
    const result = check('idsite=0&cid=abc&pf_srv=-5');
    expect(result.codes.filter((code) => code !== 'url.missing')).toEqual(['idsite.invalid']);
  });
  it('excludes before the visitor, goal and order checks', () => {
    expect(
      check('idsite=1&idgoal=0&ec_id=X&ec_items=45', { ctx: { seenOrders: new Set(['1:X']) } })
        .outcome,
    ).toBe('excluded');
  });
  it('returns the parse issues too, errors first, then warnings, then info', () => {
    const entry = entryFrom('idsite=0&foo=1&h=30');
    entry.issues.push(makeIssue('encoding.unescaped', { param: 'foo', message: 'raw space' }));
    const result = check(entry);
    expect(result.codes[0]).toBe('idsite.invalid');
    expect(result.codes).toContain('encoding.unescaped');
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = result.issues.map((issue) => rank[issue.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks).toContain(1);
    expect(ranks).toContain(2);
  });
});
