// A bulk entry whose field holds a long list (thousands of rows of numbers) is read a row at a
// time over steps, and read exactly as the whole body's parse reads it. Counts the characters
// JSON.parse is given in each step; times nothing.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perStep } from '../../test-support/capture/count-steps';
import { phpJsonEdges } from '../../test-support/php-json-edges';
import { drain } from '../steps';
import { parseJsonBytesInPieces, parseJsonObjectInPieces } from './bulk-json';
import { exceedsJsonDepth } from './json-depth';
import { parsePhpJson } from './php-json';

/** Longer than a step's worth of characters, so a list holding it is read item by item. */
const LONG = 'x'.repeat(70_000);

function whole(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parsePhpJson(text) };
  } catch {
    return { ok: false };
  }
}

/** The piecewise read of `text`, checked to be the same from its UTF-8 bytes. */
function pieces(text: string) {
  const read = drain(parseJsonObjectInPieces(text));
  expect(drain(parseJsonBytesInPieces(new TextEncoder().encode(text)))).toStrictEqual(read);
  return read;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a bulk entry field holding a long list', () => {
  it('is parsed a step of rows at a time, no step parsing the whole list', () => {
    const rows = Array.from({ length: 2_000 }, (_, r) =>
      Array.from({ length: 100 }, (_, c) => r * 100 + c + 0.5),
    );
    const text = JSON.stringify({ requests: [{ idsite: '1', rec: '1', data: rows }, '?a=1'] });
    const parse = JSON.parse;
    let parsedThisStep = 0;
    vi.spyOn(JSON, 'parse').mockImplementation((source: string, reviver?) => {
      parsedThisStep += source.length;
      return parse(source, reviver) as unknown;
    });
    const { value: read, counts } = perStep(
      parseJsonBytesInPieces(new TextEncoder().encode(text)),
      {
        reset: () => (parsedThisStep = 0),
        count: () => parsedThisStep,
      },
    );
    vi.restoreAllMocks();
    expect(read?.json).toStrictEqual(JSON.parse(text));
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(Math.max(...counts)).toBeLessThan(200_000);
  });

  it('reads random values inside long lists and objects as JSON.parse does', () => {
    const long = (value: unknown) => [value, LONG];
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
        fc.constantFrom('', ' ', '\r\n'),
        (items, fields, space) => {
          const entry = { ...fields, data: [...items, long(items), { deep: long(fields) }, LONG] };
          const text = JSON.stringify({ requests: [entry, long(items)] }, null, space);
          const read = pieces(text);
          const parsed = JSON.parse(text) as unknown;
          if (read === null) {
            // Left to the whole parse: only a key JSON.parse sets in its own way.
            expect(text).toContain('"__proto__"');
            return;
          }
          expect(read.json).toStrictEqual(parsed);
          expect(read.tooDeep).toBe(exceedsJsonDepth(parsed));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves what PHP reads otherwise to the whole parse, or reads it the same', () => {
    const edge = fc.constantFrom(...phpJsonEdges([521, 506]));
    fc.assert(
      fc.property(
        fc.array(edge, { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 3 }),
        (parts, at) => {
          const inner = [...parts.slice(0, at), JSON.stringify(LONG), ...parts.slice(at)];
          const text = `{"requests":[{"idsite":"1","data":[${inner.join(',')}]}]}`;
          const read = pieces(text);
          const parsed = whole(text);
          if (read === null) return;
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect(read.json).toStrictEqual(parsed.value);
          expect(read.tooDeep).toBe(exceedsJsonDepth(parsed.value));
        },
      ),
      { numRuns: 200 },
    );
    // A lone surrogate escape deep in a long list still refuses the body.
    const lone = `{"requests":[{"data":[${JSON.stringify(LONG)},["\\ud800"]]}]}`;
    expect(pieces(lone)).toBeNull();
    expect(whole(lone).ok).toBe(false);
  });

  it('finds nesting too deep for PHP inside a long list', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    // The body is level 1, "requests" 2, the entry 3, its field 4, the long list's items 5.
    const body = (levels: number) =>
      `{"requests":[{"data":[${JSON.stringify(LONG)},${nested(levels)}]}]}`;
    expect(pieces(body(508))?.tooDeep).toBe(false);
    expect(pieces(body(509))?.tooDeep).toBe(true);
    expect(exceedsJsonDepth(JSON.parse(body(509)))).toBe(true);
    expect(exceedsJsonDepth(JSON.parse(body(508)))).toBe(false);
  });

  it('reads a long list beside the requests a step at a time too', () => {
    const rows = Array.from({ length: 2_000 }, (_, r) => Array.from({ length: 100 }, () => r));
    const text = JSON.stringify({ token_auth: 'abc', extra: { rows }, requests: ['?a=1'] });
    const parse = JSON.parse;
    let parsedThisStep = 0;
    vi.spyOn(JSON, 'parse').mockImplementation((source: string, reviver?) => {
      parsedThisStep += source.length;
      return parse(source, reviver) as unknown;
    });
    const { value: read, counts } = perStep(parseJsonObjectInPieces(text), {
      reset: () => (parsedThisStep = 0),
      count: () => parsedThisStep,
    });
    vi.restoreAllMocks();
    expect(read?.json).toStrictEqual(JSON.parse(text));
    expect(read?.tooDeep).toBe(false);
    expect(Math.max(...counts)).toBeLessThan(200_000);
    const deep = `{"extra":[${JSON.stringify(LONG)},${'['.repeat(511)}${']'.repeat(511)}],"requests":[]}`;
    expect(pieces(deep)?.tooDeep).toBe(true);
    expect(exceedsJsonDepth(JSON.parse(deep))).toBe(true);
    const fits = `{"extra":[${JSON.stringify(LONG)},${'['.repeat(510)}${']'.repeat(510)}],"requests":[]}`;
    expect(pieces(fits)?.tooDeep).toBe(false);
  });
});
