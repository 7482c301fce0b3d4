import { describe, expect, it, vi } from 'vitest';
import type { DeviceInfo } from '../../../shared/matomo/types';
import { SAMPLE_DEVICE } from '../../../test-support/capture/sample-dtos';
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

describe('ValuePools.record, against the sets pooled last', () => {
  it('hands a recent set only to a set of the same names, order and values', () => {
    const pools = new ValuePools();
    const recent = pools.record({ host: 'a', accept: '*/*', 'user-agent': 'b' });
    const others: Record<string, string>[] = [
      { host: 'a', accept: '*/*', 'user-agent': 'c' },
      { host: 'a', accept: '*/*' },
      { host: 'a', accept: '*/*', 'user-agent': 'b', referer: 'r' },
      { accept: '*/*', host: 'a', 'user-agent': 'b' },
    ];
    for (const other of others) {
      const pooled = pools.record(other);
      expect(pooled).not.toBe(recent);
      expect(Object.entries(pooled)).toEqual(Object.entries(other));
    }
    // Each of those is now pooled too, the first one past the recent ones as well.
    for (const other of others) expect(pools.record({ ...other })).toEqual(other);
    expect(pools.record({ host: 'a', accept: '*/*', 'user-agent': 'b' })).toBe(recent);
  });

  it('compares a set with them in place, listing no array of its names', () => {
    const pools = new ValuePools();
    const recent = pools.record({ host: 'a', accept: '*/*', 'user-agent': 'b' });
    const keys = vi.spyOn(Object, 'keys');
    try {
      expect(pools.record({ host: 'a', accept: '*/*', 'user-agent': 'b' })).toBe(recent);
      expect(keys).not.toHaveBeenCalled();
    } finally {
      keys.mockRestore();
    }
  });
});

describe('ValuePools.deviceOf', () => {
  const detected: DeviceInfo = Object.freeze({ ...SAMPLE_DEVICE });
  const store = ({ userAgent: _userAgent, ...rest }: DeviceInfo) => rest;

  it('gives the pooled device a fresh stored form would get, built once per detected object', () => {
    const fresh = new ValuePools();
    const remembered = new ValuePools();
    let built = 0;
    const counting = (value: DeviceInfo) => {
      built++;
      return store(value);
    };
    const first = remembered.deviceOf(detected, counting);
    expect(first).toEqual(fresh.device(store(detected)));
    expect(remembered.deviceOf(detected, counting)).toBe(first);
    expect(built).toBe(1);
    // An equal device detected as another object shares the same pooled one.
    expect(remembered.deviceOf(Object.freeze({ ...detected }), counting)).toBe(first);
  });

  it('reads an object that can still change every time', () => {
    const pools = new ValuePools();
    const open = { ...detected };
    expect(pools.deviceOf(open, store)).toMatchObject({ browser: 'Chrome' });
    open.browser = 'Firefox';
    expect(pools.deviceOf(open, store)).toMatchObject({ browser: 'Firefox' });
  });

  it('forgets what it remembered when the pools are cleared', () => {
    const pools = new ValuePools();
    const first = pools.deviceOf(detected, store);
    pools.clear();
    const again = pools.deviceOf(detected, store);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
