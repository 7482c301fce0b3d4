import { describe, expect, it } from 'vitest';
import {
  decodeSettings,
  settingsPatchSchema,
  siteProfileSchema,
  sitesSchema,
} from './settings-body';

const problem = (value: unknown) => {
  const result = decodeSettings(settingsPatchSchema, value);
  return result.ok ? null : result.message;
};

describe('the PUT /api/settings body, declared once', () => {
  it('names the field, the place and the value of each problem', () => {
    expect(problem({ debugMode: 'sometimes' })).toBe(
      'debugMode must be one of off, on-demand, always, got "sometimes".',
    );
    expect(problem({ maxHits: -1 })).toBe('maxHits must be an integer from 1 to 5000000, got -1.');
    expect(problem({ upstreamUrl: 'ftp://x' })).toBe(
      'upstreamUrl must use http or https, got "ftp:".',
    );
    expect(problem({ upstreamUrl: 'nope' })).toBe('upstreamUrl "nope" is not a URL.');
    expect(problem({ colour: 'red' })).toBe(
      'Unknown setting "colour"; known: debugMode, sites, upstreamUrl, maxHits, extraTrackingPaths, limits.',
    );
    expect(problem({ limits: { maxUrlLength: 1 } })).toBe(
      'limits.maxUrlLength must be an integer from 256 to 524288, got 1.',
    );
    expect(problem({ limits: { speed: 1 } })).toMatch(
      /^Unknown limit "speed"; known: maxBodyBytes/,
    );
    expect(problem({ extraTrackingPaths: ['/api/x'] })).toMatch(/is reserved/);
    expect(problem({ sites: [{ idsite: 'one' }] })).toBe(
      'sites[0].idsite must be an integer from 1 to 2147483647, got "one".',
    );
    expect(problem({ sites: [{ idsite: 1 }, { idsite: 1 }] })).toBe('sites lists idsite 1 twice.');
    expect(problem({ sites: [{ idsite: 1, excludedIps: ['300.1.1.1'] }] })).toMatch(
      /^sites\[0\]: excluded IP "300.1.1.1"/,
    );
    expect(problem({ sites: [{ idsite: 1, colour: 1 }] })).toMatch(
      /^sites\[0\] has an unknown field "colour"; known: idsite, name/,
    );
    expect(problem([1])).toBe('Settings must be a JSON object.');
  });

  it('gives a site profile its defaults and skips the server facts a UI sends back', () => {
    const result = decodeSettings(settingsPatchSchema, {
      sites: [{ idsite: 3 }],
      extraTrackingPaths: ['/t.php', '/t.php'],
      version: '1.0.0',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        sites: [
          {
            idsite: 3,
            name: 'Site 3',
            urls: [],
            goals: [],
            dimensions: [],
            siteSearch: true,
            tokens: [],
          },
        ],
        extraTrackingPaths: ['/t.php'],
        version: '1.0.0',
      },
    });
  });

  it('reads a site-profile file with the same schemas, placed under its root', () => {
    const file = decodeSettings(sitesSchema, [{ idsite: 2, urls: ['shop.example'] }], 'sites');
    expect(file).toEqual({
      ok: false,
      message: 'sites[0].urls[0] contains "shop.example", which is not an http(s) URL.',
    });
    expect(decodeSettings(siteProfileSchema, { idsite: 2, goals: [-1] }, 'sites[1]')).toEqual({
      ok: false,
      message: 'sites[1].goals[0] must be a list of non-negative integers, got -1.',
    });
  });
});
