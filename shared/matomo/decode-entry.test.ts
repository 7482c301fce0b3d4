import { describe, expect, it } from 'vitest';
import { HUMAN, NOW, entryFrom, parsedFrom } from '../../test-support/matomo-hit';
import { decodeEntry, decodeParam, decodeParams, decodeProblems } from './decode';
import { NO_PROBLEMS } from './decoded-value';
import { validateEntry } from './validate';

/** A hit with problems in several parameters, and some without any. */
const MESSY =
  'idsite=1&rec=1&h=26&url=example.org%2Fpage&action_name=Home&_id=abc&res=320%C3%97480' +
  '&uadata=%5B1%5D&_cvar=%7B%229%22%3A%5B%22a%22%2C%22b%22%5D%7D&e_v=12%2C5&foo=bar';

describe('decodeEntry', () => {
  it('decodes like decodeParams and lists only the parameters with problems, in order', () => {
    const { params } = entryFrom(MESSY);
    const { decoded, problems } = decodeEntry(params, { now: NOW });
    expect(decoded).toEqual(decodeParams(params, { now: NOW }));
    expect(problems.map((p) => p.name)).toEqual([
      'h',
      'url',
      '_id',
      'res',
      'uadata',
      '_cvar',
      'e_v',
    ]);
    for (const { name, problems: found } of problems) {
      expect(found).toEqual(decodeProblems(decoded[name]!, { now: NOW }));
    }
  });

  it('lists nothing for a clean hit', () => {
    const { params } = entryFrom('idsite=1&rec=1&url=https%3A%2F%2Fexample.org%2F&h=10');
    expect(decodeEntry(params, { now: NOW }).problems).toEqual([]);
  });

  it('keeps a parameter named __proto__ as data', () => {
    const params = JSON.parse('{"__proto__":"x","idsite":"1"}') as Record<string, string>;
    const { decoded } = decodeEntry(params);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded['__proto__']).toMatchObject({ name: '__proto__', value: 'x' });
  });

  it('hands out problem lists a caller may change without touching other hits', () => {
    const problems = decodeProblems(decodeParam('idsite', '1'));
    problems.push({ code: 'value.not_int', message: 'added by the caller' });
    expect(decodeProblems(decodeParam('idsite', '1'))).toEqual([]);
    expect(Object.isFrozen(NO_PROBLEMS)).toBe(true);
  });
});

describe('validateEntry with the problems of decodeEntry', () => {
  it('reports the decode problems as issues', () => {
    const parsed = parsedFrom(MESSY);
    const entry = parsed.entries[0]!;
    const ctx = { now: NOW, sites: [], headers: {} };
    const { decoded, problems } = decodeEntry(entry.params, { now: NOW });
    const base = { entry, parsed, decoded, type: 'pageview' as const, device: HUMAN };
    const given = validateEntry({ ...base, problems }, ctx);
    expect(given.issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(['time.out_of_range', 'url.invalid', 'id.format', 'res.format']),
    );
  });
});
