// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hitAsBulkEntry, hitAsCurl, hitAsUrl } from './copy-formats';
import { maskedRequest, maybeMaskQuery, TOKEN_MASK, tokenMask } from './mask-token';
import { groupParams, UNKNOWN_GROUP } from './param-groups';
import { formatBody } from './raw-body';
import { makeRequest } from '../test-support/hit-factory';

const token = '0123456789abcdef0123456789abcdef';

describe('UI token masking', () => {
  it('masks token_auth in queries and JSON, leaving other values', () => {
    expect(maybeMaskQuery(`idsite=1&token_auth=${token}&rec=1`, false)).toBe(
      `idsite=1&token_auth=${TOKEN_MASK}&rec=1`,
    );
    expect(maybeMaskQuery(`idsite=1&token_auth=${token}`, true)).toContain(token);
    expect(tokenMask.maskJsonText(`{"requests":[],"token_auth":"${token}"}`)).toBe(
      `{"requests":[],"token_auth":"${TOKEN_MASK}"}`,
    );
    expect(maybeMaskQuery('my_token_auth=x', false)).toBe('my_token_auth=x');
    // Inside a bulk body the query ends at the closing quote of its entry.
    expect(tokenMask.maskJsonText(`{"requests":["?token_auth=${token}","idsite=1&rec=1"]}`)).toBe(
      `{"requests":["?token_auth=${TOKEN_MASK}","idsite=1&rec=1"]}`,
    );
  });

  it('masks every name PHP reads as token_auth, as the export does', () => {
    for (const name of [
      'token%5Fauth',
      'token%5fauth',
      '%74oken_auth',
      'token.auth',
      '+token_auth',
    ]) {
      expect(maybeMaskQuery(`idsite=1&${name}=${token}`, false)).toBe(
        `idsite=1&${name}=${TOKEN_MASK}`,
      );
    }
    expect(maybeMaskQuery(`token_auth[]=${token}`, false)).toBe(`token_auth[]=${TOKEN_MASK}`);
  });

  it('masks a request record and says whether it held a token', () => {
    const request = makeRequest({
      url: `/matomo.php?token%5Fauth=${token}`,
      query: `token%5Fauth=${token}`,
      headers: {
        'content-type': 'application/json',
        referer: `https://a.example/?token.auth=${token}`,
      },
      body: `{"requests":["?idsite=1"],"token\\u005fauth":"${token}"}`,
      response: { ...makeRequest().response, body: `token_auth: ${token}` },
    });
    const masked = maskedRequest(request, false);
    expect(masked.hasToken).toBe(true);
    expect(JSON.stringify(masked.shown)).not.toContain(token);
    expect(masked.shown.response.body).toBe(`token_auth: ${TOKEN_MASK}`);
    const revealed = maskedRequest(request, true);
    expect(revealed.shown).toBe(request);
    expect(revealed.hasToken).toBe(true);
    expect(maskedRequest(makeRequest({ body: '{"requests":["?idsite=1"]}' }), false).hasToken).toBe(
      false,
    );
  });
});

describe('copy formats', () => {
  const hit = {
    rawQuery: `idsite=1&rec=1&token_auth=${token}`,
    method: 'GET',
    transport: 'get',
    path: '/matomo.php',
  };
  const tracker = 'http://127.0.0.1:8765/matomo.php';
  it('builds a URL with the token masked unless revealed', () => {
    expect(hitAsUrl(hit, tracker, false)).toBe(
      `http://127.0.0.1:8765/matomo.php?idsite=1&rec=1&token_auth=${TOKEN_MASK}`,
    );
    expect(hitAsUrl(hit, tracker, true)).toContain(token);
  });
  it('builds curl as GET, or as a form POST for POST hits', () => {
    expect(hitAsCurl(hit, tracker, true)).toBe(
      `curl 'http://127.0.0.1:8765/matomo.php?idsite=1&rec=1&token_auth=${token}'`,
    );
    const post = hitAsCurl({ ...hit, transport: 'post', method: 'POST' }, tracker, false);
    expect(post).toContain('--data-raw');
    expect(post).toContain('Content-Type: application/x-www-form-urlencoded');
    expect(post).not.toContain(token);
  });
  it('masks encoded token names in the URL, curl and bulk entry', () => {
    const encoded = { ...hit, rawQuery: `idsite=1&token%5Fauth=${token}&token.auth=${token}` };
    const masked = `idsite=1&token%5Fauth=${TOKEN_MASK}&token.auth=${TOKEN_MASK}`;
    expect(hitAsUrl(encoded, tracker, false)).toBe(`http://127.0.0.1:8765/matomo.php?${masked}`);
    expect(hitAsCurl(encoded, tracker, false)).toBe(
      `curl 'http://127.0.0.1:8765/matomo.php?${masked}'`,
    );
    expect(hitAsBulkEntry(encoded, false)).toBe(JSON.stringify(`?${masked}`));
    expect(hitAsCurl(encoded, tracker, true)).toContain(
      `token%5Fauth=${token}&token.auth=${token}`,
    );
  });
  it('builds a bulk entry', () => {
    expect(hitAsBulkEntry({ ...hit, rawQuery: 'idsite=1&rec=1' }, false)).toBe('"?idsite=1&rec=1"');
  });
});

describe('groupParams', () => {
  it('groups in catalogue order, attaches issues, and suggests for unknown names', () => {
    const decoded = Object.fromEntries(
      ['e_c', 'idsite', 'idSite2', 'url'].map((name) => [
        name,
        { name, raw: 'x', value: 'x', display: 'x', catalogueKey: null },
      ]),
    );
    const groups = groupParams(decoded, [
      { code: 'url.invalid', severity: 'warning', param: 'url', message: 'bad url' },
    ]);
    expect(groups.map((g) => g.group)).toEqual(['General', 'Event', UNKNOWN_GROUP]);
    expect(groups[0]?.entries.find((e) => e.name === 'url')?.issues).toHaveLength(1);
    expect(groups[2]?.entries[0]?.name).toBe('idSite2');
  });
});

describe('formatBody', () => {
  it('marks the entry of the hit in a bulk body, counting as Matomo does', () => {
    const body = JSON.stringify({ requests: ['idsite=1', '?idsite=1&rec=1', '?idsite=2&rec=1'] });
    const segments = formatBody(body, { hitIndex: 1 });
    const marked = segments.filter((s) => s.highlight);
    expect(marked).toHaveLength(1);
    expect(marked[0]?.text).toContain('?idsite=2&rec=1');
    expect(segments.map((s) => s.text).join('')).toContain('dropped');
  });
  it('lists form fields decoded', () => {
    expect(formatBody('action_name=Hello%20World&idsite=1')[0]?.text).toBe(
      'action_name = Hello World\nidsite = 1',
    );
  });
});
