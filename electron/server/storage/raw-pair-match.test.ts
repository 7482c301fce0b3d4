import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodesTo, plainName, TypedPairs } from './raw-pair-match';

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

describe('TypedPairs', () => {
  /** The answer without remembering: `name=` then a value that decodes to `value`. */
  const reference = (raw: string, name: string, value: string) =>
    raw.startsWith(`${name}=`) && decodesTo(raw, name.length + 1, raw.length, value);

  it('answers as the walk does, whatever pairs and values came before', () => {
    const pair = fc.tuple(
      fc.constantFrom('uadata', 'url', 'u'),
      fc.constantFrom('%7B%22a%22%3A1%7D', 'x%20y+z', 'plain', '%C3%A9t%C3%A9%20%E2%80%93%20long'),
      fc.constantFrom('{"a":1}', 'x y z', 'plain', 'été – long', 'other'),
      fc.constantFrom('', 'name-padding-of-some-length&'),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 30 }), (pairs) => {
        const typed = new TypedPairs();
        for (const [name, written, value, before] of pairs) {
          const raw = `${before}${name}=${written}`;
          expect(typed.readsAs(raw, before.length, raw.length, name, value)).toBe(
            reference(raw.slice(before.length), name, value),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('walks a pair sent again with the same value only once', () => {
    let walks = 0;
    const typed = new TypedPairs((...args) => {
      walks++;
      return decodesTo(...args);
    });
    const hints = 'uadata=%7B%22brands%22%3A%5B%7B%22brand%22%3A%22Chromium%22%7D%5D%7D';
    const value = '{"brands":[{"brand":"Chromium"}]}';
    for (let hit = 0; hit < 100; hit++) {
      const raw = `idsite=1&${hints}&r=${hit}`;
      const from = raw.indexOf('uadata');
      expect(typed.readsAs(raw, from, from + hints.length, 'uadata', value)).toBe(true);
    }
    expect(walks).toBe(1);
    // Another value, or the same value written otherwise, is walked again.
    expect(typed.readsAs(hints, 0, hints.length, 'uadata', `${value} `)).toBe(false);
    const otherwise = hints.replace('%7B', '{');
    expect(typed.readsAs(otherwise, 0, otherwise.length, 'uadata', value)).toBe(true);
    expect(walks).toBe(3);
  });
});
