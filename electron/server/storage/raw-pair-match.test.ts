import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodesTo, plainName } from './raw-pair-match';

/** The raw text decoded as the search entries' slow way does, or null when it does not decode. */
function decoded(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** A way of writing one code point in a query: as is, escaped (either case) or `+` for a space. */
function written(point: number, how: number): string {
  const char = String.fromCodePoint(point);
  if (point === 0x20 && how === 0) return '+';
  if (how === 1 || char === '%' || char === '+' || char === '&') {
    const hex = [...Buffer.from(char, 'utf8')].map(
      (byte) => `%${byte.toString(16).padStart(2, '0')}`,
    );
    return point % 2 === 0 ? hex.join('').toUpperCase() : hex.join('');
  }
  return char;
}

// Texts of every kind: ASCII, Latin-1, the BMP, beyond it; written each way a tracker might.
const point = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xffff }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const encodedText = fc.array(fc.tuple(point, fc.nat(2)), { maxLength: 20 });
// Raw text that may not decode at all: stray `%`, bad hex, cut or overlong sequences, lone surrogates.
const messyRaw = fc
  .array(
    fc.constantFrom(
      '%',
      '+',
      'a',
      'F',
      '0',
      '9',
      'é',
      '\ud800',
      '\udc00',
      '%C3',
      '%A9',
      '%E2%82',
      '%C0%80',
      '%ED%A0%80',
      '%F0%9F%98%80',
      '%25',
      '%2B',
      '%20',
      ' ',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

describe('decodesTo', () => {
  it('reads every way of writing a text as that text', () => {
    fc.assert(
      fc.property(encodedText, (parts) => {
        const text = parts.map(([p]) => String.fromCodePoint(p)).join('');
        const raw = parts.map(([p, how]) => written(p, how)).join('');
        expect(decoded(raw)).toBe(text);
        expect(decodesTo(raw, 0, raw.length, text)).toBe(true);
        // Any other text is told apart.
        expect(decodesTo(raw, 0, raw.length, `${text}x`)).toBe(false);
        if (text !== '') expect(decodesTo(raw, 0, raw.length, text.slice(0, -1))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with decodeURIComponent on any raw text, whether it decodes or not', () => {
    fc.assert(
      fc.property(
        messyRaw,
        fc.oneof(messyRaw, fc.string({ unit: 'binary', maxLength: 6 })),
        (raw, other) => {
          const reference = decoded(raw);
          if (reference !== null) expect(decodesTo(raw, 0, raw.length, reference)).toBe(true);
          expect(decodesTo(raw, 0, raw.length, other)).toBe(reference === other);
          const unescaped = raw.replace(/%/g, '');
          expect(decodesTo(raw, 0, raw.length, unescaped)).toBe(reference === unescaped);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads only its part of the query', () => {
    const raw = 'a=x%20y&b=%C3%A9';
    expect(decodesTo(raw, 2, 7, 'x y')).toBe(true);
    expect(decodesTo(raw, 10, raw.length, 'é')).toBe(true);
    // An escape cut by the end of the part does not decode.
    expect(decodesTo(raw, 10, 13, 'é')).toBe(false);
    expect(decodesTo(raw, 10, 13, '\u00c3')).toBe(false);
  });
});

describe('plainName', () => {
  it('accepts the names a decoding leaves as they are', () => {
    expect(plainName('action_name')).toBe(true);
    expect(plainName('dimension[1]')).toBe(true);
    expect(plainName('a%5Bb')).toBe(false);
    expect(plainName('a+b')).toBe(false);
    expect(plainName('a=b')).toBe(false);
    expect(plainName('')).toBe(false);
  });
});
