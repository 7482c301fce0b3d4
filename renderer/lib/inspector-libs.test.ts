// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { hitAsBulkEntry, hitAsCurl, hitAsUrl } from './copy-formats';
import { maskTokens, TOKEN_MASK } from './mask-token';
import { groupParams, UNKNOWN_GROUP } from './param-groups';
import { formatBody } from './raw-body';

const token = '0123456789abcdef0123456789abcdef';

describe('maskTokens', () => {
  it('masks token_auth in queries and JSON, leaving other values', () => {
    expect(maskTokens(`idsite=1&token_auth=${token}&rec=1`)).toBe(
      `idsite=1&token_auth=${TOKEN_MASK}&rec=1`,
    );
    expect(maskTokens(`{"requests":[],"token_auth":"${token}"}`)).toBe(
      `{"requests":[],"token_auth":"${TOKEN_MASK}"}`,
    );
    expect(maskTokens('my_token_auth=x')).toBe('my_token_auth=x');
    // Inside a bulk body the query ends at the closing quote of its entry.
    expect(maskTokens(`{"requests":["?token_auth=${token}","idsite=1&rec=1"]}`)).toBe(
      `{"requests":["?token_auth=${TOKEN_MASK}","idsite=1&rec=1"]}`,
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
