// The compact form of a hit (`fields=compact`): the hit's own fields in its order, without
// decoded values, occurrences and raw query, as a rest copy of the hit writes them.
import { describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { toHitSummary } from './hit-fields';

const sampleHit = (): HitDto => sampleRequest().hits[0] as HitDto;

/** A hit as the visit store hands it on: copied with its visit fields after its own. */
function decorated(hit: HitDto): HitDto {
  return Object.assign({}, hit, {
    issues: [],
    visitId: 'v-1',
    visitorId: 'abc',
    visitReason: { code: 'first_hit', text: 'first hit' },
  }) as HitDto;
}

describe('toHitSummary', () => {
  it('keeps every other field, in the hit’s order, and writes the JSON a rest copy writes', () => {
    for (const hit of [sampleHit(), decorated(sampleHit())]) {
      const { decoded: _d, occurrences: _o, rawQuery: _r, ...rest } = hit;
      const summary = toHitSummary(hit);
      expect(Object.keys(summary)).toEqual(
        Object.keys(hit).filter((name) => !['decoded', 'occurrences', 'rawQuery'].includes(name)),
      );
      expect(JSON.stringify(summary)).toBe(JSON.stringify(rest));
    }
  });

  it('copies the hit, which keeps its fields', () => {
    const hit = decorated(sampleHit());
    const before = JSON.stringify(hit);
    const summary = toHitSummary(hit);
    expect(summary).not.toBe(hit);
    expect(JSON.stringify(hit)).toBe(before);
    expect('decoded' in summary).toBe(false);
  });

  it('makes hits of one list of fields alike, and others each with their own fields', () => {
    const first = toHitSummary(decorated(sampleHit()));
    const plain = toHitSummary(sampleHit());
    const second = toHitSummary(decorated(sampleHit()));
    expect(Object.keys(second)).toEqual(Object.keys(first));
    expect('visitId' in plain).toBe(false);
    expect((second as HitDto).id).not.toBe((first as HitDto).id);
    const odd = { ...sampleHit(), 'a "quoted" name': 1, 7: 'seven' } as unknown as HitDto;
    const { decoded: _d, occurrences: _o, rawQuery: _r, ...rest } = odd;
    expect(JSON.stringify(toHitSummary(odd))).toBe(JSON.stringify(rest));
  });

  it('keeps a field named __proto__ as a field, as a rest copy does', () => {
    const hit = JSON.parse(
      `{"__proto__":{"x":1},${JSON.stringify(sampleHit()).slice(1)}`,
    ) as HitDto;
    const { decoded: _d, occurrences: _o, rawQuery: _r, ...rest } = hit;
    const summary = toHitSummary(hit);
    expect(Object.getPrototypeOf(summary)).toBe(Object.prototype);
    expect(JSON.stringify(summary)).toBe(JSON.stringify(rest));
  });

  it('takes no inherited field, as a rest copy takes none', () => {
    const hit = Object.assign(Object.create({ inherited: 1 }) as HitDto, sampleHit());
    expect('inherited' in toHitSummary(hit)).toBe(false);
  });
});
