// The sliced parse gives what JSON.parse gives, whatever falls on a piece boundary: escapes
// (\", \\, \n, \uXXXX), surrogate pairs written whole or as two escapes, multi-byte UTF-8.
import { describe, expect, it } from 'vitest';
import { jsonParseInSlices, utf8InSlices } from './json-parse-in-slices';

const ALPHABET = ['a', 'é', '"', '\\', '\n', '\u0001', '😀', '\u2028', '/', ' '];
const pause = () => Promise.resolve();

/** A random text of `length` characters of the alphabet above, from a fixed seed. */
function randomText(length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    out += ALPHABET[state % ALPHABET.length];
  }
  return out;
}

describe('jsonParseInSlices', () => {
  it('gives what JSON.parse gives, pieces cut anywhere', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const value = {
        content: randomText(200 + seed, seed),
        name: 'short',
        list: [randomText(90, seed + 100), 1, null, { deep: randomText(70, seed + 200) }],
        [randomText(60, seed + 300)]: true,
      };
      // JSON.stringify writes 😀 as itself; written as \ud83d\ude00 the pair is two escapes.
      const json = JSON.stringify(value).replace(/😀/g, '\\ud83d\\ude00');
      for (const piece of [7, 8, 9, 13, 64]) {
        expect(await jsonParseInSlices(json, pause, piece)).toEqual(JSON.parse(json));
      }
    }
  });

  it('keeps a "__proto__" key a key, and refuses what is not JSON', async () => {
    const json = `{"__proto__": {"x": "${'y'.repeat(40)}"}}`;
    const parsed = (await jsonParseInSlices(json, pause, 8)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    await expect(jsonParseInSlices(`{"a": "${'b'.repeat(40)}`, pause, 8)).rejects.toThrow(
      SyntaxError,
    );
    await expect(jsonParseInSlices(`{"a": "${'b'.repeat(40)}" x}`, pause, 8)).rejects.toThrow(
      SyntaxError,
    );
  });
});

describe('utf8InSlices', () => {
  it('decodes characters that straddle two chunks', async () => {
    const text = randomText(500, 7);
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 5, 64]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(await utf8InSlices(chunks, pause)).toBe(text);
    }
    expect(await utf8InSlices([], pause)).toBe('');
  });
});
