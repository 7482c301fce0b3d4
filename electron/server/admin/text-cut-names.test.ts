// A hit of 100,000 parameters (a bulk entry sent as a JSON object) comes with the names its
// parse listed: cutting its long texts for an answer reads that list, never enumerating the
// names anew in one go, and lists the names of its copies for their JSON (see namesOf in
// record-shapes.ts). Counts listings; times nothing.
import { describe, expect, it } from 'vitest';
import { listedNames } from '../../../shared/matomo/record-shapes';
import type { DecodedParam } from '../../../shared/matomo/types';
import { makeHit } from '../../../test-support/admin/fixtures';
import { countingRecord } from '../../../test-support/capture/counting-record';
import { boundHit } from './text-cut';

const NAMES = 5_000;

describe('a hit of many parameters whose parse listed their names', () => {
  it('is cut without listing them again, its copies listed', () => {
    const values: Record<string, string> = {};
    const decodedValues: Record<string, DecodedParam> = {};
    for (let n = 0; n < NAMES; n++) {
      values[`p${n}`] = `value ${n}`;
      const text = `value ${n}`;
      decodedValues[`p${n}`] = {
        name: `p${n}`,
        raw: text,
        value: text,
        display: text,
        catalogueKey: null,
      };
    }
    const params = countingRecord(values);
    const decoded = countingRecord(decodedValues);
    const hit = makeHit({ params: params.record, rawQuery: 'q'.repeat(100_000) });
    hit.decoded = decoded.record;
    const before = params.listings();
    const cut = boundHit(hit);
    expect(params.listings()).toBe(before);
    expect(decoded.listings()).toBe(0);
    expect(cut.params[`p${NAMES - 1}`]).toBe(`value ${NAMES - 1}`);
    expect(listedNames(cut.params)).toEqual(Object.keys(values));
    expect(listedNames(cut.decoded)).toEqual(Object.keys(values));
    expect(cut.cut?.rawQuery).toBeDefined();
  });
});
