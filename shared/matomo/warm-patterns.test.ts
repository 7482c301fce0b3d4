// Own process: the device detector must be cold, with nothing compiled yet.
// A detection run in settleWithin compiles the patterns it meets until its allowance is spent
// and is abandoned there, leaving nothing behind; tried again, it gets further, and its result
// is the one a detection outside gives. Counted in tries, not timed.
import { describe, expect, it } from 'vitest';
import { cachedDevice, clearDeviceCache, detectDevice, deviceInputOf } from './user-agent';
import { settleWithin } from './warm-patterns';

const PHONE =
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const UNKNOWN = 'Hitscope test client/2.0 (nothing known)';

describe('detections ahead of the warm-up', { timeout: 120_000 }, () => {
  it('leaves an abandoned detection unrecorded and uncounted', () => {
    const budget = { newDevices: 1 };
    // No allowance: the try compiles the few patterns each try compiles at least, and stops.
    expect(settleWithin(0, () => detectDevice({ 'user-agent': UNKNOWN }, {}, budget))).toBe(null);
    expect(budget.newDevices).toBe(1);
    expect(cachedDevice(deviceInputOf({ 'user-agent': UNKNOWN }, {}))).toBeUndefined();
  });

  it('gets further at each try, to the device a detection outside gives', () => {
    let tries = 0;
    let settled: ReturnType<typeof settleWithin<ReturnType<typeof detectDevice>>> = null;
    while (settled === null) {
      tries++;
      settled = settleWithin(0, () => detectDevice({ 'user-agent': PHONE }, {}));
    }
    expect(tries).toBeGreaterThan(1);
    clearDeviceCache();
    expect(settled.value).toEqual(detectDevice({ 'user-agent': PHONE }, {}));
    expect(settled.value.model).toBe('Galaxy S23');
  });
});
