// The device fingerprint (config id) from core/Tracker/Settings.php lines 36–176.
import { describe, expect, it } from 'vitest';
import { browserLanguage, configIdOf, identityOf } from './identity';
import { testHit } from './test-hits';
import { siteDay } from './site-day';
import { VisitIndex } from './visit-index';

const id = (params: Record<string, string> = {}, extra = {}) =>
  configIdOf(testHit(0, params, extra), 1, '2024-10-24');

describe('config id', () => {
  it('is 16 hex characters, equal for the same device and IP', () => {
    expect(id()).toMatch(/^[0-9a-f]{16}$/);
    expect(id({ url: 'https://other.example/' })).toBe(id());
  });

  it('changes with the OS, browser version, each plugin flag, IP, language, site and day', () => {
    const base = id();
    expect(
      id(
        {},
        { device: { browser: 'Firefox', browserVersion: '132.0', os: 'GNU/Linux', bot: false } },
      ),
    ).not.toBe(base);
    expect(
      id(
        {},
        { device: { browser: 'Firefox', browserVersion: '131.0', os: 'GNU/Linux', bot: true } },
      ),
    ).not.toBe(base);
    for (const flag of ['fla', 'java', 'qt', 'realp', 'pdf', 'wma', 'ag', 'cookie']) {
      expect(id({ [flag]: '1' }), flag).not.toBe(base);
    }
    // A plugin flag that is not an integer reads as 0 (Common::getRequestVar with 'int').
    expect(id({ pdf: 'yes' })).toBe(base);
    expect(id({}, { remoteAddress: '198.51.100.1' })).not.toBe(base);
    expect(id({ cip: '203.0.113.7' }, { remoteAddress: '10.0.0.1' })).toBe(base);
    expect(id({ lang: 'fr' })).not.toBe(base);
    expect(configIdOf(testHit(0), 2, '2024-10-24')).not.toBe(base);
    expect(configIdOf(testHit(0), 1, '2024-10-25')).not.toBe(base);
  });

  it('reads the language as Matomo cleans it, cut to 20 characters', () => {
    expect(browserLanguage({}, 'en-US,en;q=0.9, fr (France)')).toBe('en-us,en,fr');
    expect(id({ lang: 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7,fr;q=0.5' })).toBe(
      id({ lang: 'de-de,de,en-us,en,frXYZ' }),
    );
  });
});

describe('siteDay', () => {
  it('gives the day in fixed-offset and named zones', () => {
    const t = Date.UTC(2024, 0, 1, 23, 30) / 1000;
    expect(siteDay(t, 'UTC')).toBe('2024-01-01');
    expect(siteDay(t, 'UTC+1')).toBe('2024-01-02');
    expect(siteDay(t, 'UTC-5.5')).toBe('2024-01-01');
    expect(siteDay(t, 'Europe/Berlin')).toBe('2024-01-02');
    expect(siteDay(t, 'America/New_York')).toBe('2024-01-01');
  });
});

// Which id decides the visitor, in Matomo's order: core/Tracker/Request.php getVisitorId
// (lines 885–888 hash the user id) and getForcedVisitorId for cid.
describe('the identity that decides the visitor', () => {
  const configId = configIdOf(testHit(0), 1, '2024-10-24');
  const of = (params: Record<string, string>, overwrite = true) =>
    identityOf(testHit(0, params), configId, overwrite);

  it('is the user id (its sha1, 16 hex digits) over cid and _id', () => {
    expect(of({ uid: 'alice@example.com', cid: 'aaaaaaaaaaaaaaaa' })).toMatchObject({
      visitorId: 'fc2398a73dd54d62',
      source: 'uid',
    });
  });

  it('then a forced cid over _id, then _id, hex-decoded', () => {
    expect(of({ cid: 'AAAAAAAAAAAAAAAA' })).toMatchObject({
      visitorId: 'aaaaaaaaaaaaaaaa',
      source: 'cid',
    });
    expect(of({})).toMatchObject({ visitorId: '0123456789abcdef', source: '_id' });
    // Without user id overwrites, the user id does not decide the visitor.
    expect(of({ uid: 'alice@example.com' }, false)).toMatchObject({ source: '_id' });
  });

  it('reads every tracker id as its own, whichever half two of them share', () => {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    // Two ids filed under the same number (their halves mixed as the cache mixes them).
    const low = 0x1234abcd;
    const twin = (low ^ Math.imul(1, 0x9e3779b1)) >>> 0;
    const ids = [
      '0000000000000000',
      'ffffffffffffffff',
      '00000000ffffffff',
      'ffffffff00000000',
      `00000000${hex(low)}`,
      `00000001${hex(twin)}`,
    ];
    for (let round = 0; round < 2; round++) {
      for (const _id of ids) expect(of({ _id })).toMatchObject({ visitorId: _id, source: '_id' });
    }
    // Upper case is not a tracker id as sent: hex-decoded the long way.
    expect(of({ _id: '0123456789ABCDEF' })).toMatchObject({ visitorId: '0123456789abcdef' });
  });

  it('falls back to the device fingerprint when the request has no id of its own', () => {
    expect(of({ _id: '' })).toEqual({ visitorId: configId, source: 'config_id', configId });
  });
});

describe('the identity an assignment gives', () => {
  it('names the config id of every hit, found by its visitor id or by its device', () => {
    const visits = new VisitIndex();
    const day = siteDay((testHit(0).receivedAt as number) / 1000, 'UTC');
    const hits = [testHit(0), testHit(10), testHit(20, { _id: '' }), testHit(30, { lang: 'de' })];
    for (const hit of hits) {
      const { identity } = visits.assign(hit);
      expect(identity?.configId).toBe(configIdOf(hit, 1, day));
    }
    // Only the device identifies the third hit: its fingerprint is its visitor id.
    const third = visits.assign(testHit(40, { _id: '' }));
    expect(third.identity).toEqual({
      visitorId: configIdOf(testHit(40, { _id: '' }), 1, day),
      source: 'config_id',
      configId: configIdOf(testHit(40, { _id: '' }), 1, day),
    });
  });
});
