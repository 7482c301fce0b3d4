import { describe, expect, it } from 'vitest';
import { decodeEntry } from './decode';
import { parseRequest } from './parse';
import { hasNoOwnKeys, lastShapedRecord, noteShape, shapedRecord } from './record-shapes';
import type { RawRequest } from './types';

/** Distinct name lists per test, so that tests do not see each other's templates. */
const namesFor = (prefix: string, count = 14): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);

const get = (query: string): RawRequest => ({
  method: 'GET',
  path: '/matomo.php',
  query,
  headers: {},
  body: new Uint8Array(0),
});

describe('shapedRecord and noteShape', () => {
  it('gives a template only once the same distinct names were noted twice', () => {
    const names = namesFor('twice');
    expect(shapedRecord(names)).toBeNull();
    noteShape(names);
    expect(shapedRecord(names)).toBeNull();
    noteShape(names);
    const record = shapedRecord<string>(names);
    expect(record).not.toBeNull();
    expect(Object.keys(record!)).toEqual(names);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.values(record!).every((value) => value === undefined)).toBe(true);
  });

  it('gives the template used last for items of the same names, and only then', () => {
    const names = namesFor('last');
    noteShape(names);
    noteShape(names);
    expect(shapedRecord(names)).not.toBeNull();
    const items = names.map((name) => ({ name }));
    const record = lastShapedRecord<string>(items);
    expect(Object.keys(record!)).toEqual(names);
    expect(Object.values(record!).every((value) => value === undefined)).toBe(true);
    expect(lastShapedRecord(items.slice(1))).toBeNull();
    expect(lastShapedRecord([...items.slice(0, -1), { name: 'other' }])).toBeNull();
    expect(lastShapedRecord(items.toReversed())).toBeNull();
  });

  it('hands out independent records', () => {
    const names = namesFor('own');
    noteShape(names);
    noteShape(names);
    const first = shapedRecord<string>(names)!;
    first[names[0]!] = 'changed';
    expect(shapedRecord<string>(names)![names[0]!]).toBeUndefined();
  });

  it('never matches a different list that joins to the same text', () => {
    const names = ['a\u0000b', ...namesFor('join', 13)];
    const other = ['a', 'b', ...namesFor('join', 13)];
    expect(other.join('\u0000')).toBe(names.join('\u0000'));
    noteShape(names);
    noteShape(names);
    expect(shapedRecord(names)).not.toBeNull();
    expect(shapedRecord(other)).toBeNull();
  });

  it('does not remember lists of very long names', () => {
    const long = namesFor('long').map((name) => name.padEnd(400, 'x'));
    for (let i = 0; i < 3; i++) noteShape(long);
    expect(shapedRecord(long)).toBeNull();
  });

  it('keeps short lists and lists with __proto__ out', () => {
    const short = namesFor('short', 5);
    const proto = ['__proto__', ...namesFor('proto')];
    for (let i = 0; i < 3; i++) {
      noteShape(short);
      noteShape(proto);
    }
    expect(shapedRecord(short)).toBeNull();
    expect(shapedRecord(proto)).toBeNull();
  });
});

describe('records of repeated hits', () => {
  const query = (n: number) =>
    namesFor('p')
      .map((name, i) => `${name}=${n}-${i}`)
      .join('&');

  it('are the same parameters, in the same order, however often the names were seen', () => {
    for (let n = 0; n < 4; n++) {
      const { params } = parseRequest(get(query(n))).entries[0]!;
      expect(Object.entries(params)).toEqual(namesFor('p').map((name, i) => [name, `${n}-${i}`]));
      const { decoded } = decodeEntry(params);
      expect(Object.keys(decoded)).toEqual(namesFor('p'));
      expect(decoded.p3).toMatchObject({ name: 'p3', raw: `${n}-3`, catalogueKey: null });
    }
  });

  it('still report a repeated name every time', () => {
    const repeated = `${query(0)}&p2=again`;
    for (let n = 0; n < 3; n++) {
      const entry = parseRequest(get(repeated)).entries[0]!;
      expect(entry.params.p2).toBe('again');
      expect(entry.issues.map((issue) => issue.code)).toContain('param.duplicate');
    }
  });

  it('keep query values over form values when both are sent', () => {
    for (let n = 0; n < 3; n++) {
      const parsed = parseRequest({
        method: 'POST',
        path: '/matomo.php',
        query: 'p1=query',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode(query(n)),
      });
      expect(parsed.entries[0]!.params.p1).toBe('query');
    }
  });
});

describe('hasNoOwnKeys', () => {
  it('tells an empty record from one with a parameter, whatever its value', () => {
    expect(hasNoOwnKeys({})).toBe(true);
    expect(hasNoOwnKeys({ idsite: '1' })).toBe(false);
    expect(hasNoOwnKeys({ '': undefined })).toBe(false);
    expect(hasNoOwnKeys({ 0: '' })).toBe(false);
  });

  it('counts own names only, as Object.keys does', () => {
    const inherited = Object.create({ idsite: '1' }) as object;
    expect(hasNoOwnKeys(inherited)).toBe(true);
    expect(Object.keys(inherited)).toHaveLength(0);
  });
});
