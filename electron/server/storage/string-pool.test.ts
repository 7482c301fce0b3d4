import { describe, expect, it } from 'vitest';
import { ValuePools } from './string-pool';

describe('ValuePools.record', () => {
  it('shares one copy between equal header sets', () => {
    const pools = new ValuePools();
    const first = pools.record({ host: 'a', 'user-agent': 'b' });
    expect(pools.record({ host: 'a', 'user-agent': 'b' })).toBe(first);
  });

  it('never hands out another set whose names and values run together the same way', () => {
    // Imported files may hold any character in a header; a separator inside a value must not
    // make two different sets look alike (one would be stored in place of the other).
    const pools = new ValuePools();
    const crafted = { a: 'x\u0001b\u0000y' };
    const honest = { a: 'x', b: 'y' };
    expect(pools.record(crafted)).toEqual(crafted);
    expect(pools.record(honest)).toEqual(honest);
    const split = { 'a\u0000x\u0001b': 'y' };
    expect(pools.record(split)).toEqual(split);
  });

  it('tells apart sets that differ in order only', () => {
    const pools = new ValuePools();
    pools.record({ a: '1', b: '2' });
    expect(Object.keys(pools.record({ b: '2', a: '1' }))).toEqual(['b', 'a']);
  });
});
