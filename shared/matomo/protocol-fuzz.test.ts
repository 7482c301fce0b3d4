// Arbitrary parameter maps (strings and bulk JSON values, catalogue names and random ones)
// must never make decode, classify, validate, summary or verdict throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, entryFrom, GOOGLEBOT, HUMAN } from '../../test-support/matomo-hit';
import { decodeParams } from './decode';
import { PARAM_CATALOGUE } from './params';
import { summarizeHit } from './summary';
import { describeVerdict } from './verdict';
import { HIT_TYPES, OUTCOMES, type ParamValue } from './types';

const names = fc.oneof(
  fc.constantFrom(...PARAM_CATALOGUE.map((spec) => spec.name.replace('dimensionN', 'dimension2'))),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'dimension[1]'),
);
const interesting = fc.constantFrom(
  '',
  '0',
  '1',
  '-1',
  ' 5',
  '1e2',
  '0x1A',
  '1.5',
  '[]',
  '{}',
  '45',
  '[[1]]',
  '{"1":["a"]}',
  'http://',
  '//x',
  '@123',
  'now',
  '9'.repeat(40),
);
const values: fc.Arbitrary<ParamValue> = fc.oneof(
  interesting,
  fc.string({ unit: 'grapheme' }),
  fc.jsonValue() as fc.Arbitrary<ParamValue>,
);

describe('protocol core on arbitrary input', () => {
  it('never throws and always gives a known type and outcome', () => {
    fc.assert(
      fc.property(fc.dictionary(names, values, { maxKeys: 12 }), fc.boolean(), (params, bot) => {
        const entry = entryFrom(params as Record<string, ParamValue>);
        const result = check(entry, {
          device: bot ? GOOGLEBOT : HUMAN,
          ctx: {
            sites: [
              {
                idsite: 1,
                name: 's',
                urls: [],
                goals: [1],
                dimensions: [1],
                siteSearch: false,
                tokens: ['t'],
              },
            ],
            seenOrders: new Set(['1:x']),
            headers: { referer: 'https://a.org/' },
          },
        });
        expect(HIT_TYPES).toContain(result.type);
        expect(OUTCOMES).toContain(result.outcome);
        for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
        expect(typeof summarizeHit(result.type, entry.params)).toBe('string');
        expect(describeVerdict(result)).toMatch(/^Matomo would /);
        const decoded = decodeParams(entry.params);
        for (const param of Object.values(decoded)) expect(typeof param.display).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});
