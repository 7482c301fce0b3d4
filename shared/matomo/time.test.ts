import { describe, expect, it } from 'vitest';
import { customTime, formatUtc, localTime, parseDateString } from './time';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0) / 1000;

describe('parseDateString (strtotime subset, UTC)', () => {
  it.each([
    ['2024-10-24 10:00:00', Date.UTC(2024, 9, 24, 10) / 1000],
    ['2024-10-24', Date.UTC(2024, 9, 24) / 1000],
    ['2024-10-24T10:30', Date.UTC(2024, 9, 24, 10, 30) / 1000],
    ['2024-10-24T10:00:00Z', Date.UTC(2024, 9, 24, 10) / 1000],
    ['2024-10-24T12:00:00+02:00', Date.UTC(2024, 9, 24, 10) / 1000],
    ['2024-10-24T05:00:00-0500', Date.UTC(2024, 9, 24, 10) / 1000],
    ['2024/10/24 10:00:00', Date.UTC(2024, 9, 24, 10) / 1000],
    ['2024-10-24 10:00:00.250', Date.UTC(2024, 9, 24, 10) / 1000],
    ['@1729771200', 1729771200],
    ['now', NOW],
    ['yesterday', NOW - 12 * 3600 - 86400],
    ['-2 hours', NOW - 7200],
    ['3 days ago', NOW - 3 * 86400],
    ['24.10.2024', Date.UTC(2024, 9, 24) / 1000],
  ])('reads %j', (text, expected) => {
    expect(parseDateString(text, NOW)).toBe(expected);
  });

  it.each(['not a date', '2024-13-01', '2024-10-24 25:99', ''])('refuses %j', (text) => {
    expect(parseDateString(text, NOW)).toBeNull();
  });

  it('formats as UTC', () => {
    expect(formatUtc(1729771200)).toBe('2024-10-24 12:00:00 UTC');
  });
});

describe('customTime (docs/tracking-protocol.md#custom-time)', () => {
  it('is none without cdt and cdo, or with an empty/zero cdt', () => {
    expect(customTime({}, NOW)).toEqual({ status: 'none' });
    expect(customTime({ cdt: '' }, NOW)).toEqual({ status: 'none' });
    expect(customTime({ cdt: '0' }, NOW)).toEqual({ status: 'none' });
  });

  it('uses a recent cdt and reports its age', () => {
    expect(customTime({ cdt: String(NOW - 5) }, NOW)).toEqual({
      status: 'used',
      seconds: NOW - 5,
      ageSeconds: 5,
      param: 'cdt',
    });
  });

  it('subtracts |cdo| from cdt, or from now when cdt is missing (acceptance cases 15, 16)', () => {
    expect(customTime({ cdo: '10' }, NOW)).toMatchObject({
      status: 'used',
      seconds: NOW - 10,
      param: 'cdo',
    });
    const t = NOW - 100;
    expect(customTime({ cdt: String(t), cdo: '-10' }, NOW)).toMatchObject({ seconds: t - 10 });
  });

  it('ignores future times and times older than 20 years (acceptance cases 13, 14)', () => {
    expect(customTime({ cdt: String(NOW + 30800) }, NOW)).toMatchObject({
      status: 'ignored',
      reason: 'future',
    });
    expect(customTime({ cdt: '5' }, NOW)).toMatchObject({ status: 'ignored', reason: 'too_old' });
  });

  it('reads date strings and reports unreadable ones', () => {
    expect(customTime({ cdt: '2024-10-24 11:00:00' }, NOW)).toMatchObject({
      status: 'used',
      ageSeconds: 3600,
    });
    expect(customTime({ cdt: 'last tuesday-ish' }, NOW)).toEqual({
      status: 'unreadable',
      param: 'cdt',
    });
  });
});

describe('localTime (docs/tracking-protocol.md#visitor-parameters, #acceptance-cases case 19)', () => {
  it('zeroes parts out of range', () => {
    expect(localTime({ h: '26', m: '60', s: '333' }, NOW)).toBe('00:00:00');
  });

  it('pads valid parts', () => {
    expect(localTime({ h: '12', m: '34', s: '3' }, NOW)).toBe('12:34:03');
  });

  it('takes missing or non-integer parts from the hit time', () => {
    expect(localTime({ h: 'x', m: '5' }, NOW + 7)).toBe('12:05:07');
  });
});
