// An object entry's parameters are kept with its hit. The analysis makes them a compact record
// of their names when it has seen those names before (record-shapes.ts): kept as they are,
// not copied again; any other record is copied into a compact one.
import { describe, expect, it } from 'vitest';
import { noteShape, shapedRecord } from '../../../shared/matomo/record-shapes';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { compactHit, storedRequestOf } from './compact';
import { ValuePools } from './string-pool';

const NAMES = Array.from({ length: 20 }, (_, i) => `dimension${i + 1}`);

/** The parameters the store keeps of an object entry whose parameters are `params`. */
function keptOf(params: Record<string, string>): Record<string, unknown> | undefined {
  const pools = new ValuePools();
  const sample = sampleRequest({ hits: 2 });
  const request = storedRequestOf(sample.request, pools);
  // An object entry: its occurrences come from the JSON object, with no raw text.
  const occurrences = NAMES.map((name) => ({
    name,
    value: params[name]!,
    source: 'bulk' as const,
  }));
  const hit = { ...sample.hits[0]!, params, occurrences, rawQuery: '' };
  return compactHit(hit, request, 1, pools, () => ({})).keptParams;
}

function filled(record: Record<string, string>): Record<string, string> {
  for (const [i, name] of NAMES.entries()) record[name] = `value ${i}`;
  return record;
}

describe('the kept parameters of an object entry', () => {
  it('are the record the analysis made of known names, not a copy', () => {
    noteShape(NAMES);
    noteShape(NAMES);
    const params = filled(shapedRecord<string>(NAMES)!);
    const kept = keptOf(params);
    expect(kept).toBe(params);
    expect(Object.entries(kept!)).toEqual(NAMES.map((name, i) => [name, `value ${i}`]));
  });

  it('are a copy of a record built name by name, the same names and values in order', () => {
    const params = filled({});
    const kept = keptOf(params);
    expect(kept).not.toBe(params);
    expect(Object.entries(kept!)).toEqual(Object.entries(params));
  });
});
