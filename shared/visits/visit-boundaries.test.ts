// Visit boundaries, each written from the Matomo 5 code that draws it.
import { describe, expect, it } from 'vitest';
import { testHit as hit, T0 } from './test-hits';
import { VisitIndex } from './visit-index';
import type { VisitSite } from './visit-index';

const index = (sites: VisitSite[] = []) => new VisitIndex({ sites: () => sites });

describe('visit boundaries', () => {
  it('opens a visit on the first hit and keeps the next ones within 30 minutes in it', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    expect(first.reason?.code).toBe('first_hit');
    const second = visits.assign(hit(29 * 60));
    expect(second.visitId).toBe(first.visitId);
    expect(second.reason).toBeUndefined();
  });

  // VisitRequestProcessor.php lines 211–221: same visit while last action > now − 1800.
  it('opens a new visit after more than the visit length of inactivity, saying how long', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    const later = visits.assign(hit(31 * 60 + 12));
    expect(later.visitId).not.toBe(first.visitId);
    expect(later.reason).toEqual({
      code: 'inactivity',
      text: 'new visit: 31 min 12 s since the last action (the visit length is 30 min)',
    });
  });

  it('keeps a hit exactly at the visit length in a new visit (the comparison is strict)', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    expect(visits.assign(hit(1799)).visitId).toBe(first.visitId);
    expect(visits.assign(hit(1799 + 1800)).reason?.code).toBe('inactivity');
  });

  it('takes the visit length from the site profile', () => {
    const visits = index([{ idsite: 1, visitStandardLength: 600 }]);
    const first = visits.assign(hit(0));
    expect(visits.assign(hit(11 * 60)).visitId).not.toBe(first.visitId);
  });

  // VisitRequestProcessor.php lines 171–176: new_visit is read as an int, any non-zero forces.
  it('opens a new visit on new_visit=1, not on new_visit=0', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    expect(visits.assign(hit(10, { new_visit: '0' })).visitId).toBe(first.visitId);
    const forced = visits.assign(hit(20, { new_visit: '1' }));
    expect(forced.visitId).not.toBe(first.visitId);
    expect(forced.reason?.code).toBe('new_visit_param');
  });

  // Campaign.php lines 37–59: campaign differs and the visit's referrer is not direct entry.
  it('opens a new visit when the campaign changes, naming both campaigns', () => {
    const visits = index();
    const first = visits.assign(hit(0, { url: 'https://shop.example/?pk_campaign=Spring' }));
    expect(visits.visit(first.visitId as string)?.referrer).toMatchObject({
      type: 'campaign',
      name: 'spring',
    });
    const same = visits.assign(hit(60, { url: 'https://shop.example/?pk_campaign=spring' }));
    expect(same.visitId).toBe(first.visitId);
    const next = visits.assign(hit(120, { url: 'https://shop.example/?mtm_campaign=newsletter' }));
    expect(next.visitId).not.toBe(first.visitId);
    expect(next.reason?.code).toBe('campaign_changed');
    expect(next.reason?.text).toBe('new visit: campaign changed from spring to newsletter');
  });

  it('lets a campaign arriving in a direct-entry visit update its referrer instead', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    const next = visits.assign(hit(60, { url: 'https://shop.example/?utm_campaign=mail' }));
    expect(next.visitId).toBe(first.visitId);
    expect(visits.visit(first.visitId as string)?.referrer.name).toBe('mail');
  });

  it('keeps the visit on a campaign change when the site turns the rule off', () => {
    const visits = index([{ idsite: 1, createNewVisitWhenCampaignChanges: false }]);
    const first = visits.assign(hit(0, { url: 'https://shop.example/?pk_campaign=spring' }));
    const next = visits.assign(hit(60, { url: 'https://shop.example/?pk_campaign=autumn' }));
    expect(next.visitId).toBe(first.visitId);
  });

  // Website.php lines 23–42: off by default (global.ini.php line 1019).
  it('opens a new visit on a new website referrer only when the site turns the rule on', () => {
    const ref = (host: string) => ({ urlref: `https://${host}/post` });
    const off = index();
    const a = off.assign(hit(0, ref('blog.example')));
    expect(off.assign(hit(60, ref('news.example'))).visitId).toBe(a.visitId);
    const on = index([{ idsite: 1, createNewVisitWhenWebsiteReferrerChanges: true }]);
    const b = on.assign(hit(0, ref('blog.example')));
    const c = on.assign(hit(60, ref('news.example')));
    expect(c.visitId).not.toBe(b.visitId);
    expect(c.reason).toEqual({
      code: 'referrer_changed',
      text: 'new visit: referrer changed from blog.example to news.example',
    });
    // A referrer on the page's own host is direct entry, not a change.
    expect(on.assign(hit(90, { urlref: 'https://shop.example/cart' })).visitId).toBe(c.visitId);
  });

  // VisitRequestProcessor.php lines 189–196 and 232–247: the two dates in the site's zone.
  it("opens a new visit at midnight in the site's time zone", () => {
    // T0 is 10:00 UTC; 13:59 and 14:01 UTC straddle midnight in UTC+10.
    const visits = index([{ idsite: 1, timezone: 'UTC+10' }]);
    const first = visits.assign(hit(4 * 3600 - 60));
    const next = visits.assign(hit(4 * 3600 + 60, {}));
    expect(next.visitId).not.toBe(first.visitId);
    expect(next.reason).toEqual({
      code: 'day_changed',
      text: 'new visit: the last action was on 2024-10-24, this hit is on 2024-10-25 (UTC+10)',
    });
    // The same two hits in UTC are on one day.
    const utc = index();
    const a = utc.assign(hit(4 * 3600 - 60));
    expect(utc.assign(hit(4 * 3600 + 60)).visitId).toBe(a.visitId);
  });

  it('reads IANA zones too, and keeps the visit across midnight when the setting is off', () => {
    const paris = index([{ idsite: 1, timezone: 'Europe/Paris' }]);
    // 21:59 and 22:01 UTC are 23:59 and 00:01 in Paris (summer time on 2024-10-24).
    const a = paris.assign(hit(12 * 3600 - 60));
    expect(paris.assign(hit(12 * 3600 + 60)).reason?.code).toBe('day_changed');
    const off = index([
      { idsite: 1, timezone: 'Europe/Paris', createNewVisitAfterMidnight: false },
    ]);
    const b = off.assign(hit(12 * 3600 - 60));
    expect(off.assign(hit(12 * 3600 + 60)).visitId).toBe(b.visitId);
    expect(a.visitId).toBeTruthy();
  });

  // Visit.php lines 581–605 and Model.php 521–533: with a user id the visit is found by the
  // device and goes on under the user id's visitor id.
  it('keeps the visit when a user id is set, with the visitor id changed', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    const login = visits.assign(hit(60, { uid: 'alice@example.com' }));
    expect(login.visitId).toBe(first.visitId);
    expect(login.reason?.code).toBe('user_id_set');
    expect(login.reason?.text).toMatch(
      /^user id set: visitor id changed from 0123456789abcdef to [0-9a-f]{16}, same visit$/,
    );
    expect(login.identity?.source).toBe('uid');
    expect(visits.visit(first.visitId as string)?.visitorId).toBe(login.identity?.visitorId);
  });

  it('opens a new visit for another user id on the same device (another visitor)', () => {
    const visits = index();
    const alice = visits.assign(hit(0, { uid: 'alice' }));
    const bob = visits.assign(hit(60, { uid: 'bob' }));
    expect(bob.visitId).not.toBe(alice.visitId);
    expect(bob.reason).toEqual({
      code: 'user_id_changed',
      text: 'new visit: user id changed from alice to bob, another visitor',
    });
  });

  // VisitRequestProcessor.php lines 198–205 with enable_userid_overwrites_visitorid = 0.
  it('without user id overwrites, a different user id in the visit opens a new visit', () => {
    const visits = index([{ idsite: 1, enableUserIdOverwritesVisitorId: false }]);
    const alice = visits.assign(hit(0, { uid: 'alice' }));
    expect(alice.identity?.source).toBe('_id');
    const bob = visits.assign(hit(60, { uid: 'bob' }));
    expect(bob.visitId).not.toBe(alice.visitId);
    expect(bob.reason?.text).toBe('new visit: user id changed from alice to bob');
  });

  // VisitorRecognizer.php 195–222: a forced cid is looked up alone, never by the device.
  it('opens a new visit for another forced visitor id (cid) on the same device', () => {
    const visits = index();
    const a = visits.assign(hit(0, { cid: 'aaaaaaaaaaaaaaaa' }));
    const b = visits.assign(hit(60, { cid: 'bbbbbbbbbbbbbbbb' }));
    expect(b.visitId).not.toBe(a.visitId);
    expect(b.reason?.code).toBe('visitor_changed');
  });

  it('finds a visitor without any id by the device fingerprint, within the visit window', () => {
    const visits = index();
    const noId = { _id: '' };
    const a = visits.assign(hit(0, noId));
    expect(a.identity?.source).toBe('config_id');
    expect(visits.assign(hit(600, noId)).visitId).toBe(a.visitId);
    // Another IP is another device.
    const other = visits.assign(hit(700, noId, { remoteAddress: '198.51.100.1' }));
    expect(other.visitId).not.toBe(a.visitId);
    // Another browser language is another device too (Settings.php line 72).
    const lang = visits.assign(hit(800, { ...noId, lang: 'de-DE' }));
    expect(lang.visitId).not.toBe(a.visitId);
  });

  it('matches an _id visitor whose _id changed by the device, and rewrites its visitor id', () => {
    const visits = index();
    const a = visits.assign(hit(0));
    const b = visits.assign(hit(60, { _id: 'fedcba9876543210' }));
    expect(b.visitId).toBe(a.visitId);
    expect(b.reason?.code).toBe('visitor_changed');
    expect(visits.visit(a.visitId as string)?.visitorId).toBe('fedcba9876543210');
  });

  // PingRequestProcessor.php lines 24–40; VisitLastActionTime.php lines 100–104.
  it('lets a ping extend the visit without moving its last action, and never open one', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    const ping = visits.assign(hit(20 * 60, { ping: '1' }));
    expect(ping.visitId).toBe(first.visitId);
    const visit = visits.visit(first.visitId as string);
    expect(visit?.lastActionTime).toBe(T0 / 1000);
    expect(visit?.endTime).toBe(T0 / 1000 + 20 * 60);
    expect(visit?.actionCount).toBe(1);
    // 40 minutes after the last action: the ping at 20 minutes did not keep the visit alive.
    const late = visits.assign(hit(40 * 60, { ping: '1' }));
    expect(late.visitId).toBeNull();
    expect(late.reason?.code).toBe('ping_ignored');
    expect(visits.size).toBe(1);
  });

  // Request.php: the custom time is the request's time; VisitLastActionTime.php 108–114
  // never moves the last action back.
  it('dates a cdt hit by its time, in the visit it falls in', () => {
    const visits = index();
    const first = visits.assign(hit(3600));
    // Sent later, happened 10 minutes before the first one: same visit, last action kept.
    const early = hit(3700, { cdt: String(T0 / 1000 + 3000) });
    expect(visits.assign(early).visitId).toBe(first.visitId);
    const visit = visits.visit(first.visitId as string);
    expect(visit?.lastActionTime).toBe(T0 / 1000 + 3600);
    expect(visit?.earliest).toBe(T0 / 1000 + 3000);
    // Dated two hours before: the visitor's latest visit is too far ahead; a new visit.
    const old = visits.assign(hit(3800, { cdt: String(T0 / 1000 - 3600) }));
    expect(old.visitId).not.toBe(first.visitId);
  });

  it('leaves excluded and rejected hits out of every visit', () => {
    const visits = index();
    expect(visits.assign(hit(0, {}, { outcome: 'excluded' })).visitId).toBeNull();
    expect(visits.assign(hit(0, {}, { outcome: 'rejected' })).visitId).toBeNull();
    expect(visits.size).toBe(0);
  });

  it('keeps sites apart', () => {
    const visits = index();
    const a = visits.assign(hit(0));
    const b = visits.assign(hit(10, { idsite: '2' }, { idsite: 2 }));
    expect(b.visitId).not.toBe(a.visitId);
  });

  it('opens a new visit once a visit has 10,000 actions (create_new_visit_after_x_actions)', () => {
    const visits = index();
    const first = visits.assign(hit(0));
    // One action a second keeps the visit alive; pings are no actions and do not count.
    for (let i = 1; i < 10_000; i++) visits.assign(hit(i, i % 100 === 0 ? { ping: '1' } : {}));
    expect(visits.visit(first.visitId as string)?.actionCount).toBe(9_901);
    for (let i = 10_000; i < 10_098; i++) visits.assign(hit(i));
    const last = visits.assign(hit(10_098));
    expect(last.visitId).toBe(first.visitId);
    const next = visits.assign(hit(10_099));
    expect(next.visitId).not.toBe(first.visitId);
    expect(next.reason?.code).toBe('max_actions');
  });

  it('forgets the oldest visits past its hit cap', () => {
    const visits = new VisitIndex({ maxHits: 2 });
    const a = visits.assign(hit(0));
    visits.assign(hit(10));
    const c = visits.assign(hit(20, { new_visit: '1' }));
    expect(visits.visit(a.visitId as string)).toBeUndefined();
    expect(visits.visit(c.visitId as string)).toBeDefined();
  });
});
