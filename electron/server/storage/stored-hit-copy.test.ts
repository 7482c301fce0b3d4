import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as JsonEscape from './json-escape';
import { copyStoredHitFields, storedHitFieldsJson } from './stored-hit-copy';
import { STORED_HIT_FIELDS, type StoredHitFields } from './stored-hit-fields';

const fields: StoredHitFields = {
  id: 'r1.0',
  index: 0,
  type: 'pageview',
  outcome: 'recorded',
  summary: 'a "quoted"\\ summary\n\u2028',
  idsite: null,
};

afterEach(() => {
  vi.doUnmock('./stored-hit-fields');
  vi.doUnmock('./json-escape');
  vi.resetModules();
});

describe('the compiled copy of the declared hit fields', () => {
  it('copies every declared field and nothing else', () => {
    const target = {};
    copyStoredHitFields(target, { ...fields, params: { a: '1' } } as StoredHitFields);
    expect(target).toEqual(fields);
    expect(Object.keys(target)).toEqual([...STORED_HIT_FIELDS]);
  });

  it('leaves an undefined field out, as JSON.stringify does', () => {
    const target = {};
    copyStoredHitFields(target, { ...fields, summary: undefined } as unknown as StoredHitFields);
    expect(target).not.toHaveProperty('summary');
    const json = storedHitFieldsJson({
      ...fields,
      summary: undefined,
    } as unknown as StoredHitFields);
    expect(JSON.parse(`{${json.slice(1)}}`)).toEqual(
      JSON.parse(JSON.stringify({ ...fields, summary: undefined })),
    );
  });

  it('writes the members JSON.stringify would write, escapes included', () => {
    const json = storedHitFieldsJson(fields);
    expect(json.startsWith(',"id":"r1.0"')).toBe(true);
    expect(JSON.parse(`{${json.slice(1)}}`)).toEqual(fields);
  });

  it('refuses a declared name that is not a plain property name', async () => {
    vi.doMock('./stored-hit-fields', () => ({ STORED_HIT_FIELDS: ['id', 'x;globalThis.y=1'] }));
    vi.resetModules();
    await expect(import('./stored-hit-copy')).rejects.toThrow('not a plain field name');
  });
});

/** What JSON.stringify writes of the hit's members, each after a comma. */
const membersOf = (hit: object) => `,${JSON.stringify(hit).slice(1, -1)}`;

describe('the JSON of the declared fields of one hit after another', () => {
  it('quotes a value repeated from hit to hit once, and writes numbers as they are', async () => {
    vi.resetModules();
    const quoted: unknown[] = [];
    vi.doMock('./json-escape', async (importOriginal) => {
      const real = await importOriginal<typeof JsonEscape>();
      const jsonValue = (value: unknown) => {
        quoted.push(value);
        return real.jsonValue(value);
      };
      return { ...real, jsonValue };
    });
    const { storedHitFieldsJson: fieldsJson } = await import('./stored-hit-copy');
    const hits = Array.from({ length: 50 }, (_, index) => ({
      ...fields,
      id: `r1.${index}`,
      index,
      idsite: 1,
    }));
    const texts = hits.map((hit) => fieldsJson(hit));
    expect(quoted.filter((value) => value === 'pageview')).toHaveLength(1);
    expect(quoted.filter((value) => typeof value === 'number')).toHaveLength(0);
    expect(texts).toEqual(hits.map(membersOf));
  });

  it("writes each hit's own values when they change from one hit to the next", () => {
    const object = { n: 1 };
    const values: unknown[] = ['a', 'b', 'a', null, 1, Number.NaN, Infinity, -0, 2.5, object];
    const texts: string[] = [];
    const expected: string[] = [];
    for (const value of [...values, object]) {
      const hit = { ...fields, summary: value, idsite: value } as unknown as StoredHitFields;
      texts.push(storedHitFieldsJson(hit));
      expected.push(membersOf(hit));
      // The same object written again after a change is written as it is then.
      object.n++;
    }
    expect(texts).toEqual(expected);
  });
});
