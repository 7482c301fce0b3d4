import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeEntry } from './decode';
import { effectiveParams } from './effective-params';
import { lastShapedRecordOf, noteShape, shapedRecord, shapedRecordOf } from './record-shapes';
import type { ParamOccurrence } from './types';

/** Names a sender may make up: quotes, escapes, line separators, lone halves, index-like. */
const AWKWARD = [
  'a"b',
  'back\\slash',
  'line\u2028sep',
  'half\ud800',
  '${code}',
  '}; throw 1; {',
  'constructor',
  'toString',
  'hasOwnProperty',
  '10',
  '0',
  '-1',
  '1.5',
  '',
];

const namesFor = (prefix: string): string[] => [
  ...AWKWARD,
  ...Array.from({ length: 4 }, (_, i) => `${prefix}${i}`),
];

/** The record as the template gives it, then filled name by name. */
function filledTemplate(names: readonly string[], values: readonly unknown[]) {
  const record = shapedRecord<unknown>(names)!;
  names.forEach((name, n) => (record[name] = values[n]));
  return record;
}

const describeRecord = (record: object) => ({
  keys: Object.keys(record),
  // As a list: a record with an own `constructor` fails toStrictEqual's check of its type.
  descriptors: Object.entries(Object.getOwnPropertyDescriptors(record)),
  prototype: Object.getPrototypeOf(record) as unknown,
  json: JSON.stringify(record),
});

describe('records made by one literal', () => {
  it('are the records the template gives, filled, whatever the names', () => {
    const names = namesFor('awkward');
    noteShape(names);
    noteShape(names);
    const values = names.map((name, n) => (n % 3 === 0 ? { name } : `${n}:${name}`));
    const made = shapedRecordOf(names, values)!;
    expect(made).not.toBeNull();
    expect(describeRecord(made)).toStrictEqual(describeRecord(filledTemplate(names, values)));
    // Each call makes a record of its own.
    expect(shapedRecordOf(names, values)).not.toBe(made);
  });

  it('are made from the items of the names used last, and only those', () => {
    const names = namesFor('items');
    noteShape(names);
    noteShape(names);
    expect(shapedRecord(names)).not.toBeNull();
    const items = names.map((name, n) => ({ name, value: `v${n}` }));
    const made = lastShapedRecordOf(items)!;
    const values = items.map((item) => item.value);
    expect(describeRecord(made)).toStrictEqual(describeRecord(filledTemplate(names, values)));
    expect(lastShapedRecordOf(items.slice(1))).toBeNull();
    expect(lastShapedRecordOf(items.toReversed())).toBeNull();
  });

  it('are never made for names without a template, nor for __proto__', () => {
    const proto = ['__proto__', ...namesFor('proto')];
    for (let i = 0; i < 3; i++) noteShape(proto);
    expect(shapedRecordOf(proto, proto)).toBeNull();
    expect(shapedRecordOf(namesFor('unseen'), [])).toBeNull();
  });

  it('give a request the parameters and decoded values of the record built name by name', () => {
    // PHP ignores a parameter without a name: such a request is merged the careful way.
    const names = namesFor('param').filter((name) => name !== '');
    const occurrences = (n: number): ParamOccurrence[] =>
      names.map((name, i) => ({ name, value: `${n}-${i}`, source: 'query' as const }));
    // The first two are built name by name (the second gives the names their template).
    const seen = [0, 1, 2, 3].map((n) => effectiveParams(occurrences(n), []));
    const decoded = seen.map((params) => decodeEntry(params, { now: 0 }).decoded);
    for (const n of [2, 3]) {
      expect(Object.keys(seen[n]!)).toStrictEqual(Object.keys(seen[0]!));
      expect(Object.keys(decoded[n]!)).toStrictEqual(Object.keys(decoded[0]!));
      expect(Object.getPrototypeOf(decoded[n])).toBe(Object.prototype);
      expect(seen[n]).toStrictEqual(
        Object.fromEntries(occurrences(n).map((occurrence) => [occurrence.name, occurrence.value])),
      );
      for (const name of names) expect(decoded[n]![name]!.raw).toBe(seen[n]![name]);
    }
  });
});

describe('records in a page that may not compile code', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('are the same records, made without compiling any code', async () => {
    // The UI's content security policy makes any code compiled from text throw.
    vi.stubGlobal('document', {});
    vi.stubGlobal('Function', function refused() {
      throw new EvalError('code from text is refused');
    });
    vi.resetModules();
    const shapes = await import('./record-shapes');
    const names = namesFor('page');
    shapes.noteShape(names);
    shapes.noteShape(names);
    const values = names.map((name, n) => `${n}:${name}`);
    const made = shapes.shapedRecordOf(names, values)!;
    const items = names.map((name, n) => ({ name, value: values[n] }));
    const fromItems = shapes.lastShapedRecordOf(items)!;
    vi.unstubAllGlobals();
    const template = shapes.shapedRecord<unknown>(names)!;
    names.forEach((name, n) => (template[name] = values[n]));
    const expected = describeRecord(template);
    expect(describeRecord(made)).toStrictEqual(expected);
    expect(describeRecord(fromItems)).toStrictEqual(expected);
  });
});
