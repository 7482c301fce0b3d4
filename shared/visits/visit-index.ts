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
  resolveVisitSettings,
  type ResolvedVisitSettings,
  type SiteVisitSettings,
} from '../matomo/site-visit-settings';
import type { ParamValue } from '../matomo/types';
import { intParam, orderKey, textParam } from '../matomo/validate-context';
import { crossHitFindings, emptyCheckState, recordInState } from './cross-hit-checks';
import { describeGap } from './describe-gap';
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

const reason = (code: VisitBoundaryReason['code'], text: string): VisitBoundaryReason => ({
  code,
  text,
});

/** Unix seconds of the hit as Matomo dates it: its custom time when used, else its arrival. */
export function hitSeconds(hit: VisitHitInput): number {
  const received = typeof hit.receivedAt === 'number' ? hit.receivedAt : Date.parse(hit.receivedAt);
  const now = Math.floor(received / 1000);
  if (hit.params.cdt === undefined && hit.params.cdo === undefined) return now;
  const custom = customTime(hit.params, now);
  return custom.status === 'used' ? custom.seconds : now;
}

const referrerLabel = (r: VisitReferrer): string =>
  r.type === 'campaign'
    ? `${r.name}${r.keyword ? ` (${r.keyword})` : ''}`
    : r.type === 'direct'
      ? 'direct entry'
      : r.name;

const sameReferrer = (a: VisitReferrer, b: VisitReferrer): boolean =>
  a.type === b.type &&
  a.name.toLowerCase() === b.name.toLowerCase() &&
  a.keyword.toLowerCase() === b.keyword.toLowerCase();

export class VisitIndex {
  private readonly visits = new Map<string, VisitState>();
  private readonly byHit = new Map<string, VisitState>();
  private readonly byVisitor = new Map<string, VisitState[]>();
  private readonly byConfig = new Map<string, VisitState[]>();
  private readonly findings = new Map<string, CrossHitIssue[]>();
  /** Recorded orders (`idsite:ec_id`) → the hit that recorded them. */
  private readonly orders = new Map<string, string>();
  private hitCount = 0;
  private maxHits: number;

  constructor(private readonly options: VisitIndexOptions = {}) {
    this.maxHits = options.maxHits ?? Number.POSITIVE_INFINITY;
  }

  get size(): number {
    return this.visits.size;
  }

  setMaxHits(maxHits: number): void {
    this.maxHits = maxHits;
    this.evict();
  }

  clear(): void {
    this.visits.clear();
    this.byHit.clear();
    this.byVisitor.clear();
    this.byConfig.clear();
    this.findings.clear();
    this.orders.clear();
    this.hitCount = 0;
  }

  /** The visit of a hit, once assigned. */
  visitOfHit(hitId: string): VisitState | undefined {
    return this.byHit.get(hitId);
  }

  visit(id: string): VisitState | undefined {
    return this.visits.get(id);
  }

  /** Visits, newest first. */
  *newestFirst(): Generator<VisitState> {
    const all = [...this.visits.values()];
    for (let i = all.length - 1; i >= 0; i--) yield all[i] as VisitState;
  }

  /** The cross-hit findings of a hit. */
  findingsOf(hitId: string): CrossHitIssue[] {
    return this.findings.get(hitId) ?? [];
  }

  private site(idsite: number): VisitSite | undefined {
    return this.options.sites?.().find((site) => site.idsite === idsite);
  }

  assign(hit: VisitHitInput): VisitAssignment {
    if (hit.outcome !== 'recorded' || hit.idsite === null) return this.notTaking(hit);
    const idsite = hit.idsite;
    const site = this.site(idsite);
    const settings = resolveVisitSettings(site);
    const params = hit.params;
    const time = hitSeconds(hit);
    const day = siteDay(time, settings.timezone);
    // The fingerprint is salted per day only when visits split at midnight (Settings.php 79).
    const configId = configIdOf(hit, idsite, settings.createNewVisitAfterMidnight ? day : '');
    const identity = identityOf(hit, configId, settings.enableUserIdOverwritesVisitorId);
    const userId = textParam(params, 'uid');
    const found = this.findVisit(idsite, identity, userId, time, settings);
    const referrerCtx: ReferrerContext = {
      siteUrls: site?.urls ?? [],
      ...(site?.campaignNameParams ? { campaignNameParams: site.campaignNameParams } : {}),
      ...(site?.campaignKeywordParams ? { campaignKeywordParams: site.campaignKeywordParams } : {}),
    };
    if (found) referrerCtx.visit = found.referrer;
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
        `ping not recorded: it would open a new visit (${boundary.text.replace(/^new visit: /, '')})`,
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
        `v-${hit.id}`,
        idsite,
        visitorId,
        identity.source,
        configId,
        time,
        referrer,
        boundary ?? reason('first_hit', 'new visit: first hit of this visitor'),
        checks,
      );
      visit.userId = userId;
      this.visits.set(visit.id, visit);
      this.remember(this.byConfig, `${idsite}|${configId}`, visit);
      this.remember(this.byVisitor, `${idsite}|${visitorId}`, visit);
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
    visit.add(hit.id, time, hit.type, hit.type === 'ping' ? '' : textParam(params, 'url'));
    this.byHit.set(hit.id, visit);
    this.hitCount++;
    if (hit.type === 'ecommerce_order') this.orders.set(orderKey(params), hit.id);
    if (findings.length > 0) {
      this.findings.set(hit.id, findings);
      visit.issueCount += findings.length;
    }
    if (note) visit.note(hit.id, note);
    this.evict();
    const result: VisitAssignment = { visitId: visit.id, identity, findings };
    const shown = visit.hitIds.length === 1 ? visit.boundary : note;
    if (shown) result.reason = shown;
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
    const byId = identity.source !== 'config_id';
    const byConfig = () =>
      this.latest(
        this.byConfig.get(`${idsite}|${identity.configId}`),
        (visit) =>
          visit.lastActionTime >= time - length &&
          visit.lastActionTime <= time + length &&
          (userId === '' || visit.userId === '' || visit.userId === userId),
      );
    const byVisitorId = () =>
      this.latest(
        this.byVisitor.get(`${idsite}|${identity.visitorId}`),
        (visit) => visit.visitorId === identity.visitorId && visit.lastActionTime <= time + length,
      );
    // VisitorRecognizer::shouldLookupOneVisitorFieldOnly (core/Tracker/VisitorRecognizer.php 195–222).
    const oneField = userId === '' && (identity.source === 'cid' || !byId);
    if (oneField) return byId ? byVisitorId() : byConfig();
    return (byId ? byVisitorId() : undefined) ?? byConfig();
  }

  private latest(
    list: VisitState[] | undefined,
    accept: (visit: VisitState) => boolean,
  ): VisitState | undefined {
    let best: VisitState | undefined;
    for (const visit of list ?? []) {
      if (!this.visits.has(visit.id) || !accept(visit)) continue;
      if (!best || visit.lastActionTime >= best.lastActionTime) best = visit;
    }
    return best;
  }

  private remember(map: Map<string, VisitState[]>, key: string, visit: VisitState): void {
    const kind = map === this.byConfig ? 'c' : 'v';
    if (!visit.lookupKeys.includes(`${kind}${key}`)) visit.lookupKeys.push(`${kind}${key}`);
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    if (list.includes(visit)) return;
    list.push(visit);
    if (list.length > LOOKUP_DEPTH) list.shift();
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
  ): VisitBoundaryReason | null {
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
      return reason(
        'inactivity',
        `new visit: ${describeGap(gap)} since the last action (the visit length is ${describeGap(settings.visitStandardLength)})`,
      );
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
  ): VisitBoundaryReason {
    const sameDevice = this.latest(
      this.byConfig.get(`${hit.idsite}|${identity.configId}`),
      (visit) =>
        visit.lastActionTime >= time - settings.visitStandardLength &&
        visit.lastActionTime <= time + settings.visitStandardLength,
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
    return reason('first_hit', `new visit: first hit of visitor ${identity.visitorId}`);
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
      visit.visitorId = identity.visitorId;
      visit.identitySource = identity.source;
      this.remember(this.byVisitor, `${visit.idsite}|${identity.visitorId}`, visit);
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
    while (this.hitCount > this.maxHits && this.visits.size > 1) {
      const oldest = this.visits.values().next().value as VisitState;
      this.visits.delete(oldest.id);
      for (const hitId of oldest.hitIds) {
        this.byHit.delete(hitId);
        this.findings.delete(hitId);
      }
      this.hitCount -= oldest.hitIds.length;
      for (const tagged of oldest.lookupKeys) {
        const map = tagged[0] === 'c' ? this.byConfig : this.byVisitor;
        const key = tagged.slice(1);
        const list = map.get(key)?.filter((visit) => visit !== oldest);
        if (list && list.length > 0) map.set(key, list);
        else map.delete(key);
      }
    }
    if (this.orders.size > Math.min(this.maxHits, 1_000_000)) {
      const first = this.orders.keys().next().value as string;
      this.orders.delete(first);
    }
  }
}
