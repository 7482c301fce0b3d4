import { describe, expect, it } from 'vitest';
import { builtOnRead, isBuiltOnRead } from './built-on-read';

/** A maker that counts its calls. */
function counting<T extends object>(make: (a: string, b: number) => T) {
  const calls: [string, number][] = [];
  return {
    calls,
    make: (a: string, b: number): T => {
      calls.push([a, b]);
      return make(a, b);
    },
  };
}

describe('values made on read', () => {
  it('are made once, on the first read, each from its own inputs', () => {
    const lists = counting((a: string, b: number) => Array.from({ length: b }, (_, i) => a + i));
    const first = builtOnRead([] as string[], lists.make, 'x', 2);
    const second = builtOnRead([] as string[], lists.make, 'y', 0);
    const third = builtOnRead([] as string[], lists.make, 'z', 5);
    expect(isBuiltOnRead(first)).toBe(true);
    expect(lists.calls).toStrictEqual([]);
    expect([...first]).toStrictEqual(['x0', 'x1']);
    expect(first).toHaveLength(2);
    expect(Object.keys(second)).toStrictEqual([]);
    expect(second).toHaveLength(0);
    expect(0 in second).toBe(false);
    expect(JSON.stringify(third)).toBe('["z0","z1","z2","z3","z4"]');
    expect(Object.keys(first)).toStrictEqual(['0', '1']);
    expect(lists.calls).toStrictEqual([
      ['x', 2],
      ['y', 0],
      ['z', 5],
    ]);
  });

  it('look like the value they stand for, records and lists alike', () => {
    const record = builtOnRead(
      {} as Record<string, number>,
      (a: string, b: number) => ({ [a]: b }),
      'k',
      7,
    );
    const list = builtOnRead([] as number[], (a: number, b: number) => [a, b], 1, 2);
    expect(Array.isArray(record)).toBe(false);
    expect(Array.isArray(list)).toBe(true);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(list)).toBe(Array.prototype);
    expect({ ...record }).toStrictEqual({ k: 7 });
    expect(Object.getOwnPropertyNames(list)).toStrictEqual(['0', '1', 'length']);
    list.push(3);
    record['other'] = 1;
    delete record['k'];
    expect([...list]).toStrictEqual([1, 2, 3]);
    expect({ ...record }).toStrictEqual({ other: 1 });
    expect('make' in record || 'a' in record).toBe(false);
  });
});
