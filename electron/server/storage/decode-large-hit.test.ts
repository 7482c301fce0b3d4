// A stored hit of 100,000 parameters (a bulk entry sent as a JSON object keeps them all) is
// parsed back from its line a slice of parameters at a time, into the hit JSON.parse reads.
import { describe, expect, it } from 'vitest';
import { decodeLineInSlices } from './decode-line';
import { LINE_VERSION } from './stored-record';

// Only what reading the line needs: the request's id and the hits it states.
const request = { id: 'r1', hitCount: 2 };

function hitJson(id: string, keys: number): string {
  const params: Record<string, unknown> = { idsite: 1, rec: true, nested: { a: [1, { b: null }] } };
  for (let n = 0; n < keys; n++) params[`p${n}`] = n % 7 === 0 ? `caf\u00e9 ${n} 😀 "q"` : `v${n}`;
  return JSON.stringify({ id, userAgent: 'UA', issues: [], params, objectEntry: true });
}

describe('a stored hit of thousands of parameters', () => {
  it('is parsed back over many pauses, as JSON.parse reads it', async () => {
    const big = hitJson('r1.0', 60_000);
    const small = hitJson('r1.1', 3);
    const line = `{"v":${LINE_VERSION},"request":${JSON.stringify(request)},"hits":[\t${big},\t${small}]}`;
    let pauses = 0;
    const read = await decodeLineInSlices(Buffer.from(line), () => {
      pauses++;
      return Promise.resolve();
    });
    expect(read.hits).toStrictEqual([JSON.parse(big), JSON.parse(small)]);
    expect(Object.keys(read.hits[0]?.params ?? {})).toStrictEqual(
      Object.keys((JSON.parse(big) as { params: object }).params),
    );
    // One pause after each hit, and more within the large one.
    expect(pauses).toBeGreaterThan(10);
  });
});
