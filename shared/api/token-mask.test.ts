import { describe, expect, it } from 'vitest';
import type { Issue } from '../matomo/types';
import { parseMultipart } from '../matomo/multipart';
import { rawNameIsToken } from '../matomo/token-mask-text';
import { isTokenName, tokenMasking } from './token-mask';
import type { RequestRecordDto } from './types';

const M = '********';
const { maskFreeText, maskJsonText, maskMultipartText, maskQueryText, maskUrlText } =
  tokenMasking(M);

const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';

describe('token names as PHP registers them', () => {
  it('reads percent-escapes in either letter case, dots, spaces and array syntax', () => {
    for (const name of [
      'token_auth',
      'token%5Fauth',
      'token%5fauth',
      '%74oken_auth',
      '%74%6F%6B%65%6E%5F%61%75%74%68',
      '%74%6f%6b%65%6e%5f%61%75%74%68',
      'token.auth',
      'token+auth',
      'token%20auth',
      'token%2Eauth',
      '+token_auth',
      'token_auth[]',
      'token%5Fauth%5B0%5D',
    ]) {
      expect(rawNameIsToken(name), name).toBe(true);
    }
    for (const name of [
      'TOKEN_AUTH',
      'Token%5Fauth',
      'token%5F%61uth2',
      'my_token_auth',
      'token',
    ]) {
      expect(rawNameIsToken(name), name).toBe(false);
    }
    expect(isTokenName('token_auth')).toBe(true);
    expect(isTokenName('token_auth[0]')).toBe(true);
    expect(isTokenName('token_auth2')).toBe(false);
  });
});

describe('maskQueryText', () => {
  it('masks token_auth under every encoding of its name', () => {
    expect(maskQueryText(`a=1&token_auth=${SECRET}&b=2`)).toBe(`a=1&token_auth=${M}&b=2`);
    expect(maskQueryText(`token%5Fauth=${SECRET}&rec=1`)).toBe(`token%5Fauth=${M}&rec=1`);
    expect(maskQueryText(`rec=1&token%5fauth=${SECRET}`)).toBe(`rec=1&token%5fauth=${M}`);
    expect(maskQueryText(`%74oken%5Fauth=${SECRET}`)).toBe(`%74oken%5Fauth=${M}`);
    expect(maskQueryText(`token.auth=${SECRET}`)).toBe(`token.auth=${M}`);
  });

  it('masks a value up to its & whatever it holds, and keeps empty values and other names', () => {
    expect(maskQueryText(`token_auth=ab?c"d#e f&x=1`)).toBe(`token_auth=${M}&x=1`);
    expect(maskQueryText('my_token_auth=x&token_auth=')).toBe('my_token_auth=x&token_auth=');
    expect(maskQueryText('TOKEN_AUTH=x&token_auth')).toBe('TOKEN_AUTH=x&token_auth');
  });

  it('remembers the raw and the decoded value', () => {
    const found = new Set<string>();
    maskQueryText('token%5Fauth=a%2Bb%20c', found);
    expect([...found]).toEqual(['a%2Bb%20c', 'a+b c']);
  });
});

describe('maskUrlText', () => {
  it('masks the query of a URL or request target only', () => {
    expect(maskUrlText(`/matomo.php?idsite=1&token%5Fauth=${SECRET}`)).toBe(
      `/matomo.php?idsite=1&token%5Fauth=${M}`,
    );
    expect(maskUrlText(`/matomo.php?token_auth=${SECRET}`)).toBe(`/matomo.php?token_auth=${M}`);
    expect(maskUrlText('/token_auth=x')).toBe('/token_auth=x');
  });
});

describe('maskJsonText', () => {
  it('masks the bulk token_auth, escaped key names and numbers included', () => {
    expect(maskJsonText(`{"token_auth" : "a\\"b", "requests":["?x=1&token_auth=${SECRET}"]}`)).toBe(
      `{"token_auth" : "${M}", "requests":["?x=1&token_auth=${M}"]}`,
    );
    expect(maskJsonText(`{"requests":[],"token\\u005fauth":"${SECRET}"}`)).toBe(
      `{"requests":[],"token\\u005fauth":"${M}"}`,
    );
    expect(maskJsonText('{"requests":[],"token_auth":12345678}')).toBe(
      `{"requests":[],"token_auth":"${M}"}`,
    );
    expect(maskJsonText('{"requests":[],"token_auth":""}')).toBe('{"requests":[],"token_auth":""}');
  });

  it('masks percent-encoded names inside bulk entries (query strings, URLs, objects)', () => {
    const body = JSON.stringify({
      requests: [
        `?idsite=1&token%5Fauth=${SECRET}`,
        `https:\\/\\/example.org\\/matomo.php?rec=1&token%5fauth=${SECRET}`,
        { idsite: 1, token_auth: SECRET },
      ],
    });
    const masked = maskJsonText(body);
    expect(masked).not.toContain(SECRET);
    const parsed = JSON.parse(masked) as { requests: unknown[] };
    expect(parsed.requests[0]).toBe(`?idsite=1&token%5Fauth=${M}`);
    expect(parsed.requests[1]).toBe(`https:\\/\\/example.org\\/matomo.php?rec=1&token%5fauth=${M}`);
    expect(parsed.requests[2]).toEqual({ idsite: 1, token_auth: M });
  });

  it('decodes JSON escapes inside entries before reading names', () => {
    const masked = maskJsonText(`{"requests":["?idsite=1\\u0026token\\u005fauth=${SECRET}"]}`);
    expect(masked).toBe(`{"requests":["?idsite=1&token_auth=${M}"]}`);
  });

  it('masks a body cut in the middle of a token', () => {
    expect(maskJsonText(`{"requests":["?idsite=1&token%5Fauth=c0ff`)).toBe(
      `{"requests":["?idsite=1&token%5Fauth=${M}`,
    );
    expect(maskJsonText('{"requests":[],"token_auth":"c0ff')).toBe(
      `{"requests":[],"token_auth":"${M}"`,
    );
  });

  it('leaves JSON without a token as it is, byte for byte', () => {
    const text = '{"requests":["?idsite=1&rec=1", "\\u00e9"], "send_image":0}';
    expect(maskJsonText(text)).toBe(text);
  });
});

describe('maskMultipartText', () => {
  const type = 'multipart/form-data; boundary=XyZ';
  const part = (name: string, value: string) =>
    `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

  it('masks fields PHP reads as token_auth and keeps the rest byte for byte', () => {
    const body =
      part('idsite', '1') + part('token.auth', SECRET) + part('rec', '1') + '--XyZ--\r\n';
    const found = new Set<string>();
    const masked = maskMultipartText(body, type, found);
    expect(masked).toBe(
      part('idsite', '1') + part('token.auth', M) + part('rec', '1') + '--XyZ--\r\n',
    );
    expect(found).toEqual(new Set([SECRET]));
  });

  it('masks every token the parser reads, a head with a bare LF blank line before CRLF ones included', () => {
    const body = `--b\r\nX-Junk: a\n\nContent-Disposition: form-data; name="token_auth"\r\n\r\n${SECRET}\r\n--b--`;
    const bType = 'multipart/form-data; boundary=b';
    expect(parseMultipart(body, bType)).toEqual([['token_auth', SECRET]]);
    const found = new Set<string>();
    expect(maskMultipartText(body, bType, found)).toBe(body.replace(SECRET, M));
    expect(found).toEqual(new Set([SECRET]));
  });

  it('masks a file part named token_auth, which the parser skips', () => {
    const body = `--b\r\nContent-Disposition: form-data; name="token_auth"; filename="t"\r\n\r\n${SECRET}\r\n--b--`;
    expect(maskMultipartText(body, 'multipart/form-data; boundary=b')).toBe(
      body.replace(SECRET, M),
    );
  });
});

describe('maskFreeText', () => {
  it('masks query-like words and every token value found', () => {
    const log = [
      `  GET /matomo.php?idsite=1&token%5Fauth=${SECRET}`,
      `    token_auth = ${SECRET}  → a token`,
    ].join('\n');
    const masked = maskFreeText(log, new Set([SECRET]));
    expect(masked).not.toContain(SECRET);
    expect(masked).toContain(`token%5Fauth=${M}`);
    expect(masked).toContain(`token_auth = ${M}`);
    expect(maskFreeText('a=b and 1 2 3', new Set(['1']))).toBe('a=b and 1 2 3');
  });
});

describe('the mask is a parameter', () => {
  const ui = tokenMasking('••••••••');

  it('writes the given mask in queries, JSON, multipart and free text', () => {
    expect(ui.maskQueryText(`token%5Fauth=${SECRET}`)).toBe('token%5Fauth=••••••••');
    expect(ui.maskJsonText(`{"requests":[],"token\\u005fauth":"${SECRET}"}`)).toBe(
      '{"requests":[],"token\\u005fauth":"••••••••"}',
    );
    const part = `--b\r\nContent-Disposition: form-data; name="token_auth"\r\n\r\n${SECRET}\r\n--b--`;
    expect(ui.maskMultipartText(part, 'multipart/form-data; boundary=b')).not.toContain(SECRET);
    expect(ui.maskFreeText(`x ${SECRET}`, new Set([SECRET]))).toBe('x ••••••••');
  });
});

describe('maskBodyText', () => {
  const { maskBodyText } = tokenMasking(M);

  it('reads a body the way the parser does: bulk JSON, multipart, else a form', () => {
    expect(maskBodyText(`{"requests":["?token.auth=${SECRET}"]}`, 'text/plain')).toBe(
      `{"requests":["?token.auth=${M}"]}`,
    );
    expect(maskBodyText(`{"token_auth":"${SECRET}"}`, '')).toBe(`{"token_auth":"${M}"}`);
    expect(maskBodyText(`[x=1&token_auth=${SECRET}`, 'application/x-www-form-urlencoded')).toBe(
      `[x=1&token_auth=${M}`,
    );
    expect(maskBodyText(`rec=1&%74oken_auth=${SECRET}`, 'text/plain')).toBe(
      `rec=1&%74oken_auth=${M}`,
    );
  });
});

describe('maskRequest', () => {
  const request: RequestRecordDto = {
    id: 'r1',
    receivedAt: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    url: `/matomo.php?token%5Fauth=${SECRET}`,
    path: '/matomo.php',
    query: `token%5Fauth=${SECRET}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      Authorization: 'Bearer abc',
      referer: `https://a.example/?token.auth=${SECRET}`,
    },
    remoteAddress: '127.0.0.1',
    body: 'idsite=1',
    bodyEncoding: 'utf8',
    bodySize: 8,
    bodyTruncated: false,
    transport: 'post',
    hitIds: [],
    issues: [],
    response: {
      status: 200,
      headers: { 'x-echo': `token_auth=${SECRET}` },
      contentType: 'text/plain',
      body: `token_auth: ${SECRET}`,
      bodyKind: 'debug',
      durationMs: 1,
    },
  };

  it('masks URL, query, headers, the answer, and reports the values it read', () => {
    const found = new Set<string>();
    const masked = tokenMasking(M).maskRequest(request, found);
    expect(masked.url).toBe(`/matomo.php?token%5Fauth=${M}`);
    expect(masked.query).toBe(`token%5Fauth=${M}`);
    expect(masked.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      Authorization: M,
      referer: `https://a.example/?token.auth=${M}`,
    });
    expect(masked.response.headers).toEqual({ 'x-echo': `token_auth=${M}` });
    expect(masked.response.body).toBe(`token_auth: ${M}`);
    expect(found).toEqual(new Set([SECRET]));
    expect(request.url).toContain(SECRET);
  });

  it('masks a binary body byte for byte, the mask as its UTF-8 bytes', () => {
    const bytes = '\xff\xfe=1&token%5Fauth=' + SECRET;
    const binary = { ...request, body: btoa(bytes), bodyEncoding: 'base64' as const };
    expect(atob(tokenMasking(M).maskRequest(binary).body)).toBe(`\xff\xfe=1&token%5Fauth=${M}`);
    const glyph = atob(tokenMasking('•').maskRequest(binary).body);
    expect(glyph).toBe('\xff\xfe=1&token%5Fauth=\xe2\x80\xa2');
    const plain = { ...binary, body: btoa('\xff\xfe=1') };
    expect(tokenMasking(M).maskRequest(plain).body).toBe(plain.body);
  });
});

describe('maskIssues', () => {
  const issue = (message: string): Issue => ({
    code: 'param.duplicate',
    severity: 'info',
    message,
  });

  it('masks the token values of the hit quoted in issue messages', () => {
    const hit = {
      params: { token_auth: SECRET, 'token_auth[0]': 'arrayvalue' },
      occurrences: [
        { name: 'token_auth', value: 'firstvalue', source: 'query' as const },
        { name: 'token_auth', value: SECRET, source: 'query' as const },
      ],
      issues: [issue(`token_auth was sent 2 times; Matomo keeps "${SECRET}".`), issue('rec=1')],
    };
    const issues = tokenMasking(M).maskIssues(hit);
    expect(issues[0]?.message).toBe(`token_auth was sent 2 times; Matomo keeps "${M}".`);
    expect(issues[1]).toBe(hit.issues[1]);
    const none = { params: { idsite: '1' }, occurrences: [], issues: [issue(SECRET)] };
    expect(tokenMasking(M).maskIssues(none)).toBe(none.issues);
  });
});
