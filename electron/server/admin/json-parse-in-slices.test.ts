// The sliced parse gives what JSON.parse gives, whatever falls on a piece boundary: escapes
// (\", \\, \n, \uXXXX), surrogate pairs written whole or as two escapes, multi-byte UTF-8,
// and wherever the text it is handed is cut into pieces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonParseInSlices, utf8InSlices } from './json-parse-in-slices';
import { TextPieces } from './text-pieces';

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
        expect(await jsonParseInSlices(json, pause, { pieceChars: piece })).toEqual(
          JSON.parse(json),
        );
      }
    }
  });

  it('keeps a "__proto__" key a key, and refuses what is not JSON', async () => {
    const json = `{"__proto__": {"x": "${'y'.repeat(40)}"}}`;
    const parsed = (await jsonParseInSlices(json, pause, { pieceChars: 8 })) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    await expect(
      jsonParseInSlices(`{"a": "${'b'.repeat(40)}`, pause, { pieceChars: 8 }),
    ).rejects.toThrow(SyntaxError);
    await expect(
      jsonParseInSlices(`{"a": "${'b'.repeat(40)}" x}`, pause, { pieceChars: 8 }),
    ).rejects.toThrow(SyntaxError);
  });
});

describe('jsonParseInSlices of a document of many values', () => {
  /** A pretty-printed HAR-like document: nested objects, arrays, numbers, literals, strings. */
  function documentText(entries: number, seed: number): string {
    const log = {
      version: '1.2',
      entries: Array.from({ length: entries }, (_, i) => ({
        request: { url: randomText(20 + (i % 30), seed + i), headers: [], n: -i * 1.5e-3 },
        ok: i % 3 === 0,
        none: null,
        list: [i, [], {}, [true, false], 'x'],
      })),
      empty: {},
    };
    return JSON.stringify({ log }, null, indentOf(seed));
  }
  const indentOf = (seed: number) => (seed % 2 === 0 ? 2 : '\t');

  it('gives what JSON.parse gives, read member by member', async () => {
    const slices: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const json = documentText(40, seed);
      for (const piece of [8, 64, 500]) {
        let pauses = 0;
        const counted = () => {
          pauses++;
          return Promise.resolve();
        };
        expect(await jsonParseInSlices(json, counted, { pieceChars: piece })).toEqual(
          JSON.parse(json),
        );
        slices.push(pauses);
      }
    }
    // The 40 entries are read one at a time, the event loop given back between them.
    expect(Math.min(...slices)).toBeGreaterThanOrEqual(40);
  });

  it('throws what JSON.parse throws for NDJSON and broken documents', async () => {
    const ndjson = Array.from({ length: 50 }, (_, i) => JSON.stringify({ line: i })).join('\n');
    const broken = documentText(20, 3).replace('"none": null', '"none": nul');
    const cut = documentText(20, 4).slice(0, -40);
    for (const text of [ndjson, broken, cut, `${documentText(20, 5)} x`]) {
      const thrown = await jsonParseInSlices(text, pause, { pieceChars: 16 }).catch(
        (error: Error) => error,
      );
      expect(thrown).toBeInstanceOf(SyntaxError);
      expect((thrown as Error).message).toBe(
        (() => {
          try {
            JSON.parse(text);
          } catch (error) {
            return (error as Error).message;
          }
        })(),
      );
    }
  });
});

describe('utf8InSlices', () => {
  it('decodes characters that straddle two chunks', async () => {
    const text = randomText(500, 7);
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 5, 64]) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect((await utf8InSlices(chunks, pause)).join()).toBe(text);
    }
    expect((await utf8InSlices([], pause)).join()).toBe('');
  });

  it('decodes a body of socket chunks into a few long pieces, characters straddling any', async () => {
    const text = randomText(400_000, 11);
    const bytes = Buffer.from(text);
    // An odd chunk size: multi-byte characters fall across chunks and across pieces.
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_521) chunks.push(bytes.subarray(at, at + 65_521));
    const decoded = await utf8InSlices(chunks, pause);
    expect(decoded.join()).toBe(text);
    // A piece per chunk was a string of the young generation each, copied by collections.
    expect(decoded.pieces.length).toBeLessThanOrEqual(Math.ceil(bytes.length / (256 * 1024)) + 1);
  });
});

describe('jsonParseInSlices of a text in pieces', () => {
  /** `text` cut at `cuts` (positions, in any order; repeats give empty pieces). */
  function cutAt(text: string, cuts: number[]): TextPieces {
    const at = [...cuts.map((cut) => cut % (text.length + 1)), text.length].sort((a, b) => a - b);
    return new TextPieces(at.map((to, i) => text.slice(i === 0 ? 0 : at[i - 1], to)));
  }
  /** The JSON text of `value`, indented or not, its non-ASCII characters written as \u escapes or not. */
  function jsonOf(value: unknown, indent: number, escaped: boolean): string {
    const json = JSON.stringify(value, null, indent);
    return escaped
      ? json.replace(
          /[\u007f-\uffff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        )
      : json;
  }
  const outcome = (run: () => unknown) => {
    try {
      return { value: run() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const documents = fc.record({
    value: fc.jsonValue({ maxDepth: 4 }),
    indent: fc.nat({ max: 2 }),
    escaped: fc.boolean(),
    cuts: fc.array(fc.nat(), { maxLength: 12 }),
    piece: fc.integer({ min: 6, max: 48 }),
  });

  it('gives what JSON.parse gives for random documents cut at random places', async () => {
    await fc.assert(
      fc.asyncProperty(documents, async ({ value, indent, escaped, cuts, piece }) => {
        const json = jsonOf(value, indent, escaped);
        const read = await jsonParseInSlices(cutAt(json, cuts), pause, { pieceChars: piece });
        expect(read).toEqual(JSON.parse(json));
      }),
      { numRuns: 300 },
    );
  });

  it('throws what JSON.parse throws for random documents with a character dropped', async () => {
    await fc.assert(
      fc.asyncProperty(documents, fc.nat(), async ({ value, indent, cuts, piece }, drop) => {
        const whole = jsonOf(value, indent, false);
        const at = drop % whole.length;
        const json = whole.slice(0, at) + whole.slice(at + 1);
        const sliced = await jsonParseInSlices(cutAt(json, cuts), pause, { pieceChars: piece })
          .then((read) => ({ value: read }))
          .catch((error: Error) => ({ error: error.message }));
        expect(sliced).toEqual(outcome(() => JSON.parse(json)));
      }),
      { numRuns: 300 },
    );
  });

  it('hands the long strings of the keys asked for on as pieces no longer than a step', async () => {
    const content = `${randomText(300, 5)}\ud83d\ude00${randomText(300, 6)}`;
    const json = jsonOf({ content, name: randomText(100, 7), other: randomText(100, 8) }, 0, true);
    const read = (await jsonParseInSlices(cutAt(json, [50, 51, 400, 999]), pause, {
      pieceChars: 32,
      piecedKeys: new Set(['content', 'name']),
    })) as Record<string, unknown>;
    expect(read.content).toBeInstanceOf(TextPieces);
    const pieces = read.content as TextPieces;
    expect(pieces.join()).toBe(content);
    expect(Math.max(...pieces.pieces.map((part) => part.length))).toBeLessThanOrEqual(32);
    // `name` too; `other` is no key asked for: one string, as JSON.parse gives it.
    expect((read.name as TextPieces).join()).toBe(JSON.parse(json).name);
    expect(read.other).toBe(JSON.parse(json).other);
  });
});
