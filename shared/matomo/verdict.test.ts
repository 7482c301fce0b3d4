import { describe, expect, it } from 'vitest';
import { BASE, NOW, check } from '../../test-support/matomo-hit';
import { analyzeRequest } from './analyze';
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

describe('describeVerdict in an aborted bulk (docs/tracking-protocol.md#bulk-isolation)', () => {
  const page = `?${BASE}`;
  const body = JSON.stringify({ requests: [page, `${page}&ca=1`, `${page}&e_c=C&e_a=A`] });
  const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' };
  const analysis = analyzeRequest(
    {
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers,
      body: new TextEncoder().encode(body),
    },
    { now: NOW, sites: [] },
  );

  it('says the bulk was aborted, for every entry, before anything the entry holds', () => {
    expect(analysis.hits.map((hit) => describeVerdict(hit))).toEqual([
      'Matomo would process this page view, then roll it back: entry #1 aborted the bulk (500), so nothing of it is stored.',
      'Matomo would stop the whole bulk at this request (500) and store none of it: ca=1 but nothing in the hit is a custom action.',
      'Matomo would not process this event: entry #1 aborted the bulk (500) before it.',
    ]);
  });
});
