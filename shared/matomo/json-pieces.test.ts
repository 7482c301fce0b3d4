// A value's JSON text in pieces is JSON.stringify's text, cut where no escape or surrogate pair
// is split, each piece but the last at least as long as asked.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonPieces } from './json-pieces';
import type { ParamValue } from './types';

/** Texts with what JSON writes apart: escapes, surrogate pairs and lone halves. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      '"',
      '\\',
      '\n',
      '\u0001',
      '\u202e',
      '\ud83d\ude00',
      '\ud800',
      '\udc00',
    ),
  }),
);

/** Keys JSON orders apart (integer-like ones first) or an object could take as its own. */
const key = fc.oneof(
  text,
  fc.constantFrom('__proto__', 'constructor', '0', '1', '10', '01', '-1', '1.5', '4294967295'),
);

/** Plain JSON data, with -0, non-finite numbers and empty lists and objects nested. */
const value = fc.letrec<{ value: ParamValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.double(),
    fc.constantFrom(-0, 0, 1e21, Number.MAX_SAFE_INTEGER),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom<ParamValue>([], {}, [[]], [{}], { a: [] }, { '': {} }),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** Whether `piece` holds no lone surrogate (percent-encoding refuses one). */
function isWellFormed(piece: string): boolean {
  try {
    encodeURIComponent(piece);
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jsonPieces', () => {
  it('gives the text of JSON.stringify, a piece of at least pieceChars at a time', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 40 }), (item, pieceChars) => {
        const pieces = [...jsonPieces(item, pieceChars)];
        expect(pieces.join('')).toBe(JSON.stringify(item));
        for (const piece of pieces.slice(0, -1))
          expect(piece.length).toBeGreaterThanOrEqual(pieceChars);
        expect(pieces.every(isWellFormed)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps an own __proto__ key, integer-like keys first, as JSON.parse gave them', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":[-0,{}],"2":[[]],"1":{"a":[{}]}}') as ParamValue;
    for (let pieceChars = 1; pieceChars < 50; pieceChars++) {
      expect([...jsonPieces(parsed, pieceChars)].join('')).toBe(JSON.stringify(parsed));
    }
  });

  it('cuts long texts and keys between code points only', () => {
    const long = '\ud83d\ude00x'.repeat(1_000);
    const item = { [long]: [long, `\ud800${long}\udc00`] };
    for (const pieceChars of [1, 2, 3, 64, 1_000]) {
      const pieces = [...jsonPieces(item, pieceChars)];
      expect(pieces.join('')).toBe(JSON.stringify(item));
      expect(pieces.every(isWellFormed)).toBe(true);
      expect(pieces.length).toBeGreaterThan(6_000 / (pieceChars + 2));
    }
  });

  it('writes no more of a value of megabytes than the pieces taken', () => {
    const rows = Array.from({ length: 20_000 }, (_, r) => [r, `row ${r}`, { r }]);
    const huge: ParamValue = { note: 'x'.repeat(1_000_000), rows };
    const stringify = vi.spyOn(JSON, 'stringify');
    const taken: string[] = [];
    for (const piece of jsonPieces(huge, 1_000)) if (taken.push(piece) === 3) break;
    const written = stringify.mock.results.reduce(
      (sum, result) => sum + String(result.value ?? '').length,
      0,
    );
    vi.restoreAllMocks();
    expect(taken.join('')).toBe(JSON.stringify(huge).slice(0, taken.join('').length));
    expect(written).toBeLessThan(6_000);
  });
});
