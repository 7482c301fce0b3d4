// A free-text search reads every parameter value of a hit: one of 100,000 (a bulk entry sent
// as a JSON object) is read a step of values at a time, its listed names not listed again,
// with the answer the whole search gives (no timing involved: the steps are counted).
import { describe, expect, it } from 'vitest';
import { makeHit } from '../../test-support/admin/fixtures';
import { countingRecord } from '../../test-support/capture/counting-record';
import { countSteps } from '../../test-support/capture/count-steps';
import { NAMES_PER_STEP } from '../matomo/record-shapes';
import { matchesHitFilter, matchesHitFilterSteps } from './hit-filter';

const NAMES = 25_000;

function manyParams(): Record<string, string> {
  const params: Record<string, string> = { idsite: '1', rec: '1' };
  for (let n = 0; n < NAMES; n++) params[`p${n}`] = `Value ${n}`;
  return params;
}

describe('the free text in a hit of many parameters', () => {
  it('is looked for a step of values at a time, reading the listed names', () => {
    const { record, listings } = countingRecord(manyParams());
    const hit = makeHit({ params: record, rawQuery: '' });
    // The fixture reads the names to fill in what it is not given.
    const before = listings();
    for (const q of [`value ${NAMES - 1}`, 'no such text']) {
      const { value, steps } = countSteps(matchesHitFilterSteps(hit, { q }));
      expect(value).toBe(q !== 'no such text');
      expect(steps).toBeGreaterThanOrEqual(Math.floor(NAMES / NAMES_PER_STEP));
    }
    expect(listings()).toBe(before);
  });

  it('is looked for in steps when the names were not listed, with the same answers', () => {
    const hit = makeHit({ params: manyParams(), rawQuery: '' });
    for (const q of ['value 24999', 'VALUE 12', 'value 25000', 'p7']) {
      const { value, steps } = countSteps(matchesHitFilterSteps(hit, { q }));
      expect(value).toBe(matchesHitFilter(hit, { q }));
      expect(value).toBe(q === 'value 24999' || q === 'VALUE 12');
      if (q !== 'VALUE 12') expect(steps).toBeGreaterThanOrEqual(NAMES / NAMES_PER_STEP - 1);
    }
  });

  it('stops at the value that holds the last term', () => {
    const hit = makeHit({ params: manyParams(), rawQuery: '' });
    expect(countSteps(matchesHitFilterSteps(hit, { q: 'value 5' })).steps).toBe(0);
  });
});
