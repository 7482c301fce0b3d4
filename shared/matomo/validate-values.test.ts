// Every non-stopping rule: values Matomo drops or changes (warnings) and lint findings.
// Each case triggers the rule on a hit that is still recorded; a close case does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE,
  check,
  LEGACY_PARAM_NAMES,
  NOW_SECONDS,
  rawRequestFrom,
} from '../../test-support/matomo-hit';
import { analyzeRequest, analyzeRequestInSlices } from './analyze';
import type { ParamValue, SiteProfile } from './types';
import { UNKNOWN_NAMES_LISTED } from './validate-values';

const SITE: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: [],
  goals: [],
  dimensions: [1, 3],
  siteSearch: false,
  tokens: [],
};

/** Asserts the rule fires on `bad` (naming `param`) and not on `good`, both recorded. */
function rule(code: string, param: string, bad: string, good: string, ctx = {}) {
  const fired = check(`${BASE}&${bad}`, { ctx });
  expect(fired.outcome).toBe('recorded');
  const issue = fired.issue(code);
  expect(issue.param).toBe(param);
  expect(issue.severity).not.toBe('error');
  expect(issue.hint).toBeTruthy();
  const quiet = check(`${BASE}&${good}`, { ctx });
  expect(quiet.codes).not.toContain(code);
  return issue;
}

describe('values Matomo drops or changes', () => {
  it('value.not_int', () => {
    expect(rule('value.not_int', 'idgoal', 'idgoal=0x1A', 'idgoal=-1').message).toContain('"0x1A"');
    rule('value.not_int', 'new_visit', 'new_visit=yes', 'new_visit=1');
  });
  it('value.not_number', () => {
    expect(
      rule('value.not_number', 'e_v', 'e_c=C&e_a=A&e_v=1,5', 'e_c=C&e_a=A&e_v=1.5').message,
    ).toContain('"1,5"');
  });
  it('value.not_string (bulk object values)', () => {
    const fired = check({ idsite: 1, rec: 1, url: 'https://a.org/', action_name: ['a', 'b'] });
    expect(fired.issue('value.not_string').param).toBe('action_name');
    expect(check({ idsite: 1, rec: 1, url: 'https://a.org/', action_name: 7 }).codes).not.toContain(
      'value.not_string',
    );
  });
  it('value.out_of_range', () => {
    rule('value.out_of_range', 'pf_srv', 'pf_srv=20000000', 'pf_srv=200');
  });
  it('json.invalid', () => {
    expect(
      rule('json.invalid', '_cvar', '_cvar={"1":["a","b"]', '_cvar={"1":["a","b"]}').message,
    ).toContain('_cvar');
  });
  it('json.shape', () => {
    rule('json.shape', 'uadata', 'uadata="Linux"', 'uadata={"platform":"Linux"}');
    rule('json.shape', '_cvar', '_cvar={"7":["a","b"]}', '_cvar={"5":["a","b"]}');
  });
  it('url.invalid', () => {
    expect(
      rule('url.invalid', 'urlref', 'urlref=google.com', 'urlref=https://google.com/').message,
    ).toContain('"google.com"');
  });
  it('value.truncated', () => {
    expect(
      rule('value.truncated', 'uid', `uid=${'u'.repeat(201)}`, `uid=${'u'.repeat(200)}`).message,
    ).toContain('201 characters');
  });
  it('cdt.out_of_range (future, or milliseconds read as seconds far in the future)', () => {
    rule('cdt.out_of_range', 'cdt', `cdt=${NOW_SECONDS + 3600}`, `cdt=${NOW_SECONDS - 60}`);
    rule('cdt.out_of_range', 'cdt', `cdt=${NOW_SECONDS * 1000}`, `cdt=${NOW_SECONDS}`);
  });
  it('cdt.invalid', () => {
    rule('cdt.invalid', 'cdt', 'cdt=someday', 'cdt=2024-10-24 11:59:00');
  });
  it('time.out_of_range', () => {
    expect(rule('time.out_of_range', 'm', 'h=12&m=60&s=0', 'h=12&m=59&s=0').message).toContain(
      '60',
    );
  });
  it('id.format', () => {
    rule('id.format', '_id', '_id=abc', '_id=0123456789abcdef');
    rule('id.format', 'cid', 'cid=ghijklmnopqrstuv', 'cid=0123456789ABCDEF');
  });
  it('event.incomplete', () => {
    const issue = rule(
      'event.incomplete',
      'e_c',
      'e_a=Play&e_n=Intro',
      'e_c=Video&e_a=Play&e_n=Intro',
    );
    expect(issue.message).toContain('e_c');
    expect(check(`${BASE}&e_c=Video&e_v=3`).issue('event.incomplete').param).toBe('e_a');
  });
  it('content.incomplete', () => {
    rule('content.incomplete', 'c_n', 'c_p=banner.png', 'c_n=Banner&c_p=banner.png');
  });
  it('search.not_enabled (site profile only)', () => {
    rule('search.not_enabled', 'search', 'search=shoes', 'action_name=Search', { sites: [SITE] });
    expect(check(`${BASE}&search=shoes`).codes).not.toContain('search.not_enabled');
    expect(check(`${BASE}&search=shoes`, { ctx: { sites: [SITE] } }).type).toBe('pageview');
  });
  it('dimension.inactive (site profile only)', () => {
    rule('dimension.inactive', 'dimension2', 'dimension2=x', 'dimension3=x', { sites: [SITE] });
    expect(check(`${BASE}&dimension2=x`).codes).not.toContain('dimension.inactive');
  });
  it('ping.action_ignored', () => {
    rule('ping.action_ignored', 'ping', 'ping=1&e_c=C&e_a=A', 'ping=1');
  });
});

describe('lint', () => {
  it('param.unknown with a did-you-mean suggestion', () => {
    const issue = rule('param.unknown', 'action-name', 'action-name=Home', 'action_name=Home');
    expect(issue.message).toContain('did you mean "action_name"');
    expect(issue.severity).toBe('info');
    expect(check(`${BASE}&utm_campaign=x`).issue('param.unknown').message).not.toContain(
      'did you mean',
    );
  });
  it('param.unknown names the first names one by one and counts the rest in one issue', () => {
    const names = (count: number) =>
      Array.from({ length: count }, (_, i) => `made_up_${i}=x`).join('&');
    const listed = check(`${BASE}&${names(UNKNOWN_NAMES_LISTED)}`).issues.filter(
      (issue) => issue.code === 'param.unknown',
    );
    expect(listed.map((issue) => issue.param)).toEqual(
      Array.from({ length: UNKNOWN_NAMES_LISTED }, (_, i) => `made_up_${i}`),
    );
    const many = check(`${BASE}&${names(900)}`);
    expect(many.outcome).toBe('recorded');
    const unknown = many.issues.filter((issue) => issue.code === 'param.unknown');
    expect(unknown).toHaveLength(UNKNOWN_NAMES_LISTED + 1);
    expect(unknown.at(-1)).toMatchObject({
      param: `made_up_${UNKNOWN_NAMES_LISTED}`,
      message: `Matomo does not read 850 more parameters of this request, from "made_up_50" on (the first 50 are listed one by one).`,
      more: 850,
    });
  });
  it('leaves PHP array keys to the parser (param.array)', () => {
    expect(check(`${BASE}&dimension%5B1%5D=x`).codes).not.toContain('param.unknown');
  });
  it('param.legacy', () => {
    for (const name of LEGACY_PARAM_NAMES) {
      expect(check(`${BASE}&${name}=1`).issue('param.legacy').param).toBe(name);
    }
    expect(check(`${BASE}&r=123456&_idn=0`).codes).not.toContain('param.legacy');
  });
  it('token.in_url for a token in the query string, not in a form body or bulk', () => {
    const token = 'token_auth=0123456789abcdef0123456789abcdef';
    expect(check(`${BASE}&${token}`).issue('token.in_url').param).toBe('token_auth');
    expect(check(`${BASE}&${token}`, { source: 'body' }).codes).not.toContain('token.in_url');
    expect(check(`${BASE}&${token}`, { source: 'bulk' }).codes).not.toContain('token.in_url');
  });
  it('token.format', () => {
    rule(
      'token.format',
      'token_auth',
      'token_auth=secret',
      'token_auth=0123456789abcdef0123456789abcdef',
    );
  });
  it('res.format', () => {
    expect(rule('res.format', 'res', 'res=320%C3%97480', 'res=320x480').message).toContain(
      '320×480',
    );
  });
  it('url.missing, unless the Referer header stands in (docs/tracking-protocol.md#parameter-sources)', () => {
    const missing = check('idsite=1&rec=1&action_name=Home');
    expect(missing.issue('url.missing').param).toBe('url');
    expect(
      check('idsite=1&rec=1', { ctx: { headers: { referer: 'https://a.org/' } } }).codes,
    ).not.toContain('url.missing');
    expect(
      check('idsite=1&rec=1&urlref=https%3A%2F%2Fb.org%2F', {
        ctx: { headers: { referer: 'https://a.org/' } },
      }).codes,
    ).toContain('url.missing');
    expect(check(BASE).codes).not.toContain('url.missing');
  });
  it('debug.on_demand', () => {
    rule('debug.on_demand', 'debug', 'debug=1', 'debug=0');
  });
});

describe('values that display differently from what they hold', () => {
  it('value.invisible_control names the parameter and each character', () => {
    // U+202E makes `gnp.exe` display as `exe.png`.
    const issue = rule(
      'value.invisible_control',
      'action_name',
      'action_name=invoice%E2%80%AEgnp.exe',
      'action_name=invoice.png',
    );
    expect(issue.message).toContain('U+202E right-to-left override');
    const zeroWidth = rule('value.invisible_control', 'uid', 'uid=ad%E2%80%8Bmin', 'uid=admin');
    expect(zeroWidth.message).toContain('U+200B zero width space');
  });

  // Each character is found in the decoded value, however its bytes were sent.
  const FORMAT_CODES = [
    0xad, 0x61c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d,
    0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
  ];
  it('finds each of them percent-encoded, with upper- or lower-case hex digits', () => {
    for (const code of FORMAT_CODES) {
      const upper = encodeURIComponent(String.fromCodePoint(code));
      for (const escaped of [upper, upper.toLowerCase()]) {
        expect(check(`${BASE}&uid=a${escaped}b`).codes, escaped).toContain(
          'value.invisible_control',
        );
      }
    }
    // Neighbours that share the first bytes are ordinary characters.
    for (const neighbour of ['%E2%80%93', '%E2%80%8A', '%E2%81%A5', '%C2%AE', '%EF%BB%BE']) {
      expect(check(`${BASE}&uid=a${neighbour}b`).codes, neighbour).not.toContain(
        'value.invisible_control',
      );
    }
  });
  it('finds them sent unescaped', () => {
    expect(check(`${BASE}&uid=ad\u202emin`).issue('value.invisible_control').param).toBe('uid');
  });
  it('finds a soft hyphen made by the Latin-1 reading of bytes that are not UTF-8', () => {
    // Byte AD read as Latin-1 is U+00AD, though no UTF-8 sequence of it was sent.
    const issue = check(`${BASE}&uid=a%ADb%E9`).issue('value.invisible_control');
    expect(issue.message).toContain('U+00AD soft hyphen');
  });
  it('finds them in a bulk object entry, whose values have no raw text', () => {
    const entry = { idsite: 1, rec: 1, url: 'https://example.org/', uid: 'ad\u2066min' };
    expect(check(entry).issue('value.invisible_control').param).toBe('uid');
    expect(check({ ...entry, uid: ['x', 'y\u200bz'] }).codes).toContain('value.invisible_control');
  });
});

describe('names Matomo does not read', () => {
  /** Known, legacy, unknown and pattern names; lists of one length differ in what they find. */
  const NAMES = [
    'res',
    'rand',
    'resx',
    'h',
    'apiv',
    'hh',
    'dimension2',
    'dimension',
    'gt_ms',
    'pv_id',
  ];
  const NAME_CODES = new Set(['param.unknown', 'param.legacy']);

  /** The name findings of a bulk entry with these names besides idsite and rec. */
  function nameFindings(names: readonly string[]) {
    const entry: Record<string, ParamValue> = { idsite: '1', rec: '1' };
    for (const name of names) entry[name] = '1';
    return check(entry).issues.filter((issue) => NAME_CODES.has(issue.code));
  }

  it('are found after any other hit as they are afresh', () => {
    const names = fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 6 });
    fc.assert(
      fc.property(names, names, (before, after) => {
        // A hit whose names raise nothing and that no generated one repeats.
        nameFindings(['_id', 'cookie']);
        const fresh = nameFindings(after);
        nameFindings(before);
        expect(nameFindings(after)).toEqual(fresh);
        expect(nameFindings(after)).toEqual(fresh);
      }),
      { numRuns: 300 },
    );
    expect(nameFindings(['rand', 'resx']).map((issue) => issue.code)).toEqual([
      'param.legacy',
      'param.unknown',
    ]);
  });

  it('are each looked for among the known ones in a step of their own', async () => {
    // A request of many made-up names: each unknown one is compared with the catalogue.
    const names = Array.from({ length: UNKNOWN_NAMES_LISTED + 10 }, (_, n) => `madeup${n}x`);
    const query = `idsite=1&rec=1&${names.map((name) => `${name}=1`).join('&')}`;
    const raw = rawRequestFrom(query);
    const ctx = { now: NOW_SECONDS * 1000, sites: [] };
    let pauses = 0;
    const inSlices = await analyzeRequestInSlices(raw, ctx, {
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
      sliceMs: 0,
    });
    expect(inSlices).toEqual(analyzeRequest(raw, ctx));
    const unknown = inSlices.hits[0]?.issues.filter((issue) => issue.code === 'param.unknown');
    expect(unknown).toHaveLength(UNKNOWN_NAMES_LISTED + 1);
    expect(pauses).toBeGreaterThan(UNKNOWN_NAMES_LISTED);
  });
});
