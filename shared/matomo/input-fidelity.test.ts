// How Matomo 5 reads request input before any tracking rule looks at it: character sets,
// sanitising and the lengths measured after it, number casts, dates, and bulk bodies. Each
// describe names the Matomo code it follows; expected values were produced with php-cli.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE, check, entryFrom } from '../../test-support/matomo-hit';
import { decodeParam, decodeProblems } from './decode';
import { summarizeHit } from './summary';
import { parseRequest } from './parse';
import { phpStrtotime } from './php-strtotime';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

// core/Common.php lines 401–424 (sanitizeString): a value htmlspecialchars refuses because it
// is not UTF-8 is converted with utf8_encode, i.e. read as Latin-1, then escaped.
describe('character sets: values that are not UTF-8 are read as Latin-1', () => {
  it('reads %E9t%E9 as été, in the query and in a bulk entry', () => {
    expect(entryFrom('action_name=%E9t%E9').params['action_name']).toBe('été');
    expect(entryFrom('idsite=1&action_name=%E9t%E9', 'bulk').params['action_name']).toBe('été');
  });
  it('converts the whole value, valid UTF-8 beside the bad byte included', () => {
    // php: htmlspecialchars(utf8_encode("\xC3\xA9\xE9")) is "Ã©é".
    expect(entryFrom('e_c=%C3%A9%E9').params['e_c']).toBe('Ã©é');
    expect(entryFrom('e_c=%C3%A9').params['e_c']).toBe('é');
  });
  it('says what Matomo reads instead of showing replacement characters', () => {
    const entry = entryFrom('action_name=caf%E9');
    const issue = entry.issues.find((i) => i.code === 'encoding.invalid');
    expect(issue?.message).toContain('Latin-1');
    expect(issue?.message).toContain('café');
  });
  it('reads raw Latin-1 bytes of a form body per value', () => {
    const parsed = parseRequest({
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Uint8Array.from([...bytes('idsite=1&e_a=%C3%A9&action_name=caf'), 0xe9]),
    });
    expect(parsed.entries[0]?.params['action_name']).toBe('café');
    expect(parsed.entries[0]?.params['e_a']).toBe('é');
  });
  it('keeps replacement characters in names, which Matomo does not sanitise', () => {
    expect(Object.keys(entryFrom('a%E9=1').params)).toEqual(['a\ufffd']);
  });
});

// plugins/BulkTracking/Tracker/Requests.php lines 67–83 (trim, json_decode) and 105–112
// (parse_url, then the entry is kept only when it has a query).
describe('bulk edge cases', () => {
  const bulk = (body: Uint8Array) =>
    parseRequest({
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: { 'content-type': 'application/json' },
      body,
    });
  it('a body starting with a UTF-8 byte order mark is not JSON to PHP: nothing is tracked', () => {
    const json = bytes('{"requests":["?idsite=1&rec=1"]}');
    const parsed = bulk(Uint8Array.from([0xef, 0xbb, 0xbf, ...json]));
    expect(parsed.transport).toBe('bulk');
    expect(parsed.entries).toHaveLength(0);
    expect(parsed.issues.map((i) => i.code)).toContain('bulk.json_invalid');
    expect(bulk(json).entries).toHaveLength(1);
  });
  it('drops entries whose URL parse_url cannot read, and says why', () => {
    const parsed = bulk(
      bytes(
        JSON.stringify({
          requests: [
            'http:///matomo.php?idsite=1&rec=1',
            'http://host:abc/matomo.php?idsite=1&rec=1',
            'http://host:70000/matomo.php?idsite=1&rec=1',
            'http://host:8080/matomo.php?idsite=1&rec=1',
            'http://host:8a/matomo.php?idsite=1&rec=1',
          ],
        }),
      ),
    );
    expect(parsed.bulk?.dropped.map((d) => d.position)).toEqual([0, 1, 2]);
    expect(parsed.entries).toHaveLength(2);
    const messages = parsed.issues.filter((i) => i.code === 'bulk.entry_dropped');
    expect(messages[0]?.message).toContain('no host');
    expect(messages[1]?.message).toContain('port "abc"');
  });
});

// core/Common.php lines 401–424 (sanitising before every length check), then each limit as
// the code applying it counts: core/Tracker/Request.php line 765 (strlen of cid),
// core/Tracker/PageUrl.php lines 233–240 and 310–316 (substr of url, action_name),
// plugins/Actions/Columns/IdPageview.php line 36 (substr), plugins/CoreHome/Columns/UserId.php
// line 70 and CustomDimensionsRequestProcessor.php line 177 (mb_substr).
describe('lengths after Matomo sanitises the input', () => {
  it('counts a cid in bytes once & is escaped: 16 characters with & are 20 bytes', () => {
    const withAmp = check(`${BASE}&cid=${encodeURIComponent('0123456789abcde&')}`);
    expect(withAmp.outcome).toBe('rejected');
    expect(withAmp.issue('cid.length').message).toContain('20 bytes');
    // Eight two-byte characters are 16 bytes: accepted.
    const twoByte = check(`${BASE}&cid=${encodeURIComponent('éééééééé')}`);
    expect(twoByte.codes).not.toContain('cid.length');
    expect(check(`${BASE}&cid=${encodeURIComponent('éééééééééééééééé')}`).outcome).toBe('rejected');
  });
  it('reads _id only from 16 bytes on', () => {
    expect(decodeParam('_id', 'éééééééé').value).not.toBeUndefined();
    expect(decodeParam('_id', '0123456789abcd&').value).not.toBeUndefined();
    expect(decodeParam('_id', '0123456789abcde').value).toBeUndefined();
  });
  it('cuts url and action_name at 1024 bytes, pv_id at 6 bytes, a character split', () => {
    const url = decodeParam('url', `https://example.org/x${'é'.repeat(600)}`);
    expect(new TextEncoder().encode(String(url.display)).length).toBe(1023);
    const name = decodeParam('action_name', `${'&'.repeat(204)}abcdefgh`);
    // 204 × "&amp;" is 1020 bytes; 4 more bytes fit, then the escaping is undone for storage.
    expect(name.display).toBe(`${'&'.repeat(204)}abcd`);
    expect(decodeProblems(name)[0]?.message).toContain('escaped');
    const pv = decodeParam('pv_id', 'ab&cd');
    expect(pv.display).toBe('ab&amp');
    expect(decodeParam('pv_id', 'abcdeé').display).toBe('abcde');
    expect(decodeProblems(decodeParam('pv_id', 'abcdeé'))[0]?.message).toContain(
      'cuts a character in two',
    );
  });
  it('counts uid and custom dimensions in characters of the escaped value', () => {
    expect(decodeProblems(decodeParam('uid', 'é'.repeat(200)))).toEqual([]);
    const uid = decodeParam('uid', `${'a'.repeat(196)}&b`);
    expect(uid.display).toBe(`${'a'.repeat(196)}&amp`);
    expect(decodeParam('dimension1', `${'x'.repeat(248)}<b`).display).toBe(`${'x'.repeat(248)}&l`);
  });
  it('shows the stored, escaped value beside the sent one', () => {
    expect(decodeParam('uid', 'a"b').display).toBe('a&quot;b');
    expect(decodeParam('res', '1280x"800').display).toContain('1280x&quo');
  });
});

// core/Tracker/Request.php lines 501–557: a non-numeric cdt goes through strtotime (UTC), then
// the 20-year window and the token rule for times older than a day. Expected values: php-cli.
describe('dates in cdt as strtotime reads them', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('./__fixtures__/php/strtotime.json', import.meta.url), 'utf8'),
  ) as { now: number; cases: [string, number | null][] };
  // Every case of the php-generated fixture (scripts/oracle/strtotime-fixture.mjs): first/last
  // day of, weeks, weekdays with offsets, near-miss units, clock words, ISO weeks, @seconds,
  // fractions, zones, and adversarial texts (false included).
  it.each(fixture.cases)('%j', (text, expected) => {
    expect(phpStrtotime(text, fixture.now)).toBe(expected);
  });
  it('reads long texts in time linear in their length, with PHP’s answer', () => {
    // php: strtotime(str_repeat('+1 day ', 20000), now) is now + 20,000 days; the others false.
    expect(phpStrtotime('+1 day '.repeat(20_000), fixture.now)).toBe(fixture.now + 20_000 * 86_400);
    expect(phpStrtotime('next' + ' '.repeat(100_000) + 'x', fixture.now)).toBeNull();
    expect(phpStrtotime('a/'.repeat(50_000), fixture.now)).toBeNull();
    expect(phpStrtotime('+'.repeat(100_000), fixture.now)).toBeNull();
  });
  it('applies the token rule to an HTTP date more than a day old', () => {
    const ctx = { ctx: { now: fixture.now * 1000 } };
    const old = check(`${BASE}&cdt=${encodeURIComponent('Mon, 21 Oct 2024 10:00:00 GMT')}`, ctx);
    expect(old.outcome).toBe('rejected');
    const recent = check(`${BASE}&cdt=${encodeURIComponent('10/24/2024 08:30')}`, ctx);
    expect(recent.outcome).toBe('recorded');
    expect(recent.codes).not.toContain('cdt.invalid');
  });
});

// core/Common.php lines 585–594 and settype: a float passes the check with commas read as
// dots, then PHP's (float) cast keeps the leading number; a refused value gets the default
// (false for e_v, ec_*, _pkp: core/Tracker/Request.php lines 391–407) cast to float, 0.
describe('number coercion as PHP does it', () => {
  it('stores a non-numeric float parameter as 0', () => {
    for (const name of ['e_v', 'ec_st', 'ec_tx', 'ec_sh', 'ec_dt', '_pkp']) {
      const decoded = decodeParam(name, 'abc');
      expect(decoded.value).toBe(0);
      expect(decodeProblems(decoded)[0]?.message).toContain('stores 0');
    }
    // Empty is "not sent": the default false is returned without a cast.
    expect(decodeParam('e_v', '').value).toBeUndefined();
    // A leading space fails the check (php: getRequestVar gives 0.0 for " 5").
    expect(decodeParam('e_v', ' 5').value).toBe(0);
  });
  it('cuts a number at its comma: revenue=10,50 is 10', () => {
    const decoded = decodeParam('revenue', '10,50');
    expect(decoded.value).toBe(10);
    expect(decodeProblems(decoded)[0]?.message).toContain('10');
    expect(decodeParam('e_v', '1,5e3').value).toBe(1);
    expect(decodeParam('e_v', ',5').value).toBe(0);
    expect(decodeParam('e_v', '2.5').value).toBe(2.5);
  });
  it("leaves a refused revenue to the goal's default revenue", () => {
    const decoded = decodeParam('revenue', 'abc');
    expect(decoded.value).toBeUndefined();
    expect(decodeProblems(decoded)[0]?.message).toContain("goal's default revenue");
  });
  it('shows the stored number in the summary', () => {
    const analysed = check('idsite=1&rec=1&e_c=Video&e_a=Play&e_v=abc');
    expect(analysed.issue('value.not_number').message).toContain('stores 0');
    expect(summarizeHit('event', { e_c: 'Video', e_a: 'Play', e_v: '1,5' })).toContain('= 1');
  });
});
