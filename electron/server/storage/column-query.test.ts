import { describe, expect, it } from 'vitest';
import type { QueryRow } from '../../../shared/query/query-row';
import { columnQueryTest } from './column-query';

const row = (type: string, outcome: string, idsite: number | null) =>
  ({ type, outcome, idsite }) as unknown as QueryRow;

describe('columnQueryTest', () => {
  it('decides the standalone type, outcome and site terms, negated ones too', () => {
    const test = columnQueryTest('type:event e_c:Video -outcome:excluded idsite:3')!;
    expect(test(row('event', 'recorded', 3))).toBe(true);
    expect(test(row('pageview', 'recorded', 3))).toBe(false);
    expect(test(row('event', 'excluded', 3))).toBe(false);
    expect(test(row('event', 'recorded', 4))).toBe(false);
  });

  it('leaves terms joined by OR, parameters and free text to the real hit', () => {
    expect(columnQueryTest('type:event OR e_c:Video')).toBeNull();
    expect(columnQueryTest('e_c:Video "some text"')).toBeNull();
    expect(columnQueryTest(undefined)).toBeNull();
    const test = columnQueryTest('type:pageview OR type:event outcome:rejected')!;
    expect(test(row('ping', 'rejected', 1))).toBe(true);
    expect(test(row('ping', 'recorded', 1))).toBe(false);
  });
});
