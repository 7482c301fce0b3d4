// A long data file line read hit by hit gives the same hits as parsing it whole.
import { describe, expect, it } from 'vitest';
import { linePieces } from './line-pieces';
import { decodeLine, LINE_VERSION } from './stored-record';

function bulkLine(count: number, params?: (i: number) => unknown): string {
  const hits = Array.from({ length: count }, (_, i) => ({
    id: `bulk1.${i}`,
    index: i,
    userAgent: 'Agent/1.0',
    type: 'pageview',
    outcome: 'recorded',
    issues: [],
    summary: `Page "${i}" },{"id": inside a string`,
    idsite: 1,
    rawQuery: `idsite=1&rec=1&action_name=${'x'.repeat(100)}${i}`,
    ...(params ? { params: params(i), objectEntry: true } : {}),
  }));
  const request = { id: 'bulk1', body: '{"requests":[]}', hitCount: count };
  return JSON.stringify({ v: LINE_VERSION, request, hits });
}

describe('line pieces', () => {
  it('read a bulk line hit by hit, the same as parsing it whole', () => {
    const text = bulkLine(3_000);
    const pieces = linePieces(text);
    const whole = decodeLine(text);
    expect(pieces.request).toEqual(whole.request);
    expect(pieces.hitCount).toBe(3_000);
    for (const i of [0, 1, 1_500, 2_999]) expect(pieces.hit(i)).toEqual(whole.hits[i]);
    expect(pieces.hit(3_000)).toBeUndefined();
    expect(pieces.indexOf('bulk1.2999')).toBe(2_999);
    expect(pieces.indexOf('other.1')).toBe(-1);
  });

  it('parse a line whole when an object inside a hit looks like a hit boundary', () => {
    const text = bulkLine(3_000, (i) => ({ items: [{ a: 1 }, { id: i }] }));
    const pieces = linePieces(text);
    expect(pieces.hitCount).toBe(3_000);
    expect(pieces.hit(7)).toEqual(decodeLine(text).hits[7]);
  });
});
