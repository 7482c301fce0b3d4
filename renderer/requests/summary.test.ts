import { describe, expect, it } from 'vitest';
import { summarizePairs } from './summary';

const pairs = (query: string) =>
  [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));

describe('summarizePairs', () => {
  it('names the kind and the values that tell requests apart', () => {
    expect(summarizePairs(pairs('idsite=1&e_c=Video&e_a=Play&e_v=3'))).toBe(
      'Event: Video › Play = 3 (site 1)',
    );
    expect(summarizePairs(pairs('idsite=2&action_name=Home&url=https://x/'))).toBe(
      'Page view: Home (site 2)',
    );
    expect(summarizePairs(pairs('idgoal=0&ec_id=A1&revenue=9'))).toBe(
      'Ecommerce order: A1, revenue 9',
    );
    expect(summarizePairs([])).toBe('Blank: no parameters');
    expect(summarizePairs(pairs(`action_name=${'x'.repeat(300)}`)).length).toBe(120);
  });
});
