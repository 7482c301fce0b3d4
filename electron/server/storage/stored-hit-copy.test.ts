import { afterEach, describe, expect, it, vi } from 'vitest';
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
