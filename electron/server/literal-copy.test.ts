// Own process: turns on V8's natives syntax, for the process, to look at hidden classes.
// Copies by compiled object literals: the very fields, values and order of Object.assign and of
// a rest copy, as objects of one hidden class per list of names.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { assignedCopy, copyWithout } from './literal-copy';

v8.setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('a', 'return %HasFastProperties(a)') as (
  a: object,
) => boolean;
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

/** A hit-like object of many fields, a few of them with names a literal must quote. */
function wide(n: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < 24; i++) fields[`field${i}`] = `${n}-${i}`;
  fields['a "quoted"\\name'] = n;
  fields['7'] = 'seven';
  fields['with-dash'] = { nested: [n] };
  fields.missing = undefined;
  return fields;
}

const describeCopy = (value: object) => ({
  keys: Object.keys(value),
  json: JSON.stringify(value),
  prototype: Object.getPrototypeOf(value) as unknown,
});

describe('assignedCopy', () => {
  it('makes what Object.assign({}, source, extra) makes', () => {
    const extras: Record<string, unknown>[] = [
      {},
      { field3: 'replaced' },
      { field3: 'replaced', added: 1, another: [2] },
      { added: undefined },
      { 7: 'replaced seven', 3: 'three' },
    ];
    for (const extra of extras) {
      const source = wide(1);
      expect(describeCopy(assignedCopy(source, extra))).toEqual(
        describeCopy(Object.assign({}, source, extra)),
      );
    }
  });

  it('gives copies of one list of names one hidden class, not a table of their own', () => {
    const first = assignedCopy(wide(1), { field3: 'x', added: 1 });
    const second = assignedCopy(wide(2), { field3: 'y', added: 2 });
    expect(hasFastProperties(first)).toBe(true);
    expect(haveSameMap(first, second)).toBe(true);
    expect(first.field4).toBe('1-4');
    expect(second.field4).toBe('2-4');
    // Object.assign made a table of properties of such an object.
    expect(hasFastProperties(Object.assign({}, wide(3), { added: 3 }))).toBe(false);
  });

  it('keeps each list of names in its own order', () => {
    const ab = assignedCopy({ a: 1, b: 2 }, { c: 3 });
    const ba = assignedCopy({ b: 2, a: 1 }, { c: 3 });
    expect(Object.keys(ab)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(ba)).toEqual(['b', 'a', 'c']);
  });

  it('leaves a field named __proto__ to Object.assign', () => {
    const source = JSON.parse('{"__proto__":{"inherited":1},"a":1}') as Record<string, unknown>;
    expect(describeCopy(assignedCopy(source, { b: 2 }))).toEqual(
      describeCopy(Object.assign({}, source, { b: 2 })),
    );
  });
});

describe('copyWithout', () => {
  const LEFT_OUT: ReadonlySet<string> = new Set(['field1', '7', 'missing']);

  it('makes what a rest copy makes', () => {
    const source = wide(1);
    const { field1: _one, 7: _seven, missing: _missing, ...rest } = source;
    expect(describeCopy(copyWithout(source, LEFT_OUT))).toEqual(describeCopy(rest));
    expect(hasFastProperties(copyWithout(source, LEFT_OUT))).toBe(true);
  });

  it('keeps a field named __proto__ as a field, as a rest copy does', () => {
    const source = JSON.parse('{"__proto__":{"inherited":1},"a":1,"field1":2}') as Record<
      string,
      unknown
    >;
    const { field1: _one, ...rest } = source;
    const copy = copyWithout(source, LEFT_OUT);
    expect(describeCopy(copy)).toEqual(describeCopy(rest));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });
});
