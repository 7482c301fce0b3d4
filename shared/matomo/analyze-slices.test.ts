// The sliced analysis gives the event loop a turn before each new device's detection (one
// can take tens of milliseconds), whatever time is left in its slice, and gives the same
// result as the analysis in one piece.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeRequest, analyzeRequestInSlices } from './analyze';
import type { RawRequest } from './types';
import { cachedDevice, clearDeviceCache, deviceInputOf, warmDeviceDetector } from './user-agent';

const SLOW = { timeout: 60_000 };
/** Long enough that no pause of these tests comes from the time spent. */
const ONE_MINUTE = 60_000;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Distinct phone user agents, unknown to the cache after clearDeviceCache. */
const agents = [1, 2, 3].map(
  (n) =>
    `Mozilla/5.0 (Linux; Android 14; Slicephone ${n}) AppleWebKit/537.36 (KHTML, like Gecko) ` +
    `Chrome/12${n}.0.0.0 Mobile Safari/537.36 ${'Ext/1.0 '.repeat(40)}`,
);
const bulkOf = (userAgents: readonly string[]): RawRequest => ({
  method: 'POST',
  path: '/matomo.php',
  query: '',
  headers: {},
  body: new TextEncoder().encode(
    JSON.stringify({
      requests: userAgents.map(
        (ua, n) => `?idsite=1&rec=1&action_name=P${n}&ua=${encodeURIComponent(ua)}`,
      ),
    }),
  ),
});
const detected = (ua: string) => cachedDevice(deviceInputOf({}, { ua })) !== undefined;

beforeAll(() => warmDeviceDetector(), 60_000);
beforeEach(() => clearDeviceCache());

describe('analyzeRequestInSlices and new devices', () => {
  it('lets a timer run between two new devices detected in one bulk', SLOW, async () => {
    const seen: string[] = [];
    let watching = true;
    const watch = () => {
      seen.push(agents.map((ua) => (detected(ua) ? 'D' : '-')).join(''));
      if (watching) setImmediate(watch);
    };
    setImmediate(watch);
    const sliced = await analyzeRequestInSlices(
      bulkOf(agents),
      { now: 0, sites: [] },
      { pause: nextTurn, sliceMs: ONE_MINUTE },
    );
    watching = false;
    // The timer saw the first device detected and not the second, then the first two only.
    expect(seen).toContain('D--');
    expect(seen).toContain('DD-');
    clearDeviceCache();
    const whole = analyzeRequest(bulkOf(agents), { now: 0, sites: [] });
    expect(sliced).toEqual(whole);
    expect(sliced.hits.map((hit) => hit.device.model)).toEqual(
      whole.hits.map((h) => h.device.model),
    );
  });

  it('does not pause for devices detected already', SLOW, async () => {
    const repeated = Array.from({ length: 50 }, (_, n) => agents[n % agents.length] ?? '');
    analyzeRequest(bulkOf(agents), { now: 0, sites: [] });
    let pauses = 0;
    const analysis = await analyzeRequestInSlices(
      bulkOf(repeated),
      { now: 0, sites: [] },
      {
        pause: () => {
          pauses++;
          return nextTurn();
        },
        sliceMs: ONE_MINUTE,
      },
    );
    expect(analysis.hits).toHaveLength(50);
    expect(pauses).toBe(0);
  });
});

const CTX = { now: 0, sites: [] };

describe('analyzeRequestInSlices while the detector warms up', () => {
  it('waits before a new device only, and gives the same verdict', SLOW, async () => {
    const pause = nextTurn;
    let warmed: () => void = () => undefined;
    const warming = new Promise<void>((resolve) => (warmed = resolve));
    const beforeDetection = () => warming;
    const known = bulkOf([agents[0]!]);
    const expected = analyzeRequest(known, CTX);
    // Known now (cached): answered without waiting for the warm-up.
    const answered = await analyzeRequestInSlices(known, CTX, { pause, beforeDetection });
    expect(answered.hits.map((hit) => hit.device)).toEqual(expected.hits.map((hit) => hit.device));
    expect(answered.hits.map((hit) => hit.outcome)).toEqual(
      expected.hits.map((hit) => hit.outcome),
    );
    // A new user agent waits for it, then is detected as in one piece.
    let done = false;
    const fresh = analyzeRequestInSlices(bulkOf([agents[1]!]), CTX, {
      pause,
      beforeDetection,
    }).then((analysis) => {
      done = true;
      return analysis;
    });
    for (let turn = 0; turn < 20; turn++) await nextTurn();
    expect(done).toBe(false);
    expect(detected(agents[1]!)).toBe(false);
    warmed();
    const analysis = await fresh;
    expect(analysis.hits[0]?.device).toEqual(
      analyzeRequest(bulkOf([agents[1]!]), CTX).hits[0]?.device,
    );
  });
});
