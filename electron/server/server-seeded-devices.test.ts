// After a restart, the quick pass of the load puts the devices of the newest stored hits in
// the detector's cache: the browsers that sent hits last are answered without a detection
// (and so without waiting for the detector's warm-up), and get the device their stored hits
// have. Checked on the store alone, its full read held back, so nothing else detects meanwhile.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HitsPageDto } from '../../shared/api/types';
import { decodeQuery, effectiveParams, parseRequest } from '../../shared/matomo';
import {
  cachedDevice,
  clearDeviceCache,
  deviceInputOf,
  rememberDevice,
} from '../../shared/matomo/user-agent';
import { startTestServer } from '../../test-support/capture/server-harness';
import { createParamsOf } from './derive-hit';
import { openHitStore } from './storage/hit-store';

const PHONE =
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const UADATA = JSON.stringify({
  platform: 'Android',
  platformVersion: '13.0.0',
  model: 'SM-S911B',
});
const OTHER = 'Hitscope seeded test/1.0';

describe('devices of the newest stored hits', { timeout: 60_000 }, () => {
  it('are known to the detector once the quick pass is over, as stored', async () => {
    const first = await startTestServer();
    const query = `idsite=1&rec=1&action_name=Seeded&uadata=${encodeURIComponent(UADATA)}`;
    await first.send('GET', `/matomo.php?${query}`, { headers: { 'user-agent': PHONE } });
    // Client hints that are not UTF-8: the detection read none, the stored hit is not used.
    const notUtf8 = `${encodeURIComponent('{"platform":"')}%FF%22%7D`;
    await first.send('GET', `/matomo.php?idsite=1&rec=1&action_name=Other&uadata=${notUtf8}`, {
      headers: { 'user-agent': OTHER },
    });
    const stored = (await first.api<HitsPageDto>('/api/hits?limit=10')).hits;
    await first.close();
    clearDeviceCache();
    const phoneInput = deviceInputOf({ 'user-agent': PHONE }, { uadata: UADATA });
    const otherInput = deviceInputOf({ 'user-agent': OTHER }, { uadata: false });
    expect(cachedDevice(phoneInput)).toBeUndefined();
    const store = await openHitStore({
      dataDir: first.dataDir,
      maxHits: 100,
      derive: () => {
        throw new Error('no hit is read back before the full read');
      },
      paramsOf: createParamsOf({ parseRequest, decodeQuery, effectiveParams }),
      rememberDevice,
      fullReadAfter: new Promise<void>(() => undefined),
    });
    try {
      void store.load();
      await store.loading();
      const phone = stored.find((hit) => hit.device.userAgent === PHONE)?.device;
      expect(phone?.model).toBe('Galaxy S23');
      expect(cachedDevice(phoneInput)).toEqual(phone);
      expect(stored.find((hit) => hit.device.userAgent === OTHER)?.issues).not.toHaveLength(0);
      expect(cachedDevice(otherInput)).toBeUndefined();
    } finally {
      await store.close();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
