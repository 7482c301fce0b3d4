// A bulk entry field holding a long list is written into the raw query a piece at a time, to
// the same text queryPart writes at once. Counts the characters encoded in each step; times
// nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildQuery, queryPart, queryPartInSteps } from './build';
import { drain } from './bulk';
import { parseRequest, parseRequestSteps } from './parse';
import type { ParamValue } from './types';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Values with the characters encoding treats apart: lone surrogates, `'`, `&`, non-ASCII. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom("'", '&=+%#', '\ud800', '\udc00x', '\ud83d\ude00', 'caf\u00e9', '__proto__'),
);
const value: fc.Arbitrary<ParamValue> = fc.letrec<{ value: ParamValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  ),
})).value;

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
    const encode = globalThis.encodeURIComponent;
    let encodedThisStep = 0;
    vi.spyOn(globalThis, 'encodeURIComponent').mockImplementation((part) => {
      encodedThisStep += String(part).length;
      return encode(part);
    });
    const steps = queryPartInSteps('data', rows);
    const perStep: number[] = [];
    let step;
    do {
      encodedThisStep = 0;
      step = steps.next();
      perStep.push(encodedThisStep);
    } while (step.done !== true);
    vi.restoreAllMocks();
    expect(step.value).toBe(queryPart('data', rows));
    expect(step.value.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...perStep)).toBeLessThan(200_000);
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
    const encode = globalThis.encodeURIComponent;
    let encodedThisStep = 0;
    vi.spyOn(globalThis, 'encodeURIComponent').mockImplementation((part) => {
      encodedThisStep += String(part).length;
      return encode(part);
    });
    const steps = parseRequestSteps(raw);
    const perStep: number[] = [];
    let step;
    do {
      encodedThisStep = 0;
      step = steps.next();
      perStep.push(encodedThisStep);
    } while (step.done !== true);
    vi.restoreAllMocks();
    expect(step.value).toStrictEqual(parseRequest(raw));
    expect(step.value.entries[0]?.rawQuery).toBe(`idsite=1&rec=1&${queryPart('data', rows)}`);
    expect(step.value.entries[0]?.rawQuery.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...perStep)).toBeLessThan(200_000);
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
