// core/Common.php lines 541–548: a 'json' parameter is json_decode'd as sent, and PHP's
// json_decode returns null for bytes that are not UTF-8 (php: json_decode("[\"\xE9\"]") is
// NULL, "Malformed UTF-8 characters"), where a string parameter falls back to Latin-1
// (lines 401–424). Expected values below: php-cli on the same bytes.
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from './analyze';
import { clearDeviceCache } from './user-agent';

const NOW = Date.UTC(2024, 9, 24, 12);
const analyze = (query: string, headers: Record<string, string> = {}) =>
  analyzeRequest(
    { method: 'GET', path: '/matomo.php', query, headers, body: new Uint8Array() },
    { now: NOW, sites: [] },
  ).hits[0]!;

describe('JSON parameters whose bytes are not UTF-8', () => {
  const order = 'idsite=1&rec=1&idgoal=0&ec_id=A1&revenue=10';

  it('reads ec_items as null: the order is recorded without items', () => {
    // php: json_decode('[["SKU","caf' . "\xE9" . '",null,1,1]]', true) is NULL.
    const hit = analyze(
      `${order}&ec_items=${encodeURIComponent('[["SKU","caf')}%E9${encodeURIComponent('",null,1,1]]')}`,
    );
    expect(hit.decoded['ec_items']?.value).toBeUndefined();
    expect(hit.decoded['ec_items']?.display).toBe('(ignored)');
    expect(hit.outcome).toBe('recorded');
    const issue = hit.issues.find((i) => i.param === 'ec_items' && i.code === 'json.invalid');
    expect(issue?.message).toContain('not UTF-8');
    // The same text sent as UTF-8 is read.
    const fine = analyze(`${order}&ec_items=${encodeURIComponent('[["SKU","café",null,1,1]]')}`);
    expect(fine.decoded['ec_items']?.value).not.toBeUndefined();
  });

  it('ignores uadata whole, and then the client hint headers too', () => {
    clearDeviceCache();
    // Windows 11 says "Windows NT 10.0"; only a client-hint platform version of 13+ tells.
    const headers = {
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'sec-ch-ua-platform': '"Windows"',
      'sec-ch-ua-platform-version': '"15.0.0"',
    };
    const hints = encodeURIComponent('{"platform":"Windows","platformVersion":"15.0.0","x":"');
    const refused = analyze(`idsite=1&rec=1&uadata=${hints}%E9%22%7D`, headers);
    expect(refused.decoded['uadata']?.value).toBeUndefined();
    expect(refused.device.osVersion).toBe('10');
    const read = analyze(`idsite=1&rec=1&uadata=${hints}%C3%A9%22%7D`, headers);
    expect(read.device.osVersion).toBe('11');
    expect(analyze('idsite=1&rec=1', headers).device.osVersion).toBe('11');
  });

  it('ignores cvar and _cvar, in a query and in a form body', () => {
    const cvar = `${encodeURIComponent('{"1":["n","caf')}%E9${encodeURIComponent('"]}')}`;
    const hit = analyze(`idsite=1&rec=1&cvar=${cvar}&_cvar=${cvar}`);
    expect(hit.decoded['cvar']?.value).toBeUndefined();
    expect(hit.decoded['_cvar']?.value).toBeUndefined();
    const posted = analyzeRequest(
      {
        method: 'POST',
        path: '/matomo.php',
        query: 'idsite=1&rec=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Uint8Array.from([...Buffer.from('cvar={"1":["n","caf'), 0xe9, ...Buffer.from('"]}')]),
      },
      { now: NOW, sites: [] },
    ).hits[0]!;
    expect(posted.decoded['cvar']?.value).toBeUndefined();
  });

  it('keeps the Latin-1 reading for _pkc and plain strings', () => {
    // ProductViewCategory.php lines 106–108: _pkc is a sanitised string, then json_decode'd.
    const hit = analyze(
      `idsite=1&rec=1&_pkc=${encodeURIComponent('["caf')}%E9${encodeURIComponent('"]')}&action_name=caf%E9`,
    );
    expect(hit.params['action_name']).toBe('café');
    expect(hit.decoded['_pkc']?.display).toContain('café');
  });
});
