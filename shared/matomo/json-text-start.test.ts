// The start of a value's JSON text is the start of JSON.stringify's, and a message showing a
// value of megabytes writes only that start. Counts characters written; times nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paramValues } from '../../test-support/capture/param-value-arbitrary';
import { showRaw } from './coerce';
import { jsonTextStart } from './json-text-start';
import type { ParamValue } from './types';
import { shown } from './validate-context';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Strings with what JSON writes apart: escapes, surrogate pairs and lone halves. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\ud83d\ude00', '\ud800', '\udc00'),
  }),
);
const value = paramValues(text);

describe('jsonTextStart', () => {
  it('is the start of JSON.stringify', () => {
    fc.assert(
      fc.property(value, fc.nat({ max: 200 }), (item, max) => {
        expect(jsonTextStart(item, max)).toBe(JSON.stringify(item).slice(0, max));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps an own __proto__ key and empty lists and objects', () => {
    const parsed = JSON.parse('{"__proto__":[],"a":{},"b":[{}]}') as ParamValue;
    for (let max = 0; max < 40; max++) {
      expect(jsonTextStart(parsed, max)).toBe(JSON.stringify(parsed).slice(0, max));
    }
  });

  it('shows the start of a value of megabytes without writing it whole', () => {
    const rows = Array.from({ length: 20_000 }, (_, r) => Array.from({ length: 50 }, () => r));
    const huge = { rows, note: 'x'.repeat(1_000_000) } as ParamValue;
    const stringify = JSON.stringify;
    let written = 0;
    vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof stringify>) => {
      const out = stringify(...args);
      written += out.length;
      return out;
    });
    const raw = showRaw(huge);
    const quoted = shown(huge);
    const longString = showRaw(['y'.repeat(1_000_000)]);
    vi.restoreAllMocks();
    expect(raw).toBe(`${JSON.stringify(huge).slice(0, 60)}…`);
    expect(quoted).toBe(`"${JSON.stringify(huge).slice(0, 60)}…"`);
    expect(longString).toBe(`["${'y'.repeat(58)}…`);
    expect(written).toBeLessThan(1_000);
  });
});
