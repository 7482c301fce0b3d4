// Own process: the device detector must be as cold as in a server just started.
// Hits of new devices that arrive while the detector warms up are analysed as soon as the
// patterns their detection needs are compiled (tried in the warm-up's turns): a desktop
// browser's long before the warm-up's last step, and every device as a detection after the
// warm-up gives it. Counted in warm-up steps, not timed.
import { describe, expect, it } from 'vitest';
import { analyzeRequestInSlices } from '../../shared/matomo/analyze';
import type { RawRequest } from '../../shared/matomo/types';
import {
  clearDeviceCache,
  detectDevice,
  deviceWarmUpInSteps,
} from '../../shared/matomo/user-agent';
import { detectionAheadOf, runInTurns } from './warm-up';

const SLICE_MS = 8;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const DESKTOP_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const HINTS = JSON.stringify({
  fullVersionList: [{ brand: 'Google Chrome', version: '126.0.6478.126' }],
  mobile: true,
  model: 'Pixel 8',
  platform: 'Android',
  platformVersion: '14.0.0',
});
/** User agents (with client hints for one) whose hits arrive with the desktop browser's. */
const OTHERS: [string, string][] = [
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
    '',
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; SM-S911B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36 Instagram 308.0.0.36.109 Android',
    '',
  ],
  ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 Chrome/126.0.0.0 Mobile', HINTS],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', ''],
  ['Hitscope test client/1.0 (nothing known)', ''],
];

const hitOf = (userAgent: string, uadata: string): RawRequest => ({
  method: 'GET',
  path: '/matomo.php',
  query: `idsite=1&rec=1&action_name=Start${uadata ? `&uadata=${encodeURIComponent(uadata)}` : ''}`,
  headers: { 'user-agent': userAgent },
  body: new Uint8Array(0),
});

describe('new devices while the device detector warms up', { timeout: 120_000 }, () => {
  it("analyses a desktop browser's hit before the warm-up's end, every device exactly", async () => {
    let taken = 0;
    const counted = function* () {
      for (const step of deviceWarmUpInSteps()) {
        yield () => {
          taken++;
          step();
        };
      }
    };
    const warmUp = runInTurns(counted());
    const options = {
      pause: nextTurn,
      sliceMs: SLICE_MS,
      beforeDetection: detectionAheadOf(warmUp, SLICE_MS),
    };
    const analyse = (userAgent: string, uadata: string) =>
      analyzeRequestInSlices(hitOf(userAgent, uadata), { now: 0, sites: [] }, options);
    let takenWhenDesktopAnswered = -1;
    const desktop = analyse(DESKTOP_CHROME, '').then((analysis) => {
      takenWhenDesktopAnswered = warmUp.finished() ? Infinity : taken;
      return analysis;
    });
    const analyses = await Promise.all([
      desktop,
      ...OTHERS.map(([userAgent, uadata]) => analyse(userAgent, uadata)),
    ]);
    await warmUp.done;
    expect(takenWhenDesktopAnswered).toBeGreaterThanOrEqual(0);
    expect(takenWhenDesktopAnswered).toBeLessThan(taken / 2);

    clearDeviceCache();
    const expected = [[DESKTOP_CHROME, ''], ...OTHERS].map(([userAgent, uadata]) =>
      detectDevice({ 'user-agent': userAgent! }, uadata ? { uadata } : {}),
    );
    expect(analyses.map((analysis) => analysis.hits[0]?.device)).toEqual(expected);
    expect(expected[0]?.browser).toBe('Chrome');
    expect(expected[3]?.model).toBe('Pixel 8');
    expect(expected[4]?.bot).toBe(true);
  });
});
