import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFS,
  TOKEN_MASK,
  applyRawText,
  createDraft,
  rawView,
  upsertParam,
} from './draft';
import { bulkEntryFor, curlFor, sendPairs, sendRequestFor, sendUrl, targetPath } from './send-plan';

const BASE = 'http://127.0.0.1:8765';
const ctx = { lastIdsite: '1', prefs: { ...DEFAULT_PREFS, visitorId: false, pageviewId: false } };

describe('send plan', () => {
  it('fills r and the local time at send time, replacing what the form had', () => {
    let draft = createDraft('pageview', ctx);
    draft = upsertParam(draft, 'r', '1');
    const pairs = sendPairs(draft, DEFAULT_PREFS, new Date(2024, 0, 1, 9, 8, 7), () => 0.25);
    expect(pairs).toEqual([
      { name: 'idsite', value: '1' },
      { name: 'rec', value: '1' },
      { name: 'r', value: '250000' },
      { name: 'h', value: '9' },
      { name: 'm', value: '8' },
      { name: 's', value: '7' },
    ]);
    const off = sendPairs(draft, { cacheBuster: false, localTime: false }, new Date());
    expect(off.find((p) => p.name === 'r')?.value).toBe('1');
    expect(off.some((p) => p.name === 'h')).toBe(false);
  });

  it('puts the parameters in the query for GET and in a form body for POST', () => {
    const pairs = [
      { name: 'idsite', value: '1' },
      { name: 'action_name', value: 'A b' },
    ];
    const fields = { target: 'self', path: '/matomo.php', headers: { 'user-agent': 'UA' } };
    expect(sendRequestFor(pairs, { ...fields, method: 'GET' })).toEqual({
      target: 'self',
      method: 'GET',
      path: '/matomo.php',
      query: 'idsite=1&action_name=A%20b',
      headers: { 'user-agent': 'UA' },
    });
    const post = sendRequestFor(pairs, { ...fields, method: 'POST' });
    expect(post.body).toBe('idsite=1&action_name=A%20b');
    expect(post.query).toBeUndefined();
    expect(post.headers?.['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('does not append a path to a target that names the script', () => {
    expect(targetPath('https://m.example/sub/matomo.php', '/matomo.php')).toBe('');
    expect(targetPath('https://m.example/sub/', '/piwik.php')).toBe('/piwik.php');
    const request = sendRequestFor([{ name: 'a', value: '1' }], {
      target: 'https://m.example/sub/matomo.php',
      method: 'GET',
      path: '/matomo.php',
      headers: {},
    });
    expect(sendUrl(request, BASE)).toBe('https://m.example/sub/matomo.php?a=1');
    expect(sendUrl({ target: 'self', method: 'GET', path: '/piwik.php', query: 'a=1' }, BASE)).toBe(
      `${BASE}/piwik.php?a=1`,
    );
  });

  it('copies as curl and as a bulk entry', () => {
    const request = sendRequestFor([{ name: 'e_c', value: "It's" }], {
      target: 'self',
      method: 'POST',
      path: '/matomo.php',
      headers: {},
    });
    expect(curlFor(request, BASE)).toBe(
      `curl ${BASE}/matomo.php \\\n  -H 'content-type: application/x-www-form-urlencoded; charset=UTF-8' \\\n  --data-raw 'e_c=It'\\''s'`,
    );
    expect(bulkEntryFor([{ name: 'a', value: 'b c' }])).toBe('?a=b%20c');
  });
});

describe('token_auth in the raw editor', () => {
  it('is masked and survives the masked text being typed back', () => {
    let draft = createDraft('blank', ctx);
    draft = upsertParam(draft, 'token_auth', 'secret-token');
    const shown = rawView(draft, BASE, { maskToken: true });
    expect(shown).toBe(`${BASE}/matomo.php?idsite=1&rec=1&token_auth=${TOKEN_MASK}`);
    const edited = applyRawText(draft, `${shown}&uid=me`, BASE);
    expect(edited.params.find((p) => p.name === 'token_auth')?.value).toBe('secret-token');
    expect(rawView(draft, BASE)).toContain('token_auth=secret-token');
  });
});
