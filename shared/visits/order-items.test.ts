// An order's items, which the visit's checks add up against its revenue: read from the values
// the hit's analysis decoded when the hit brings them (no second parse of an `ec_items` of
// megabytes), else from its text, a piece at a time. Counts the characters JSON.parse is
// given; times nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perStep } from '../../test-support/capture/count-steps';
import { decodeEntry } from '../matomo/decode';
import { orderItemsSteps } from './order-items';
import { testHit } from './test-hits';
import { VisitIndex } from './visit-index';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
/** Far below the megabyte of the items sent: no step parses the text whole. */
const MAX_PARSED_PER_STEP = 200_000;
/** 10 items of 12.50 × 2: 250.00, where the order says 10. */
const ORDER = { idgoal: '0', ec_id: 'O1', revenue: '10' };
const items = (count: number) =>
  JSON.stringify(Array.from({ length: count }, (_, n) => [`SKU${n}`, `Name ${n}`, 'c', 12.5, 2]));

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts the characters given to JSON.parse since the last reset. */
function countParsed() {
  const parse = JSON.parse;
  const counter = { parsed: 0 };
  vi.spyOn(JSON, 'parse').mockImplementation((source: string, reviver?) => {
    counter.parsed += source.length;
    return parse(source, reviver) as unknown;
  });
  return counter;
}

describe("an order's items in the visit's checks", () => {
  it('are the ones the analysis decoded, the text not parsed again', () => {
    const text = items(40_000);
    expect(text.length).toBeGreaterThan(1_000_000);
    const params = { ...ORDER, ec_items: text };
    const { decoded } = decodeEntry(params, { now: NOW });
    const visits = new VisitIndex();
    visits.assign(testHit(0, { idgoal: '0', ec_items: '[["S","n","",1,1]]' }));
    const counter = countParsed();
    const { findings } = visits.assign(testHit(10, params, { decoded }));
    expect(counter.parsed).toBe(0);
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'order.revenue_mismatch',
        message: expect.stringContaining('make 1000000.00') as string,
      }),
    );
  });

  it('are read from the text of a hit without them, as the analysis reads them', () => {
    const visits = new VisitIndex();
    visits.assign(testHit(0, { idgoal: '0', ec_items: '[["S","n","",1,1]]' }));
    const { findings } = visits.assign(testHit(10, { ...ORDER, ec_items: items(10) }));
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'order.revenue_mismatch',
        message: expect.stringContaining('make 250.00') as string,
      }),
    );
  });

  it('are read from a text of megabytes a piece at a time', () => {
    const text = items(40_000);
    const counter = countParsed();
    const { value, counts } = perStep(orderItemsSteps({ ec_items: text }), {
      reset: () => (counter.parsed = 0),
      count: () => counter.parsed,
    });
    expect(counts.length).toBeGreaterThan(10);
    expect(Math.max(...counts)).toBeLessThan(MAX_PARSED_PER_STEP);
    const analysed = decodeEntry({ ec_items: text }, { now: NOW }).decoded['ec_items'];
    expect(value.value).toEqual(analysed?.value);
  });

  it('are none when the text is not JSON, as Matomo reads no items', () => {
    const { value } = perStep(orderItemsSteps({ ec_items: '[["S"' }), {
      reset: () => undefined,
      count: () => 0,
    });
    expect(value).toEqual({ value: [] });
  });
});
