// The visit engine: assigns each hit, in arrival order, to the visit Matomo 5 would record it
// in, and says why a hit opens a new one. Matomo decides per request, in the order requests
// arrive, from the visits it has stored; this index keeps the same facts in memory:
// - which visit the request continues: Model::findVisitor (core/Tracker/Model.php 482–537)
//   by visitor id (the latest visit of that id), else by device fingerprint within the visit
//   window, restricted to the same or no user id when one is sent;
// - whether it opens a new one: VisitRequestProcessor::isVisitNew (plugins/CoreHome/Tracker/
//   VisitRequestProcessor.php 164–207), then the dimensions that force a new visit
//   (core/Tracker/Visit.php 170–174: campaign and website referrer changes);
// - pings never open a visit (plugins/Heartbeat/Tracker/PingRequestProcessor.php 24–40).
// Excluded and rejected hits take no part.
import { customTime } from '../matomo/time';
import { makeIssue } from '../matomo/issue-codes';
import {
  MATOMO_VISIT_DEFAULTS,
  resolveVisitSettings,
  type ResolvedVisitSettings,
  type SiteVisitSettings,
} from '../matomo/site-visit-settings';
import type { ParamValue } from '../matomo/types';
import { intParam, orderKey, textParam } from '../matomo/validate-context';
import { crossHitFindings, emptyCheckState, recordInState } from './cross-hit-checks';
import { reasonOf, type StoredReason } from './stored-reason';
import { configIdOf, identityOf } from './identity';
import { referrerFacts, type ReferrerContext } from './referrer-facts';
import { siteDay } from './site-day';
import type {
  CrossHitIssue,
  VisitAssignment,
  VisitBoundaryReason,
  VisitHitInput,
  VisitIdentity,
  VisitReferrer,
} from './types';
import { VisitState } from './visit-state';

/** config/global.ini.php line 1029 (create_new_visit_after_x_actions = 10000). */
export const MAX_ACTIONS_PER_VISIT = 10_000;
/** Visits remembered per visitor id and per fingerprint: enough for any realistic lookup. */
const LOOKUP_DEPTH = 8;

/** A site as the engine needs it: visit settings, URLs, campaign parameter names. */
export interface VisitSite extends SiteVisitSettings {
  idsite: number;
  urls?: readonly string[];
  campaignNameParams?: readonly string[];
  campaignKeywordParams?: readonly string[];
}

export interface VisitIndexOptions {
  /** The site profiles (Matomo's defaults for a site without one). */
  sites?: () => readonly VisitSite[];
  /** Hits remembered; the oldest visits go first past it. */
  maxHits?: number;
  /** The referrer of a hit (a fuller attribution may replace the built-in one). */
  referrerOf?: (params: Record<string, ParamValue>, ctx: ReferrerContext) => VisitReferrer;
}

const NO_URLS: readonly string[] = [];

/**
 * The visits filed under one visitor id or fingerprint, when there are several, and the one
 * with the latest last action among those that count (the later one on a tie): most hits
 * continue that one, so it is known without reading every visit of the list.
 */
class VisitList {
  /** Null when unknown: found again by a scan when asked. */
  top: VisitState | null = null;
  constructor(
    readonly visits: VisitState[],
    /** The visitor id a visit must still have to count; null for a fingerprint's list. */
    readonly visitorId: string | null,
  ) {}

  counts(visit: VisitState): boolean {
    return !visit.evicted && (this.visitorId === null || visit.visitorId === this.visitorId);
  }

  latest(): VisitState | null {
    if (this.top !== null && this.counts(this.top)) return this.top;
    let best: VisitState | null = null;
    for (const visit of this.visits) {
      if (!this.counts(visit)) continue;
      if (best === null || visit.lastActionTime >= best.lastActionTime) best = visit;
    }
    this.top = best;
    return best;
  }

  /** `visit`, in the list and counting, has a later last action than before. */
  raised(visit: VisitState): void {
    const top = this.top;
    if (top === null || top === visit || visit.lastActionTime < top.lastActionTime) return;
    // A tie is settled by the order of the list: the next scan does it.
    if (visit.lastActionTime > top.lastActionTime && this.visits.includes(visit)) this.top = visit;
    else this.top = null;
  }
}

type LookupEntry = VisitState | VisitList;
type Lookup = Map<string, LookupEntry>;
interface SiteLookups {
  byVisitor: Lookup;
  byConfig: Lookup;
}

const reason = (code: VisitBoundaryReason['code'], text: string): VisitBoundaryReason => ({
  code,
  text,
});

/** Unix seconds of the hit as Matomo dates it: its custom time when used, else its arrival. */
export function hitSeconds(hit: VisitHitInput): number {
  const received =
    typeof hit.receivedAt === 'number' ? hit.receivedAt : isoMilliseconds(hit.receivedAt);
  const now = Math.floor(received / 1000);
  if (hit.params.cdt === undefined && hit.params.cdo === undefined) return now;
  const custom = customTime(hit.params, now);
  return custom.status === 'used' ? custom.seconds : now;
}

/** The minute of the last ISO time read, and its milliseconds since the epoch. */
let isoMinute = '';
let isoMinuteMs = NaN;
const digit = (text: string, i: number): number => text.charCodeAt(i) - 48;
const isDigit = (text: string, i: number): boolean => digit(text, i) >= 0 && digit(text, i) <= 9;

/**
 * Date.parse of an ISO time as hits carry it (`2024-10-24T08:00:02.000Z`): hits arrive in
 * order, so the minute is parsed once and the seconds read from the digits.
 */
function isoMilliseconds(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(16) !== 58 /* : */ ||
    text.charCodeAt(19) !== 46 /* . */ ||
    text.charCodeAt(23) !== 90 /* Z */ ||
    !isDigit(text, 17) ||
    !isDigit(text, 18) ||
    !isDigit(text, 20) ||
    !isDigit(text, 21) ||
    !isDigit(text, 22) ||
    // 24:00 is the next day to Date.parse, and 24:00:05 no time at all.
    (text.charCodeAt(11) === 50 /* 2 */ && text.charCodeAt(12) === 52) /* 4 */
  ) {
    return Date.parse(text);
  }
  if (!text.startsWith(isoMinute) || isoMinute === '') {
    isoMinute = text.slice(0, 17);
    isoMinuteMs = Date.parse(`${isoMinute}00.000Z`);
  }
  const seconds = digit(text, 17) * 10 + digit(text, 18);
  // Seconds past 59 (a leap second) are left to Date.parse.
  if (seconds > 59) return Date.parse(text);
  return (
    isoMinuteMs + seconds * 1000 + digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22)
  );
}

const referrerLabel = (r: VisitReferrer): string =>
  r.type === 'campaign'
    ? `${r.name}${r.keyword ? ` (${r.keyword})` : ''}`
    : r.type === 'direct'
      ? 'direct entry'
      : r.name;

/** Base.php lines 715–736 compare lower-cased; the referrer facts are made lower-case. */
const sameReferrer = (a: VisitReferrer, b: VisitReferrer): boolean =>
  a === b ||
  (a.type === b.type &&
    (a.name === b.name || a.name.toLowerCase() === b.name.toLowerCase()) &&
    (a.keyword === b.keyword || a.keyword.toLowerCase() === b.keyword.toLowerCase()));

/** A visit of the device that the hit at `time` may continue (see latestOfDevice). */
const fitsDevice = (
  visit: VisitState,
  time: number,
  length: number,
  userId: string | null,
): boolean =>
  !visit.evicted &&
  visit.lastActionTime >= time - length &&
  visit.lastActionTime <= time + length &&
  (userId === null || userId === '' || visit.userId === '' || visit.userId === userId);

export class VisitIndex {
  /** Visits in the order they opened; those before `head` are evicted (cleared in batches). */
  private visits: VisitState[] = [];
  private head = 0;
  private readonly byHit = new Map<string, VisitState>();
  /** Per site, the visits of a visitor id and of a fingerprint: one visit, or the latest few. */
  private readonly lookups = new Map<number, SiteLookups>();
  private readonly findings = new Map<string, CrossHitIssue[]>();
  /** Recorded orders (`idsite:ec_id`) → the hit that recorded them. */
  private readonly orders = new Map<string, string>();
  private hitCount = 0;
  private maxHits: number;

  constructor(private readonly options: VisitIndexOptions = {}) {
    this.maxHits = options.maxHits ?? Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.visits.length - this.head;
  }

  setMaxHits(maxHits: number): void {
    this.maxHits = maxHits;
    this.evict();
  }

  clear(): void {
    this.seenLookup = null;
    for (let i = this.head; i < this.visits.length; i++)
      (this.visits[i] as VisitState).evicted = true;
    this.visits = [];
    this.head = 0;
    this.byHit.clear();
    this.lookups.clear();
    this.findings.clear();
    this.orders.clear();
    this.hitCount = 0;
  }

  /** The visit of a hit, once assigned. */
  visitOfHit(hitId: string): VisitState | undefined {
    return this.byHit.get(hitId);
  }

  visit(id: string): VisitState | undefined {
    // A visit's id is its first hit's: the hit finds it.
    const visit = id.startsWith('v-') ? this.byHit.get(id.slice(2)) : undefined;
    return visit && visit.firstHitId === id.slice(2) ? visit : undefined;
  }

  /** Visits, newest first. */
  *newestFirst(): Generator<VisitState> {
    const all = this.visits.slice(this.head);
    for (let i = all.length - 1; i >= 0; i--) yield all[i] as VisitState;
  }

  /** The cross-hit findings of a hit. */
  findingsOf(hitId: string): CrossHitIssue[] {
    return this.findings.get(hitId) ?? [];
  }

  private lookup(idsite: number): SiteLookups {
    let lookup = this.lookups.get(idsite);
    if (!lookup) {
      lookup = { byVisitor: new Map(), byConfig: new Map() };
      this.lookups.set(idsite, lookup);
    }
    return lookup;
  }

  private readonly settings = new WeakMap<VisitSite, ResolvedVisitSettings>();

  /** A profile's settings, resolved once per profile object (settings replace the objects). */
  private settingsOf(site: VisitSite | undefined): ResolvedVisitSettings {
    if (!site) return MATOMO_VISIT_DEFAULTS;
    let resolved = this.settings.get(site);
    if (!resolved) {
      resolved = resolveVisitSettings(site);
      this.settings.set(site, resolved);
    }
    return resolved;
  }

  private site(idsite: number): VisitSite | undefined {
    return this.options.sites?.().find((site) => site.idsite === idsite);
  }

  assign(hit: VisitHitInput): VisitAssignment {
    if (hit.outcome !== 'recorded' || hit.idsite === null) return this.notTaking(hit);
    const idsite = hit.idsite;
    const site = this.site(idsite);
    const settings = this.settingsOf(site);
    const params = hit.params;
    const time = hitSeconds(hit);
    const day = siteDay(time, settings.timezone);
    // The fingerprint is salted per day only when visits split at midnight (Settings.php 79).
    const configId = configIdOf(hit, idsite, settings.createNewVisitAfterMidnight ? day : '');
    const identity = identityOf(hit, configId, settings.enableUserIdOverwritesVisitorId);
    const userId = textParam(params, 'uid');
    const found = this.findVisit(idsite, identity, userId, time, settings);
    const referrerCtx: ReferrerContext = {
      siteUrls: site?.urls ?? NO_URLS,
      campaignNameParams: site?.campaignNameParams,
      campaignKeywordParams: site?.campaignKeywordParams,
      visit: found?.referrer,
    };
    const referrer = (this.options.referrerOf ?? referrerFacts)(params, referrerCtx);
    const boundary = this.newVisitReason(
      hit,
      found,
      identity,
      userId,
      time,
      day,
      referrer,
      settings,
    );

    if (boundary && hit.type === 'ping') {
      const ignored = reason(
        'ping_ignored',
        `ping not recorded: it would open a new visit (${reasonOf(boundary).text.replace(/^new visit: /, '')})`,
      );
      return { visitId: null, reason: ignored, identity, findings: [] };
    }

    let visit: VisitState;
    let note: VisitBoundaryReason | undefined;
    if (boundary || !found) {
      const visitorId =
        identity.source === 'config_id' && found ? found.visitorId : identity.visitorId;
      const checks = emptyCheckState(hit.id);
      // Matomo counts the visitor's visits itself; the tracker's _idvc is checked against
      // the count this visitor sent before (VisitsCount.php 38–46).
      if (found) checks.visitCount = found.checks.visitCount;
      visit = new VisitState(
        hit.id,
        idsite,
        visitorId,
        identity.source,
        configId,
        time,
        referrer,
        boundary ?? { code: 'first_hit', visitorId },
        checks,
      );
      visit.userId = userId;
      this.visits.push(visit);
      this.remember(this.lookup(idsite).byConfig, configId, visit, false);
      this.remember(this.lookup(idsite).byVisitor, visitorId, visit, true);
    } else {
      visit = found;
      note = this.continueVisit(visit, hit, identity, userId, referrer);
    }

    const findings = crossHitFindings(
      hit.type,
      params,
      visit.checks,
      settings.visitScopedDimensions,
    );
    recordInState(hit.id, hit.type, params, visit.checks, settings.visitScopedDimensions);
    const lastAction = visit.lastActionTime;
    visit.add(hit.id, time, hit.type);
    if (visit.lastActionTime !== lastAction) this.raised(visit);
    this.byHit.set(hit.id, visit);
    this.hitCount++;
    if (hit.type === 'ecommerce_order') this.orders.set(orderKey(params), hit.id);
    if (findings.length > 0) {
      this.findings.set(hit.id, findings);
      visit.issueCount += findings.length;
    }
    if (note) visit.note(hit.id, note);
    this.evict();
    if (visit.hitCount === 1) {
      // The opening reason's sentence is made only when read: the server never reads it.
      const opened = visit;
      return {
        visitId: visit.id,
        identity,
        findings,
        get reason() {
          return opened.boundary;
        },
      };
    }
    const result: VisitAssignment = { visitId: visit.id, identity, findings };
    if (note) result.reason = note;
    return result;
  }

  /** An excluded or rejected hit: no visit; a duplicate order is linked to the first one. */
  private notTaking(hit: VisitHitInput): VisitAssignment {
    const findings: CrossHitIssue[] = [];
    if (hit.issues?.some((issue) => issue.code === 'ec_id.duplicate')) {
      const first = this.orders.get(orderKey(hit.params));
      if (first) {
        const issue: CrossHitIssue = makeIssue('ec_id.duplicate', {
          param: 'ec_id',
          message: `Order ${textParam(hit.params, 'ec_id')} was already recorded by hit ${first}; Matomo rejects this second one.`,
        });
        issue.relatedHitId = first;
        findings.push(issue);
        this.findings.set(hit.id, findings);
      }
    }
    return { visitId: null, identity: null, findings };
  }

  /**
   * Model::findVisitor: by visitor id alone when the id is forced (cid) or there is only a
   * fingerprint; otherwise by visitor id first, then by fingerprint (with a user id: only a
   * visit of the same user or of none).
   */
  private findVisit(
    idsite: number,
    identity: VisitIdentity,
    userId: string,
    time: number,
    settings: ResolvedVisitSettings,
  ): VisitState | undefined {
    const length = settings.visitStandardLength;
    const lookup = this.lookup(idsite);
    const byId = identity.source !== 'config_id';
    // VisitorRecognizer::shouldLookupOneVisitorFieldOnly (core/Tracker/VisitorRecognizer.php 195–222).
    const oneField = userId === '' && (identity.source === 'cid' || !byId);
    if (byId) {
      const id = identity.visitorId;
      const entry = lookup.byVisitor.get(id);
      this.seenLookup = lookup;
      this.seenVisitorId = id;
      this.seenVisitorEntry = entry;
      const visit = this.latestOfVisitor(entry, id, time + length);
      if (visit || oneField) return visit;
    }
    return this.latestOfDevice(
      lookup.byConfig.get(identity.configId as string),
      time,
      length,
      userId,
    );
  }

  /** The visitor's latest visit whose last action is not after `until` (Model.php 513–522). */
  private latestOfVisitor(
    entry: LookupEntry | undefined,
    visitorId: string,
    until: number,
  ): VisitState | undefined {
    if (entry === undefined) return undefined;
    // A visit filed under a visitor id it no longer has (a user id set since) is not it.
    if (!(entry instanceof VisitList)) {
      return !entry.evicted && entry.visitorId === visitorId && entry.lastActionTime <= until
        ? entry
        : undefined;
    }
    // The latest of all is the answer unless it lies after `until` (a hit dated earlier).
    const latest = entry.latest();
    if (latest === null || latest.lastActionTime <= until) return latest ?? undefined;
    // Plain loops rather than a predicate: this runs for hits dated in the past.
    let best: VisitState | undefined;
    for (const visit of entry.visits) {
      if (!entry.counts(visit) || visit.lastActionTime > until) continue;
      if (!best || visit.lastActionTime >= best.lastActionTime) best = visit;
    }
    return best;
  }

  /**
   * The device's latest visit with its last action within the visit window around `time`,
   * of the same user or of none when a user id is sent (Model.php 506–511 and 527–533);
   * `userId` null: of any user.
   */
  private latestOfDevice(
    entry: LookupEntry | undefined,
    time: number,
    length: number,
    userId: string | null,
  ): VisitState | undefined {
    if (entry === undefined) return undefined;
    if (!(entry instanceof VisitList)) {
      return fitsDevice(entry, time, length, userId) ? entry : undefined;
    }
    const latest = entry.latest();
    if (latest === null) return undefined;
    if (fitsDevice(latest, time, length, userId)) return latest;
    let best: VisitState | undefined;
    for (const visit of entry.visits) {
      if (!fitsDevice(visit, time, length, userId)) continue;
      if (!best || visit.lastActionTime >= best.lastActionTime) best = visit;
    }
    return best;
  }

  /** The visitor entry the current hit looked up (valid until a lookup entry changes). */
  private seenLookup: SiteLookups | null = null;
  private seenVisitorId = '';
  private seenVisitorEntry: LookupEntry | undefined;

  /** Files `visit` under `key` (a visitor id when `visitorId`, else a fingerprint). */
  private remember(map: Lookup, key: string, visit: VisitState, visitorId: boolean): void {
    this.seenLookup = null;
    const entry = map.get(key);
    if (entry === undefined || entry === visit) {
      map.set(key, visit);
      return;
    }
    // Visits evicted meanwhile are dropped as the list is extended.
    const list = (entry instanceof VisitList ? entry.visits : [entry]).filter((v) => !v.evicted);
    if (!list.includes(visit)) list.push(visit);
    if (list.length > LOOKUP_DEPTH) list.shift();
    map.set(key, this.entryOf(list, visitorId ? key : null));
  }

  private entryOf(list: VisitState[], visitorId: string | null): LookupEntry {
    return list.length === 1 ? (list[0] as VisitState) : new VisitList(list, visitorId);
  }

  /** Drops `visit` from a lookup entry (when it is evicted). */
  private forget(map: Lookup, key: string, visit: VisitState, visitorId: boolean): void {
    this.seenLookup = null;
    const entry = map.get(key);
    if (entry === undefined) return;
    const list = (entry instanceof VisitList ? entry.visits : [entry]).filter(
      (v) => v !== visit && !v.evicted,
    );
    if (list.length === 0) map.delete(key);
    else map.set(key, this.entryOf(list, visitorId ? key : null));
  }

  /** After a hit moved the visit's last action: the lists it is filed in learn it. */
  private raised(visit: VisitState): void {
    const lookup = this.lookup(visit.idsite);
    // Usually the entry the hit's visit was found in: not looked up twice.
    const byVisitor =
      lookup === this.seenLookup && visit.visitorId === this.seenVisitorId
        ? this.seenVisitorEntry
        : lookup.byVisitor.get(visit.visitorId);
    if (byVisitor instanceof VisitList) byVisitor.raised(visit);
    const byConfig = lookup.byConfig.get(visit.configId);
    if (byConfig instanceof VisitList) byConfig.raised(visit);
  }

  /** Why the hit opens a new visit, or null when it continues `found`. */
  private newVisitReason(
    hit: VisitHitInput,
    found: VisitState | undefined,
    identity: VisitIdentity,
    userId: string,
    time: number,
    day: string,
    referrer: VisitReferrer,
    settings: ResolvedVisitSettings,
  ): StoredReason | null {
    if (!found) return this.unknownVisitorReason(hit, identity, userId, time, settings);
    if (found.actionCount >= MAX_ACTIONS_PER_VISIT) {
      return reason(
        'max_actions',
        `new visit: the visit reached ${MAX_ACTIONS_PER_VISIT} actions (create_new_visit_after_x_actions)`,
      );
    }
    if (intParam(hit.params, 'new_visit', 0) !== 0) {
      return reason('new_visit_param', 'new visit: the hit forces one with new_visit=1');
    }
    const gap = time - found.lastActionTime;
    if (!(found.lastActionTime > time - settings.visitStandardLength)) {
      return { code: 'inactivity', gap, length: settings.visitStandardLength };
    }
    if (settings.createNewVisitAfterMidnight) {
      const lastDay = siteDay(found.lastActionTime, settings.timezone);
      if (lastDay !== day) {
        return reason(
          'day_changed',
          `new visit: the last action was on ${lastDay}, this hit is on ${day} (${settings.timezone})`,
        );
      }
    }
    if (
      !settings.enableUserIdOverwritesVisitorId &&
      found.userId !== '' &&
      userId !== '' &&
      found.userId !== userId
    ) {
      return reason(
        'user_id_changed',
        `new visit: user id changed from ${found.userId} to ${userId}`,
      );
    }
    // Dimensions that force a new visit (Visit.php 170–174): plugins/Referrers/Columns/
    // Campaign.php 37–59 and Website.php 23–42.
    const changed = !sameReferrer(found.referrer, referrer);
    if (
      settings.createNewVisitWhenCampaignChanges &&
      referrer.type === 'campaign' &&
      changed &&
      found.referrer.type !== 'direct'
    ) {
      return reason(
        'campaign_changed',
        found.referrer.type === 'campaign'
          ? `new visit: campaign changed from ${referrerLabel(found.referrer)} to ${referrerLabel(referrer)}`
          : `new visit: campaign ${referrerLabel(referrer)} after the ${found.referrer.type} referrer ${found.referrer.name}`,
      );
    }
    if (
      settings.createNewVisitWhenWebsiteReferrerChanges &&
      referrer.type === 'website' &&
      changed
    ) {
      return reason(
        'referrer_changed',
        `new visit: referrer changed from ${referrerLabel(found.referrer)} to ${referrer.name}`,
      );
    }
    return null;
  }

  /** The reason when no visit continues: a first hit, or a visitor that changed. */
  private unknownVisitorReason(
    hit: VisitHitInput,
    identity: VisitIdentity,
    userId: string,
    time: number,
    settings: ResolvedVisitSettings,
  ): StoredReason {
    const sameDevice = this.latestOfDevice(
      this.lookup(hit.idsite as number).byConfig.get(identity.configId as string),
      time,
      settings.visitStandardLength,
      null,
    );
    if (sameDevice && userId !== '' && sameDevice.userId !== '' && sameDevice.userId !== userId) {
      return reason(
        'user_id_changed',
        `new visit: user id changed from ${sameDevice.userId} to ${userId}, another visitor`,
      );
    }
    if (sameDevice && sameDevice.visitorId !== identity.visitorId) {
      return reason(
        'visitor_changed',
        `new visit: visitor id ${identity.visitorId} (from ${identity.source}) matches no visit; the device's visit belongs to ${sameDevice.visitorId}`,
      );
    }
    return { code: 'first_hit', visitorId: identity.visitorId };
  }

  /** The hit joins `visit`: the visitor id and referrer are updated as Matomo does. */
  private continueVisit(
    visit: VisitState,
    hit: VisitHitInput,
    identity: VisitIdentity,
    userId: string,
    referrer: VisitReferrer,
  ): VisitBoundaryReason | undefined {
    let note: VisitBoundaryReason | undefined;
    // Visit::setIdVisitorForExistingVisit (core/Tracker/Visit.php 581–605): the request's
    // visitor id (the user id's hash first) replaces the visit's.
    if (identity.source !== 'config_id' && identity.visitorId !== visit.visitorId) {
      const before = visit.visitorId;
      (visit.formerVisitorIds ??= []).push(before);
      visit.visitorId = identity.visitorId;
      visit.identitySource = identity.source;
      this.remember(this.lookup(visit.idsite).byVisitor, identity.visitorId, visit, true);
      note =
        identity.source === 'uid' && visit.userId === ''
          ? reason(
              'user_id_set',
              `user id set: visitor id changed from ${before} to ${identity.visitorId}, same visit`,
            )
          : reason(
              'visitor_changed',
              `visitor id changed from ${before} to ${identity.visitorId} (${identity.source}), same visit`,
            );
    }
    if (userId !== '') visit.userId = userId;
    // A direct-entry visit takes the first real referrer that comes (plugins/Referrers/
    // Columns/ReferrerType.php 59–70).
    if (visit.referrer.type === 'direct' && referrer.type !== 'direct') visit.referrer = referrer;
    return note;
  }

  private evict(): void {
    while (this.hitCount > this.maxHits && this.size > 1) {
      const oldest = this.visits[this.head] as VisitState;
      this.visits[this.head] = undefined as unknown as VisitState;
      this.head++;
      oldest.evicted = true;
      for (let i = 0; i < oldest.hitCount; i++) {
        const hitId = oldest.hitIdAt(i);
        this.byHit.delete(hitId);
        this.findings.delete(hitId);
      }
      this.hitCount -= oldest.hitCount;
      const lookup = this.lookup(oldest.idsite);
      this.forget(lookup.byConfig, oldest.configId, oldest, false);
      this.forget(lookup.byVisitor, oldest.visitorId, oldest, true);
      // A visitor id the visit had before (a user id set) is forgotten with its last visit.
      for (const before of oldest.formerVisitorIds ?? []) {
        this.forget(lookup.byVisitor, before, oldest, true);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.visits.length) {
      this.visits = this.visits.slice(this.head);
      this.head = 0;
    }
    if (this.orders.size > Math.min(this.maxHits, 1_000_000)) {
      const first = this.orders.keys().next().value as string;
      this.orders.delete(first);
    }
  }
}
