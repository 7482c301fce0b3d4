import { describe, expect, it } from 'vitest';
import { BASE, check } from '../../test-support/matomo-hit';
import { describeVerdict } from './verdict';

const verdict = (query: string) => {
  const result = check(query);
  return describeVerdict(result);
};

describe('describeVerdict', () => {
  it('says a clean hit is recorded, naming its type', () => {
    expect(verdict(BASE)).toBe('Matomo would record this page view.');
    expect(verdict(`${BASE}&e_c=C&e_a=A`)).toBe('Matomo would record this event.');
  });

  it('counts the values dropped or changed', () => {
    expect(verdict(`${BASE}&h=30&revenue=x`)).toBe(
      'Matomo would record this page view, with 2 values dropped or changed.',
    );
  });

  it('gives the reason of an exclusion', () => {
    expect(verdict('idsite=1&url=https%3A%2F%2Fa.org%2F')).toBe(
      'Matomo would answer success but store nothing: rec is missing.',
    );
  });

  it('gives the reason of a rejection', () => {
    expect(verdict(`${BASE}&cid=abc`)).toBe(
      'Matomo would reject this page view (400): cid must be 16 characters.',
    );
    expect(verdict(`${BASE}&country=fr`)).toBe(
      'Matomo would reject this page view (400): country needs a valid token_auth.',
    );
  });
});
