// A bulk entry sent as a JSON object of thousands of keys is read key by key over steps; no
// step may walk the whole entry first to find where it ends. Counts the quotes looked for in
// each step (every string is found by its closing quote); times nothing.
import { describe, expect, it } from 'vitest';
import { parseJsonBytesInPieces } from './bulk-json';

const KEYS = 25_000;

/** Bytes that count the quote searches made on them (and on their views). */
class CountingBytes extends Uint8Array {
  static searches = 0;
  override indexOf(value: number, from?: number): number {
    CountingBytes.searches++;
    return super.indexOf(value, from);
  }
}

function entryBody(): Uint8Array {
  const entry: Record<string, string> = { idsite: '1', rec: '1' };
  for (let n = 0; n < KEYS; n++) entry[`p${n}`] = `value ${n}`;
  const bytes = new TextEncoder().encode(JSON.stringify({ requests: [entry, { idsite: '2' }] }));
  const counting = new CountingBytes(bytes.length);
  counting.set(bytes);
  return counting;
}

describe('a bulk entry of many keys read in pieces', () => {
  it('is read a step of keys at a time, none walking the whole entry', () => {
    const bytes = entryBody();
    const steps = parseJsonBytesInPieces(bytes);
    const perStep: number[] = [];
    let step;
    do {
      CountingBytes.searches = 0;
      step = steps.next();
      perStep.push(CountingBytes.searches);
    } while (step.done !== true);
    const json = step.value?.json as { requests: Record<string, string>[] };
    expect(json.requests[0]?.[`p${KEYS - 1}`]).toBe(`value ${KEYS - 1}`);
    expect(json.requests[1]).toEqual({ idsite: '2' });
    // Each key and each value is one string, 50,000 in all: a step looks for a fraction.
    expect(perStep.length).toBeGreaterThan(3);
    expect(Math.max(...perStep)).toBeLessThan(KEYS);
  });
});
