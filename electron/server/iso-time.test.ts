// The stored requests' time stamps: exactly toISOString's text, the second's text kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isoTime } from './iso-time';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isoTime', () => {
  it('writes what toISOString writes, across seconds, days and years', () => {
    const times = [
      Date.UTC(2026, 11, 6, 15, 3, 15, 631),
      Date.UTC(2026, 11, 6, 15, 3, 15, 7),
      Date.UTC(2026, 11, 6, 15, 3, 15, 40),
      Date.UTC(2026, 11, 6, 15, 3, 15, 999),
      Date.UTC(2026, 11, 6, 15, 3, 16, 0),
      Date.UTC(2026, 11, 6, 15, 3, 15, 500),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 1),
      0,
      -1,
      -999,
      -1000,
      -1001,
      Date.UTC(12000, 0, 1, 0, 0, 0, 12),
      Date.UTC(12000, 0, 1, 0, 0, 0, 345),
      Date.UTC(-50, 5, 1, 1, 2, 3, 45),
      Date.UTC(-50, 5, 1, 1, 2, 3, 678),
    ];
    for (const time of times) {
      const date = new Date(time);
      expect(isoTime(date)).toBe(date.toISOString());
    }
  });

  it('formats each second once, its milliseconds after', () => {
    const format = vi.spyOn(Date.prototype, 'toISOString');
    const start = Date.UTC(2026, 11, 6, 15, 4, 0, 0);
    for (let ms = 0; ms < 1000; ms += 7) {
      expect(isoTime(new Date(start + ms))).toBe(
        `2026-12-06T15:04:00.${String(ms).padStart(3, '0')}Z`,
      );
    }
    expect(format).toHaveBeenCalledTimes(1);
    // The next second is formatted again, and so is the one before it when it comes back.
    expect(isoTime(new Date(start + 1000))).toBe('2026-12-06T15:04:01.000Z');
    expect(isoTime(new Date(start - 1))).toBe('2026-12-06T15:03:59.999Z');
    expect(format).toHaveBeenCalledTimes(3);
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
