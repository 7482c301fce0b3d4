// maskQueryText looks for a token's name without splitting the query first (an export asks
// it of every hit): it must mask exactly the segments a split on `&` finds, whatever the
// query holds.
import { describe, expect, it } from 'vitest';
import { maskQueryText, rawNameIsToken } from './token-mask-text';

/** Each `&`-segment with a value under a token's name masked: the plain reading. */
function maskedBySplitting(query: string, mask: string): string {
  return query
    .split('&')
    .map((segment) => {
      const eq = segment.indexOf('=');
      if (eq <= 0 || eq === segment.length - 1) return segment;
      return rawNameIsToken(segment.slice(0, eq)) ? `${segment.slice(0, eq)}=${mask}` : segment;
    })
    .join('&');
}

const queries = [
  '',
  '=',
  '&&&',
  'token_auth',
  'token_auth=',
  '=token_auth',
  'token_auth=abc',
  'a=1&token_auth=abc&b=2',
  'a&b&token_auth=x',
  'a&b&c=1&token_auth=x',
  'token_authx=1&xtoken_auth=2&token-auth=3',
  'tok%65n_auth=1',
  'token.auth=1&token auth=2&token[auth=3',
  'token_auth[]=1&token_auth[x]=2',
  '%74oken_auth=1&TOKEN_AUTH=2',
  'a=b=c&token_auth==x&token_auth=x=y',
  'é=1&token_auth=é&x=%ED%A0%80',
  `${'a&'.repeat(1000)}token_auth=late`,
  `${'x=1&'.repeat(100)}`,
];

describe('maskQueryText', () => {
  it.each(queries)('masks what a split on "&" finds: %s', (query) => {
    expect(maskQueryText(query, '***')).toBe(maskedBySplitting(query, '***'));
  });
});
