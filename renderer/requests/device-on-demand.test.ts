// The composer's preview loads the device detector on demand: until then a hit's device is
// unknown, then the same call detects it, and subscribers hear that it arrived.
import { describe, expect, it, vi } from 'vitest';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('device detector on demand', () => {
  it('answers an unknown device first, then the detected one once loaded', async () => {
    // The dom project shares modules between files: another file's preview may have loaded
    // the detector already. Fresh copies start where the app starts, without it.
    vi.resetModules();
    const { analyzeSendRequest } = await import('./analyze-draft');
    const { detectDevice, deviceDetectorReady, loadDeviceDetector, subscribeDeviceDetector } =
      await import('./device-on-demand');
    expect(deviceDetectorReady()).toBe(false);
    const early = detectDevice({ 'user-agent': 'ignored' }, { ua: GOOGLEBOT });
    expect(early).toMatchObject({ userAgent: GOOGLEBOT, bot: false, browser: null });
    const draft = {
      target: 'self',
      method: 'GET' as const,
      path: '/matomo.php',
      query: 'idsite=1&rec=1',
    };
    expect(analyzeSendRequest(draft, { sites: [], now: 0 }).devicesDetected).toBe(false);

    let heard = 0;
    const unsubscribe = subscribeDeviceDetector(() => heard++);
    await loadDeviceDetector();
    unsubscribe();
    expect(heard).toBe(1);
    expect(deviceDetectorReady()).toBe(true);
    expect(detectDevice({ 'user-agent': GOOGLEBOT }, {})).toMatchObject({
      bot: true,
      botName: 'Googlebot',
    });
    expect(analyzeSendRequest(draft, { sites: [], now: 0 }).devicesDetected).toBe(true);
  }, 60_000);
});
