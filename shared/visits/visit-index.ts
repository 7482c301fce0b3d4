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
import { orderKey, textOf, textParam } from '../matomo/validate-context';
import { readInt } from '../matomo/coerce';
import { crossHitFindings, emptyCheckState, recordInState } from './cross-hit-checks';
import { HitTable, NO_VISIT } from './hit-table';
import { findingOf, type StoredFinding } from './stored-finding';
import { reasonOf, type StoredReason } from './stored-reason';
import { configIdOf, requestIdentity, trackerIdOf } from './identity';
import { referrerFacts, type ReferrerContext } from './referrer-facts';
import { siteDay } from './site-day';
import type {
  CrossHitIssue,
  VisitAssignment,
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
    // A visit that never changed its visitor id is filed under that id alone: no text to
    // compare (this runs for every hit).
    return (
      !visit.evicted &&
      (this.visitorId === null ||
        visit.formerVisitorIds === null ||
        visit.visitorId === this.visitorId)
    );
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

/** The reasons whose sentence names no value of the hit: made once. */
const MAX_ACTIONS_REASON: StoredReason = {
  code: 'max_actions',
  text: `new visit: the visit reached ${MAX_ACTIONS_PER_VISIT} actions (create_new_visit_after_x_actions)`,
};
const NEW_VISIT_PARAM_REASON: StoredReason = {
  code: 'new_visit_param',
  text: 'new visit: the hit forces one with new_visit=1',
};
const NO_FINDINGS: readonly StoredFinding[] = Object.freeze([]);
const NO_ISSUES: readonly CrossHitIssue[] = Object.freeze([]);

/**
 * What assign() answers: the reason and the findings are made into sentences only when read
 * (the server reads neither; it reads the index later).
 */
class Assignment implements VisitAssignment {
  constructor(
    private readonly visit: VisitState | null,
    private readonly who: VisitIdentity | null,
    private readonly stored: readonly StoredFinding[],
    private readonly why: StoredReason | undefined,
    /** The hit and its fingerprint's salt: its config id is worked out when first read. */
    private readonly hit: VisitHitInput | null = null,
    private readonly salt = '',
  ) {}

  get identity(): VisitIdentity | null {
    const who = this.who;
    const hit = this.hit;
    if (who !== null && who.configId === undefined && hit !== null) {
      who.configId = configIdOf(hit, hit.idsite as number, this.salt);
    }
    return who;
  }

  /** The visit id's text is made when read, too. */
  get visitId(): string | null {
    return this.visit === null ? null : this.visit.id;
  }

  get reason() {
    return this.why === undefined ? undefined : reasonOf(this.why);
  }

  get findings(): CrossHitIssue[] {
    return this.stored.map(findingOf);
  }
}

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
  /** Visits cut off the front of `visits` so far: a visit's serial less this is its index. */
  private dropped = 0;
  /** The hits of the visits held, by number. */
  private readonly table = new HitTable();
  /** Per site, the visits of a visitor id and of a fingerprint: one visit, or the latest few. */
  private readonly lookups = new Map<number, SiteLookups>();
  /**
   * Cross-hit findings by hit number (none: undefined), an entry per number of the table: its
   * renumbering moves them in place, where a map keyed by number was built again entry by
   * entry (tens of milliseconds in one turn for 100,000 hits).
   */
  private findings: (readonly StoredFinding[] | undefined)[] = [];
  /**
   * Findings made into issues once per hit for readers that only read them: a search asks for
   * the findings of every hit it passes, and making them again each time was most of its cost.
   * Weakly held, so they go when their hit's findings go.
   */
  private readonly findingsMade = new WeakMap<readonly StoredFinding[], readonly CrossHitIssue[]>();
  /** Findings of hits that take part in no visit (a rejected second order), by hit id. */
  private readonly outsideFindings = new Map<string, CrossHitIssue[]>();
  /** The context the referrer of each hit is read in (filled again for every hit). */
  private readonly referrerCtx: ReferrerContext = { siteUrls: NO_URLS };
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
    this.hitNow = null;
    for (let i = this.head; i < this.visits.length; i++)
      (this.visits[i] as VisitState).evicted = true;
    this.visits = [];
    this.head = 0;
    this.dropped = 0;
    this.table.clear();
    this.lookups.clear();
    this.findings = [];
    this.outsideFindings.clear();
    this.orders.clear();
    this.hitCount = 0;
  }

  /** The visit of a hit, once assigned. */
  visitOfHit(hitId: string): VisitState | undefined {
    const n = this.table.find(hitId);
    return n < 0 ? undefined : this.visitOfSerial(this.table.visitOf(n));
  }

  private visitOfSerial(serial: number): VisitState | undefined {
    if (serial === NO_VISIT) return undefined;
    const visit = this.visits[serial - this.dropped];
    return visit === undefined || visit.evicted ? undefined : visit;
  }

  visit(id: string): VisitState | undefined {
    // A visit's id is its first hit's: the hit finds it.
    const visit = id.startsWith('v-') ? this.visitOfHit(id.slice(2)) : undefined;
    return visit && visit.firstHitId === id.slice(2) ? visit : undefined;
  }

  /** Visits, newest first. */
  *newestFirst(): Generator<VisitState> {
    const all = this.visits.slice(this.head);
    for (let i = all.length - 1; i >= 0; i--) yield all[i] as VisitState;
  }

  /** The cross-hit findings of a hit. */
  findingsOf(hitId: string): CrossHitIssue[] {
    const n = this.table.find(hitId);
    const stored = n < 0 ? undefined : this.findings[n];
    if (stored) return stored.map(findingOf);
    return this.outsideFindings.get(hitId)?.map(findingOf) ?? [];
  }

  /** The cross-hit findings of a hit, the same objects each time: not to be changed. */
  findingsToRead(hitId: string): readonly CrossHitIssue[] {
    const n = this.table.find(hitId);
    const stored = n < 0 ? undefined : this.findings[n];
    if (stored === undefined) return this.outsideFindings.get(hitId) ?? NO_ISSUES;
    let made = this.findingsMade.get(stored);
    if (made === undefined) {
      made = stored.map(findingOf);
      this.findingsMade.set(stored, made);
    }
    return made;
  }

  /**
   * Every hit with cross-hit findings and those findings, not to be changed: a search reads
   * them all once instead of asking for the findings of each hit it passes. Their codes are
   * told as stored; the findings (their messages) are made only when asked for, and those not
   * made for a reader yet are made for this walk alone: kept for every hit, they cost more
   * than making them again (the weak map holding them slowed every collection).
   */
  forEachFindingToRead(
    visit: (
      hitId: string,
      codes: readonly { code: string }[],
      findings: () => readonly CrossHitIssue[],
    ) => void,
  ): void {
    this.findings.forEach((stored, n) => {
      if (stored === undefined) return;
      visit(
        this.table.idOf(n),
        stored,
        () => this.findingsMade.get(stored) ?? stored.map(findingOf),
      );
    });
    this.outsideFindings.forEach((findings, hitId) => visit(hitId, findings, () => findings));
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
    const sites = this.options.sites?.();
    if (!sites) return undefined;
    // A loop, not find(): no closure per hit.
    for (const site of sites) if (site.idsite === idsite) return site;
    return undefined;
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
    // It is worked out when first needed (see fingerprint): a hit its visitor id finds a
    // visit for, most hits, never needs it.
    const salt = settings.createNewVisitAfterMidnight ? day : '';
    this.hitNow = hit;
    this.saltNow = salt;
    const trackerId = trackerIdOf(params);
    const identity: VisitIdentity = requestIdentity(
      hit,
      settings.enableUserIdOverwritesVisitorId,
      trackerId,
    ) ?? { visitorId: '', source: 'config_id', configId: undefined };
    if (identity.source === 'config_id') identity.visitorId = this.fingerprint(identity);
    // The checks compare the _id with the visit's earlier ones: as one string per id, when
    // it is one, a comparison of two hits of the same visitor is a pointer comparison.
    const visitorParam = trackerId ?? textOf(params._id);
    const userId = textOf(params.uid);
    const found = this.findVisit(idsite, identity, userId, time, settings);
    const referrerCtx = this.referrerCtx;
    referrerCtx.siteUrls = site?.urls ?? NO_URLS;
    referrerCtx.campaignNameParams = site?.campaignNameParams;
    referrerCtx.campaignKeywordParams = site?.campaignKeywordParams;
    referrerCtx.visit = found?.referrer;
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
      return new Assignment(
        null,
        identity,
        NO_FINDINGS,
        { code: 'ping_ignored', opening: boundary },
        hit,
        salt,
      );
    }

    let visit: VisitState;
    let note: StoredReason | undefined;
    if (boundary || !found) {
      const visitorId =
        identity.source === 'config_id' && found ? found.visitorId : identity.visitorId;
      const configId = this.fingerprint(identity);
      const checks = emptyCheckState(hit.id);
      // Matomo counts the visitor's visits itself; the tracker's _idvc is checked against
      // the count this visitor sent before (VisitsCount.php 38–46).
      if (found) checks.visitCount = found.checks.visitCount;
      visit = new VisitState(
        this.table,
        this.dropped + this.visits.length,
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
      hit.decoded,
      visit.checks,
      settings.visitScopedDimensions,
      visitorParam,
    );
    recordInState(
      hit.id,
      hit.type,
      params,
      visit.checks,
      settings.visitScopedDimensions,
      visitorParam,
    );
    const lastAction = visit.lastActionTime;
    const n = this.table.add(hit.id, visit.serial, time, hit.type);
    visit.add(n, hit.id, time, hit.type);
    if (visit.lastActionTime !== lastAction) this.raised(visit);
    this.hitCount++;
    if (hit.type === 'ecommerce_order') this.orders.set(orderKey(params), hit.id);
    // Set for every number (the list stays packed), undefined when there are none.
    this.findings[n] = findings.length > 0 ? findings : undefined;
    visit.issueCount += findings.length;
    if (note) visit.note(hit.id, note);
    const opening = visit.hitCount === 1 ? visit.opening : note;
    this.evict();
    return new Assignment(visit, identity, findings, opening, hit, salt);
  }

  /** The table numbers its hits again: the visits and the findings follow. */
  private renumberHits(): void {
    const moved = this.table.compact();
    for (let i = this.head; i < this.visits.length; i++) {
      (this.visits[i] as VisitState).renumber(moved);
    }
    // Numbers only go down: each entry moves to a place already read.
    const findings = this.findings;
    for (let n = 0; n < moved.length; n++) {
      const to = moved[n] as number;
      if (to >= 0) findings[to] = findings[n];
    }
    findings.length = this.table.count;
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
        this.outsideFindings.set(hit.id, findings);
      }
    }
    return new Assignment(null, null, findings, undefined);
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
      lookup.byConfig.get(this.fingerprint(identity)),
      time,
      length,
      userId,
    );
  }

  /** The hit being assigned and the salt of its fingerprint (see fingerprint). */
  private hitNow: VisitHitInput | null = null;
  private saltNow = '';

  /** The config id of the hit being assigned, worked out once into its identity. */
  private fingerprint(identity: VisitIdentity): string {
    const hit = this.hitNow as VisitHitInput;
    return (identity.configId ??= configIdOf(hit, hit.idsite as number, this.saltNow));
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
      return !entry.evicted &&
        (entry.formerVisitorIds === null || entry.visitorId === visitorId) &&
        entry.lastActionTime <= until
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
      return MAX_ACTIONS_REASON;
    }
    // Read by its name (see textOf); anything but an integer reads as 0.
    const newVisit = hit.params.new_visit;
    const forced = newVisit === undefined ? null : readInt(newVisit);
    if (forced !== null && forced.ok && forced.value !== 0) {
      return NEW_VISIT_PARAM_REASON;
    }
    const gap = time - found.lastActionTime;
    if (!(found.lastActionTime > time - settings.visitStandardLength)) {
      return { code: 'inactivity', gap, length: settings.visitStandardLength };
    }
    if (settings.createNewVisitAfterMidnight) {
      const lastDay = siteDay(found.lastActionTime, settings.timezone);
      if (lastDay !== day) {
        return { code: 'day_changed', lastDay, day, timezone: settings.timezone };
      }
    }
    if (
      !settings.enableUserIdOverwritesVisitorId &&
      found.userId !== '' &&
      userId !== '' &&
      found.userId !== userId
    ) {
      return { code: 'user_id_changed', from: found.userId, to: userId, otherVisitor: false };
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
      return { code: 'campaign_changed', from: found.referrer, to: referrer };
    }
    if (
      settings.createNewVisitWhenWebsiteReferrerChanges &&
      referrer.type === 'website' &&
      changed
    ) {
      return { code: 'referrer_changed', from: found.referrer, to: referrer };
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
      this.lookup(hit.idsite as number).byConfig.get(this.fingerprint(identity)),
      time,
      settings.visitStandardLength,
      null,
    );
    if (sameDevice && userId !== '' && sameDevice.userId !== '' && sameDevice.userId !== userId) {
      return { code: 'user_id_changed', from: sameDevice.userId, to: userId, otherVisitor: true };
    }
    if (sameDevice && sameDevice.visitorId !== identity.visitorId) {
      return {
        code: 'visitor_changed',
        visitorId: identity.visitorId,
        source: identity.source,
        deviceVisitorId: sameDevice.visitorId,
      };
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
  ): StoredReason | undefined {
    let note: StoredReason | undefined;
    // Visit::setIdVisitorForExistingVisit (core/Tracker/Visit.php 581–605): the request's
    // visitor id (the user id's hash first) replaces the visit's.
    if (identity.source !== 'config_id' && identity.visitorId !== visit.visitorId) {
      const before = visit.visitorId;
      (visit.formerVisitorIds ??= new Set()).add(before);
      visit.visitorId = identity.visitorId;
      visit.identitySource = identity.source;
      this.remember(this.lookup(visit.idsite).byVisitor, identity.visitorId, visit, true);
      note = {
        code: identity.source === 'uid' && visit.userId === '' ? 'user_id_set' : 'visitor_changed',
        before,
        after: identity.visitorId,
        source: identity.source,
      };
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
        const n = oldest.numberAt(i);
        this.table.drop(n);
        this.findings[n] = undefined;
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
      this.dropped += this.head;
      this.head = 0;
    }
    if (this.table.sparse) this.renumberHits();
    if (this.orders.size > Math.min(this.maxHits, 1_000_000)) {
      const first = this.orders.keys().next().value as string;
      this.orders.delete(first);
    }
  }
}
