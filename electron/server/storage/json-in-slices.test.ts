import { describe, expect, it } from 'vitest';
import { jsonInSlices } from './json-in-slices';

const noPause = () => Promise.resolve();

async function encoded(value: unknown, pieceChars: number): Promise<string> {
  return Buffer.concat(await jsonInSlices(value, noPause, pieceChars)).toString('utf8');
}

describe('jsonInSlices', () => {
  it('writes what JSON.stringify writes, long strings in pieces', async () => {
    const value = {
      rawQuery: `x=${'ab"\\\n€'.repeat(40)}`,
      params: { x: '😀'.repeat(33), short: 'v', none: undefined },
      list: [1, undefined, null, true, 'é'.repeat(50), { toJSON: () => 'made' }],
      nested: { deeper: ['\u0000'.repeat(20), 1.5, NaN] },
    };
    const text = await encoded(value, 7);
    expect(text).toBe(JSON.stringify(value));
  });

  it('keeps a surrogate pair whole at a piece boundary', async () => {
    // Piece size 3: "a" and the pair would be cut between its halves without care.
    const value = ['aa😀b😀😀'];
    expect(await encoded(value, 3)).toBe(JSON.stringify(value));
    expect(await encoded('\ud800x\udc00'.repeat(4), 2)).toBe(
      JSON.stringify('\ud800x\udc00'.repeat(4)),
    );
  });

  it('is not misled by captured text that looks like its marker', async () => {
    const looksLikeMark = '\u0000abcdef0123456789:0';
    const value = { a: looksLikeMark, b: 'z'.repeat(30), c: `${looksLikeMark}${'y'.repeat(30)}` };
    expect(await encoded(value, 10)).toBe(JSON.stringify(value));
  });

  it('gives the event loop back between the pieces of a long string', async () => {
    let pauses = 0;
    const pieces = await jsonInSlices(
      { v: 'q'.repeat(100) },
      () => {
        pauses++;
        return Promise.resolve();
      },
      10,
    );
    expect(pauses).toBeGreaterThanOrEqual(10);
    expect(Buffer.concat(pieces).toString()).toBe(JSON.stringify({ v: 'q'.repeat(100) }));
  });
});

describe('jsonInSlices, large lists and objects', () => {
  it('writes them item by item, as JSON.stringify does', async () => {
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, n) => [`p${n}`, `v${n}`]));
    const list = Array.from({ length: 2000 }, (_, n) => (n % 7 === 0 ? undefined : { n, s: 'x' }));
    const value = { params: { ...many, gone: undefined, long: 'w'.repeat(50) }, list, top: 1 };
    let pauses = 0;
    const pieces = await jsonInSlices(
      value,
      () => {
        pauses++;
        return Promise.resolve();
      },
      20,
    );
    expect(Buffer.concat(pieces).toString()).toBe(JSON.stringify(value));
    expect(pauses).toBeGreaterThan(3);
    expect(await encoded(list, 20)).toBe(JSON.stringify(list));
  });
});

describe('jsonInSlices, a hit of 100,000 parameters', () => {
  // The shape of a hit of a bulk entry sent as an object: three fields of 100,000 items
  // (parameters, their occurrences and decoded values), small items each.
  const count = 3000;
  const names = Array.from({ length: count }, (_, n) => `p${n}`);
  const hit = {
    id: 'h1',
    when: new Date(0),
    params: Object.fromEntries(names.map((name) => [name, `v${name}`])),
    occurrences: names.map((name, index) => ({ name, value: `v${name}`, index, gone: undefined })),
    decoded: Object.fromEntries(
      names.map((name, n) => [name, { name, value: n % 2 ? [n, 'w'.repeat(40)] : { a: n } }]),
    ),
    missing: undefined,
  };
  Object.defineProperty(hit.params, '__proto__', { value: 'own', enumerable: true });

  it('writes what JSON.stringify writes, an item with a long string in pieces', async () => {
    expect(await encoded(hit, 30)).toBe(JSON.stringify(hit));
  });

  it('gathers its small items into a few pieces, not one a parameter', async () => {
    const pieces = await jsonInSlices(hit, noPause);
    expect(Buffer.concat(pieces).toString()).toBe(JSON.stringify(hit));
    expect(pieces.length).toBeLessThan(count / 10);
  });
});
