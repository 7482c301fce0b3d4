// A bulk entry field holding a long list is written into the raw query a piece at a time, to
// the same text queryPart writes at once. Counts the characters encoded in each step; times
// nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perStep } from '../../test-support/capture/count-steps';
import { paramValues } from '../../test-support/capture/param-value-arbitrary';
import { buildQuery, queryPart, queryPartInSteps } from './build';
import { drain } from '../steps';
import { parseRequest, parseRequestSteps } from './parse';

/** Counts the characters percent-encoded (until the mocks are restored). */
function countEncoded() {
  const encode = globalThis.encodeURIComponent;
  let encoded = 0;
  vi.spyOn(globalThis, 'encodeURIComponent').mockImplementation((part) => {
    encoded += String(part).length;
    return encode(part);
  });
  return { reset: () => (encoded = 0), count: () => encoded };
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Values with the characters encoding treats apart: lone surrogates, `'`, `&`, non-ASCII. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom("'", '&=+%#', '\ud800', '\udc00x', '\ud83d\ude00', 'caf\u00e9', '__proto__'),
);
const value = paramValues(text);

describe('queryPartInSteps', () => {
  it('writes what queryPart writes', () => {
    fc.assert(
      fc.property(text, value, fc.nat({ max: 3000 }), (name, item, copies) => {
        // Long lists too: runs of scalars longer than one JSON.stringify writes.
        const long = [item, Array.from({ length: copies }, (_, n) => (n % 7 === 0 ? item : n))];
        for (const written of [item, long, { [name]: long, a: item }]) {
          expect(drain(queryPartInSteps(name, written))).toBe(queryPart(name, written));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes a long list a step of rows at a time', () => {
    const rows = Array.from({ length: 2_000 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => r * 100 + c + 0.5),
    );
    const { value: written, counts } = perStep(queryPartInSteps('data', rows), countEncoded());
    vi.restoreAllMocks();
    expect(written).toBe(queryPart('data', rows));
    expect(written.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...counts)).toBeLessThan(200_000);
  });

  it('gives a bulk entry field of a long list its raw query over steps', () => {
    const rows = Array.from({ length: 2_000 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => r + c),
    );
    const body = JSON.stringify({ requests: [{ idsite: '1', rec: '1', data: rows }] });
    const raw = {
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: {},
      body: new TextEncoder().encode(body),
    };
    const { value: written, counts } = perStep(parseRequestSteps(raw), countEncoded());
    vi.restoreAllMocks();
    expect(written).toStrictEqual(parseRequest(raw));
    expect(written.entries[0]?.rawQuery).toBe(`idsite=1&rec=1&${queryPart('data', rows)}`);
    expect(written.entries[0]?.rawQuery.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...counts)).toBeLessThan(200_000);
  });

  it('joins a long value between other fields as buildQuery does', () => {
    const long = Array.from({ length: 3_000 }, (_, n) => [n, `v${n}`]);
    const entry = { a: '1', long, b: [1], c: "x'y", long2: { k: long } };
    const raw = {
      method: 'POST',
      path: '/matomo.php',
      query: '',
      headers: {},
      body: new TextEncoder().encode(JSON.stringify({ requests: [entry, { long }] })),
    };
    const [first, second] = parseRequest(raw).entries;
    expect(first?.rawQuery).toBe(buildQuery(entry));
    expect(second?.rawQuery).toBe(buildQuery({ long }));
  });
});
