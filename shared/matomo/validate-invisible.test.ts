// The values checked for format characters are remembered by place when clean: a hit gets the
// findings it gets afresh, whatever the hit before it held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../test-support/matomo-hit';
import type { ParamValue } from './types';

/** Values of one length with and without a format character, in every place. */
const VALUES = ['abc', 'a\u200bc', 'a\u202ec', 'xyz', '\u00adbc', 'ab\ufeff', 'a\u00e9c', ''];

/** The format character findings of a bulk entry with these values besides idsite and rec. */
function findings(values: readonly string[]) {
  const entry: Record<string, ParamValue> = { idsite: '1', rec: '1' };
  for (const [n, value] of values.entries()) entry[`dimension${n + 1}`] = value;
  return check(entry).issues.filter((issue) => issue.code === 'value.invisible_control');
}

describe('format characters in values', () => {
  it('are found after any other hit as they are afresh', () => {
    const values = fc.array(fc.constantFrom(...VALUES), { maxLength: 6 });
    fc.assert(
      fc.property(values, values, (before, after) => {
        // Clean values that no generated hit holds, in every place.
        findings(Array.from({ length: 8 }, (_, n) => `forget${n}`));
        const fresh = findings(after);
        findings(before);
        expect(findings(after)).toEqual(fresh);
        expect(findings(after)).toEqual(fresh);
      }),
      { numRuns: 300 },
    );
    expect(findings(['abc', 'a\u200bc']).map((issue) => issue.param)).toEqual(['dimension2']);
  });
});
