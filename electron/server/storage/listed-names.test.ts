// A stored hit of 100,000 parameters (a bulk entry sent as a JSON object) comes with the list
// of its names the parse made: keeping its parameters and building its search entries read
// that list, never listing the names again in one go (see namesOf in record-shapes.ts).
import { describe, expect, it } from 'vitest';
import { countingRecord } from '../../../test-support/capture/counting-record';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { compactHit, storedRequestOf } from './compact';
import { SearchText } from './search-text';
import { ValuePools } from './string-pool';

const NAMES = 5_000;

function manyParams(): Record<string, string> {
  const params: Record<string, string> = { idsite: '1', rec: '1' };
  for (let n = 0; n < NAMES; n++) params[`p${n}`] = `value ${n}`;
  return params;
}

describe('a hit whose parse listed its many names', () => {
  it('keeps its parameters without listing them again', () => {
    const pools = new ValuePools();
    const sample = sampleRequest({ transport: 'bulk' });
    const { record, listings } = countingRecord(manyParams());
    const hit = {
      ...sample.hits[0]!,
      params: record,
      occurrences: [{ name: 'idsite', value: '1', source: 'bulk' as const }],
    };
    const stored = compactHit(hit, storedRequestOf(sample.request, pools), 1, pools, () => ({}));
    expect(listings()).toBe(0);
    expect(stored.objectEntry).toBe(true);
  });

  it('gets its search entries without listing them again', () => {
    const texts = new SearchText();
    const { record, listings } = countingRecord(manyParams());
    const sample = sampleRequest();
    texts.add({ ...sample.hits[0]!, rawQuery: '' }, record);
    expect(listings()).toBe(0);
    expect(texts.hits).toBe(1);
  });
});
