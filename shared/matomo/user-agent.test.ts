import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import DeviceDetector from 'node-device-detector';
import {
  clearDeviceCache,
  deviceInputOf,
  detectDevice,
  detectInput,
  DEVICE_CACHE_LIMIT,
  MAX_DETECTED_UA_LENGTH,
} from './user-agent';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ANDROID_REDUCED =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

// The first parse compiles the library's patterns and can take a while on a busy machine.
const SLOW = { timeout: 30_000 };

describe('detectDevice', () => {
  it('decodes browser, OS and device type from the User-Agent header', SLOW, () => {
    expect(detectDevice({ 'user-agent': CHROME_LINUX }, {})).toMatchObject({
      userAgent: CHROME_LINUX,
      browser: 'Headless Chrome',
      os: 'GNU/Linux',
      device: 'desktop',
      bot: false,
      botName: null,
    });
  });

  it('flags bots with the name the library knows', () => {
    expect(detectDevice({ 'user-agent': GOOGLEBOT }, {})).toMatchObject({
      bot: true,
      botName: 'Googlebot',
      browser: null,
    });
  });

  it('lets the ua parameter override the header (core/Tracker/Request.php lines 634–643)', () => {
    const device = detectDevice({ 'user-agent': CHROME_LINUX }, { ua: GOOGLEBOT });
    expect(device.userAgent).toBe(GOOGLEBOT);
    expect(device.bot).toBe(true);
    expect(detectDevice({ 'user-agent': GOOGLEBOT }, { ua: '' }).userAgent).toBe(GOOGLEBOT);
  });

  it('reports an unknown device, not an error, for a missing user agent', () => {
    expect(detectDevice({}, {})).toMatchObject({
      userAgent: '',
      browser: null,
      os: null,
      device: null,
      bot: false,
    });
  });

  it('completes a reduced user agent from uadata client hints', () => {
    const uadata = JSON.stringify({
      platform: 'Windows',
      platformVersion: '15.0.0',
      model: '',
      fullVersionList: [
        { brand: 'Not:A-Brand', version: '8.0.0.0' },
        { brand: 'Google Chrome', version: '131.0.6778.86' },
      ],
    });
    const device = detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata });
    expect(device).toMatchObject({
      os: 'Windows',
      osVersion: '11',
      browserVersion: '131.0.6778.86',
    });
    const without = detectDevice({ 'user-agent': CHROME_WINDOWS }, {});
    expect(without.osVersion).toBe('10');
  });

  it('takes the model from client hints when the user agent hides it', () => {
    const uadata = { platform: 'Android', platformVersion: '14.0.0', model: 'Pixel 8' };
    const device = detectDevice({ 'user-agent': ANDROID_REDUCED }, { uadata });
    expect(device.model).toBe('Pixel 8');
    expect(device.os).toBe('Android');
  });

  it('reads the Sec-CH-UA headers when there is no uadata', () => {
    const device = detectDevice(
      {
        'user-agent': CHROME_WINDOWS,
        'sec-ch-ua-platform': '"Windows"',
        'sec-ch-ua-platform-version': '"14.0.0"',
      },
      {},
    );
    expect(device.osVersion).toBe('11');
  });

  it('ignores uadata nested deeper than json_decode reads, headers too, as Matomo does', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    // The object is level 1, its "x" value level 2: 512 levels in all fit, 513 do not.
    const uadata = (levels: number) =>
      `{"platform":"Windows","platformVersion":"15.0.0","x":${nested(levels - 1)}}`;
    const headers = {
      'user-agent': CHROME_WINDOWS,
      'sec-ch-ua-platform': '"Windows"',
      'sec-ch-ua-platform-version': '"14.0.0"',
    };
    expect(detectDevice(headers, { uadata: uadata(512) }).osVersion).toBe('11');
    expect(detectDevice(headers, { uadata: uadata(513) }).osVersion).toBe('10');
  });

  it('ignores uadata that is not a JSON object, as Matomo does', () => {
    const device = detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata: '[1,2]' });
    expect(device.osVersion).toBe('10');
    expect(detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata: '{bad' }).osVersion).toBe('10');
  });

  it('caches by user agent and hints: the same (frozen) result comes back', () => {
    const first = detectDevice({ 'user-agent': CHROME_LINUX }, { idsite: '1' });
    const second = detectDevice({ 'user-agent': 'other' }, { ua: CHROME_LINUX, idsite: '2' });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const hinted = detectDevice({ 'user-agent': CHROME_LINUX }, { uadata: '{"model":"X"}' });
    expect(hinted).not.toBe(first);
  });
});

describe('a device seen again', () => {
  const UADATA =
    '{"fullVersionList":[{"brand":"Google Chrome","version":"131.0.6778.86"}],"platform":"Windows","platformVersion":"15.0.0"}';

  it('is found from the texts alone: the client hints of the next hit are not read again', () => {
    detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata: UADATA });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      // New header and parameter objects with the same texts, as the next tracking request has.
      const again = detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata: `${UADATA}` });
      expect(parse).not.toHaveBeenCalled();
      expect(again.osVersion).toBe('11');
    } finally {
      parse.mockRestore();
    }
  });

  it(
    'is the device a fresh detection gives, for any sequence of user agents and hints',
    SLOW,
    () => {
      const text = fc.constantFrom('', CHROME_LINUX, CHROME_WINDOWS, ANDROID_REDUCED, GOOGLEBOT);
      const hint = fc.constantFrom('', '"Windows"', '"Android"', '"15.0.0"', '"Pixel 8"', '{bad');
      const uadata = fc.option(fc.constantFrom('', UADATA, '{"model":"X"}', '[1]', '{bad'), {
        nil: undefined,
      });
      const request = fc.record({
        header: text,
        ua: fc.option(text, { nil: undefined }),
        uadata,
        platform: hint,
        version: hint,
        model: hint,
      });
      fc.assert(
        fc.property(fc.array(request, { maxLength: 12 }), (requests) => {
          for (const r of requests) {
            const headers: Record<string, string> = {
              'user-agent': r.header,
              'sec-ch-ua-platform': r.platform,
              'sec-ch-ua-platform-version': r.version,
              'sec-ch-ua-model': r.model,
            };
            const params = {
              ...(r.ua === undefined ? {} : { ua: r.ua }),
              ...(r.uadata === undefined ? {} : { uadata: r.uadata }),
            };
            const seen = detectDevice(headers, params);
            clearDeviceCache();
            expect(seen).toEqual(detectInput(deviceInputOf(headers, params)));
          }
        }),
        { numRuns: 30 },
      );
    },
  );
});

describe('the device cache', () => {
  // A day's web server log holds thousands of distinct user agents (each build number of each
  // browser); a full detection costs about a millisecond and a half, so the cache must hold
  // them all for a log import to detect each agent once.
  it('still knows the first of 2,000 distinct user agents after the others', () => {
    clearDeviceCache();
    const agents = Array.from(
      { length: 2_000 },
      (_, n) =>
        `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.${n}.0 Safari/537.36`,
    );
    // Counted, not run: the cache is what is tested, and 2,000 real detections take seconds.
    const detect = vi.spyOn(DeviceDetector.prototype, 'detect').mockReturnValue({
      client: { name: 'Chrome', version: '120.0' },
      os: { name: 'Windows', version: '10' },
      device: { type: 'desktop', brand: '', model: '' },
    } as unknown as ReturnType<DeviceDetector['detect']>);
    try {
      for (const agent of agents) detectDevice({ 'user-agent': agent }, {});
      expect(detect).toHaveBeenCalledTimes(agents.length);
      detect.mockClear();
      const again = detectDevice({ 'user-agent': agents[0] as string }, { idsite: '1' });
      expect(detect).not.toHaveBeenCalled();
      expect(again).toMatchObject({ userAgent: agents[0], browser: 'Chrome', os: 'Windows' });
    } finally {
      detect.mockRestore();
      clearDeviceCache();
    }
  });

  it('never takes a user agent holding a NUL for another one with client hints', SLOW, () => {
    const uadata = '{"platform":"Windows","platformVersion":"15.0.0"}';
    // The user agent's text is the key of CHROME_WINDOWS with these hints.
    const lookalike = deviceInputOf({ 'user-agent': CHROME_WINDOWS }, { uadata }).key;
    clearDeviceCache();
    const fresh = detectDevice({ 'user-agent': lookalike }, {});
    clearDeviceCache();
    expect(detectDevice({ 'user-agent': CHROME_WINDOWS }, { uadata }).osVersion).toBe('11');
    expect(detectDevice({ 'user-agent': lookalike }, {})).toEqual(fresh);
  });
});

describe('the keys of devices with client hints', () => {
  const hintSet = (n: number) =>
    JSON.stringify({
      platform: 'Windows',
      platformVersion: `${13 + n}.0.0`,
      fullVersionList: [{ brand: 'Google Chrome', version: `131.0.6778.${n}` }],
    });
  const agent = (n: number) => CHROME_WINDOWS.replace('131.0.0.0', `131.0.${n}.0`);

  it('name a hint set by a number, not a copy of its JSON in each key', () => {
    const keys = Array.from({ length: 300 }, (_, n) => {
      const input = deviceInputOf({ 'user-agent': agent(n) }, { uadata: hintSet(n % 3) });
      return { key: input.key, detected: input.detected };
    });
    const tails = new Set(keys.map(({ key, detected }) => key.slice(detected.length)));
    // 300 agents sharing 3 hint sets: three short tails, one for each set.
    expect(tails.size).toBe(3);
    for (const tail of tails) {
      expect(tail.startsWith('\u0000')).toBe(true);
      expect(tail.slice(1)).toMatch(/^\d+$/);
    }
    clearDeviceCache();
  });

  it('find equal hints sent otherwise, and never take one set for another', () => {
    const detect = vi.spyOn(DeviceDetector.prototype, 'detect');
    try {
      const first = detectDevice({ 'user-agent': agent(1) }, { uadata: hintSet(2) });
      // The same hints with their members in another order and spaces between them.
      const reordered = JSON.stringify(JSON.parse(hintSet(2)), null, 1)
        .replace('"platform": "Windows",', '')
        .replace('{', '{"platform":"Windows",');
      detect.mockClear();
      expect(detectDevice({ 'user-agent': agent(1) }, { uadata: reordered })).toBe(first);
      expect(detect).not.toHaveBeenCalled();
      // A set seen after the cache was emptied is told apart from one numbered before.
      const before = deviceInputOf({ 'user-agent': agent(1) }, { uadata: hintSet(0) });
      clearDeviceCache();
      const after = deviceInputOf({ 'user-agent': agent(1) }, { uadata: hintSet(5) });
      expect(after.key).not.toBe(before.key);
      detectInput(before);
      expect(detectInput(after)).toEqual(
        detectDevice({ 'user-agent': agent(1) }, { uadata: hintSet(5) }),
      );
      expect(detect).toHaveBeenCalledTimes(2);
      // Past the bound the numbering starts over, never giving a number twice.
      const keys = new Set([before.key, after.key]);
      for (let n = 6; n < DEVICE_CACHE_LIMIT + 10; n++) {
        keys.add(deviceInputOf({ 'user-agent': agent(1) }, { uadata: hintSet(n) }).key);
      }
      keys.add(deviceInputOf({ 'user-agent': agent(1) }, { uadata: hintSet(0) }).key);
      expect(keys.size).toBe(DEVICE_CACHE_LIMIT + 7);
    } finally {
      detect.mockRestore();
      clearDeviceCache();
    }
  });
});

describe('what the detector reads', () => {
  it('is the first 500 characters of the user agent, counted as PHP’s mb_substr counts', () => {
    const long = `${'é'.repeat(499)}😀tail`;
    const input = deviceInputOf({ 'user-agent': long }, {});
    expect(input.userAgent).toBe(long);
    expect(Array.from(input.detected)).toHaveLength(MAX_DETECTED_UA_LENGTH);
    expect(input.detected.endsWith('😀')).toBe(true);
  });

  it('is bounded for any user agent and client hints', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 5_000 }),
        fc.string({ unit: 'binary', maxLength: 5_000 }),
        fc.dictionary(fc.constantFrom('sec-ch-ua-platform', 'sec-ch-ua-model'), fc.string()),
        (ua, uadata, headers) => {
          const input = deviceInputOf(headers, { ua, uadata });
          expect(Array.from(input.detected).length).toBeLessThanOrEqual(MAX_DETECTED_UA_LENGTH);
          for (const text of [input.hints?.platform ?? '', input.hints?.model ?? '']) {
            expect(Array.from(text).length).toBeLessThanOrEqual(MAX_DETECTED_UA_LENGTH);
          }
        },
      ),
    );
  });

  it('gives user agents that differ only after the cut one result', () => {
    const base = `Mozilla/5.0 (compatible; Googlebot/2.1) ${'x'.repeat(600)}`;
    const first = detectDevice({ 'user-agent': `${base}A` }, {});
    const second = detectDevice({ 'user-agent': `${base}B` }, {});
    expect(first.bot && second.bot).toBe(true);
    expect(second.userAgent).toBe(`${base}B`);
  });
});
