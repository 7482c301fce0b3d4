import { describe, expect, it } from 'vitest';
import {
  isTokenName,
  maskFreeText,
  maskJsonText,
  maskMultipartText,
  maskQueryText,
  maskUrlText,
  rawNameIsToken,
  TOKEN_MASK as M,
} from './mask-text';

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
