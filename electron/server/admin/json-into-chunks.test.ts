// writeJson writes JSON.stringify's bytes, whatever the value holds (escapes, lone and paired
// surrogates, non-ASCII, numbers JSON has no text for, keys that are indices, toJSON, values
// left out) and wherever the chunks' ends fall.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { ByteChunks, CHUNK_BYTES } from './byte-chunks';
import { writeJson } from './json-into-chunks';

function written(...values: unknown[]): Buffer {
  const out = new ByteChunks();
  for (const value of values) writeJson(out, value);
  return Buffer.concat([...out.take(), ...out.rest()]);
}

const stringified = (...values: unknown[]): Buffer =>
  Buffer.from(values.map((value) => JSON.stringify(value)).join(''), 'utf8');

/** Texts of every kind JSON.stringify treats apart: escapes, surrogates, multi-byte UTF-8. */
const texts = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      ...['a', 'é', '–', '"', '\\', '\n', '\t', '\b', '\f', '\r', '\u0001', '\u001f', '\u007f'],
      ...['\ud83d', '\ude00', '\udbff', '\udc00', '😀', '\u{10ffff}', '\u2028'],
    ),
  }),
);

const scalars = fc.oneof(
  texts,
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, NaN, Infinity, 1e21, true, false, null, undefined),
  fc.date({ noInvalidDate: true }),
);

const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalars, tie('list'), tie('record')),
  list: fc.array(tie('value'), { maxLength: 6 }),
  record: fc.dictionary(
    fc.oneof(texts, fc.nat().map(String), fc.constantFrom('__proto__', 'toJSON')),
    tie('value'),
    { maxKeys: 6 },
  ),
})).value;

describe('writeJson', () => {
  it('writes the bytes of JSON.stringify', () => {
    fc.assert(
      fc.property(values, (value) => {
        fc.pre(value !== undefined);
        expect(written(value).toString('latin1')).toBe(stringified(value).toString('latin1'));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes the same across the ends of chunks', () => {
    // Enough values to fill several chunks, each end falling somewhere else.
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 40 }), fc.nat(600), (list, pad) => {
        const items = list.filter((value) => value !== undefined);
        const filler = 'x'.repeat(CHUNK_BYTES - 2 - pad * 3);
        const mine = written(filler, ...items, filler, ...items);
        // Compared whole (a byte-by-byte deep equality of 130 KB is slow).
        expect(mine.equals(stringified(filler, ...items, filler, ...items))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('writes hits as JSON.stringify does, a text longer than a chunk too', () => {
    const long = `é${'v'.repeat(40_000)}😀"`;
    const hits: HitDto[] = [
      ...sampleRequest({ hits: 3, params: { action_name: 'Shop – checkout', x: long } }).hits,
      ...sampleRequest({ params: { url: 'https://a.example/?q="1"' } }).hits,
    ];
    (hits[3] as HitDto).params['lone'] = '\ud800 ';
    expect(written(...hits).equals(stringified(...hits))).toBe(true);
  });

  it('leaves out what JSON.stringify leaves out, and inherited keys', () => {
    const inherited = Object.create({ hidden: 1 }) as Record<string, unknown>;
    inherited['own'] = 2;
    const value = {
      a: undefined,
      f: () => 1,
      s: Symbol('s'),
      b: [undefined, () => 1],
      inherited,
      gone: { toJSON: () => undefined },
      2: 'index first',
    };
    expect(written(value).toString()).toBe(JSON.stringify(value));
  });
});
