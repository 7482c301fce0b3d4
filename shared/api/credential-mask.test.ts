import { describe, expect, it } from 'vitest';
import {
  isOwnCookieName,
  maskCookieHeader,
  maskCredentialHeaders,
  maskSetCookie,
  tokenCookieName,
  withoutOwnCookie,
} from './credential-mask';

const M = '********';

describe('Hitscope cookie', () => {
  it('is named after the port, so two servers on one host keep their own', () => {
    expect(tokenCookieName(8765)).toBe('hitscope_token_8765');
    expect(tokenCookieName(8766)).not.toBe(tokenCookieName(8765));
    expect(isOwnCookieName('hitscope_token_8765')).toBe(true);
    expect(isOwnCookieName(' hitscope_token')).toBe(true);
    expect(isOwnCookieName('hitscope_token_x')).toBe(false);
    expect(isOwnCookieName('_pk_id.1.1fff')).toBe(false);
  });

  it('is masked in a Cookie header; every other cookie stays as captured', () => {
    const headers = { cookie: '_pk_id.1=abc; hitscope_token_8765=s3cret; hitscope_token=old' };
    expect(withoutOwnCookie(headers, M)).toEqual({
      cookie: `_pk_id.1=abc; hitscope_token_8765=${M}; hitscope_token=${M}`,
    });
    const plain = { cookie: '_pk_id.1=abc' };
    expect(withoutOwnCookie(plain, M)).toBe(plain);
  });
});

describe('credential headers', () => {
  it('keeps cookie names and masks their values', () => {
    expect(maskCookieHeader('a=1; b=; c="x=y"', M)).toBe(`a=${M}; b=; c=${M}`);
  });

  it('masks each Set-Cookie value and keeps attributes, dates with commas included', () => {
    expect(
      maskSetCookie('sid=abc; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT, lang=en; HttpOnly', M),
    ).toBe(`sid=${M}; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT, lang=${M}; HttpOnly`);
  });

  it('masks Authorization, Proxy-Authorization, Cookie and Set-Cookie whatever their case', () => {
    const masked = maskCredentialHeaders(
      {
        Authorization: 'Bearer abc',
        'proxy-authorization': 'Basic eA==',
        Cookie: 'sid=abc',
        'set-cookie': 'sid=abc; Path=/',
        'user-agent': 'UA',
      },
      M,
      (value) => value.toLowerCase(),
    );
    expect(masked).toEqual({
      Authorization: M,
      'proxy-authorization': M,
      Cookie: `sid=${M}`,
      'set-cookie': `sid=${M}; Path=/`,
      'user-agent': 'ua',
    });
  });
});
