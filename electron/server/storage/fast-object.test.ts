import { describe, expect, it } from 'vitest';
import { compactParams } from './fast-object';

const build = (names: string[]) => {
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) params[name] = `v${i}`;
  return params;
};

describe('compactParams', () => {
  it('copies names, order and values exactly', () => {
    const names = Array.from({ length: 26 }, (_, i) => `p${i}`);
    const params = build(names);
    const copy = compactParams(params);
    expect(copy).not.toBe(params);
    expect(Object.entries(copy)).toEqual(Object.entries(params));
  });

  it('keeps names that are not identifiers, quotes and all', () => {
    const names = ['dimension[1]', 'a"b', "c'd", 'e\\f', '0', '12', 'x y', '${x}', '*/', 'g\nh'];
    const params = build(names);
    const copy = compactParams(params);
    expect(copy).toEqual(params);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(params).sort());
  });

  it('keeps __proto__ as an ordinary own parameter', () => {
    const params = build(Array.from({ length: 10 }, (_, i) => `p${i}`));
    Object.defineProperty(params, '__proto__', {
      value: 'x',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const copy = compactParams(params);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(params));
  });

  it('leaves small objects as they are', () => {
    const params = { idsite: '1', rec: '1' };
    expect(compactParams(params)).toBe(params);
  });
});
