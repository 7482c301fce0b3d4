// Visits as Matomo 5 would form them from a sequence of hits: the DTOs of /api/visits and
// the inputs of the visit engine. Pure data, shared by the server and the UI.
import type { ResolvedVisitSettings, SiteVisitSettings } from '../matomo/site-visit-settings';
import type { DeviceInfo, HitType, Issue, Outcome, ParamValue } from '../matomo/types';

export type VisitBoundaryCode =
  /** The visitor's first hit that Hitscope has seen (or the first after a long gap in memory). */
  | 'first_hit'
  /** More than the visit length since the visit's last action. */
  | 'inactivity'
  /** `new_visit=1`. */
  | 'new_visit_param'
  /** The hit's campaign differs from the visit's (create_new_visit_when_campaign_changes). */
  | 'campaign_changed'
  /** The hit's website referrer differs (create_new_visit_when_website_referrer_changes). */
  | 'referrer_changed'
  /** A different user id: a different visitor (or a new visit without user id overwrites). */
  | 'user_id_changed'
  /** A user id was set in a running visit: the visit goes on under the user id's visitor id. */
  | 'user_id_set'
  /** Another visitor id, and no device match in the visit window. */
  | 'visitor_changed'
  /** The last action was on another day in the site's time zone. */
  | 'day_changed'
  /** The visit reached create_new_visit_after_x_actions actions. */
  | 'max_actions'
  /** A ping that would open a visit: Matomo records nothing for it. */
  | 'ping_ignored';

/** Why a hit opens a visit, or (user_id_set, ping_ignored) what happened to it at the boundary. */
export interface VisitBoundaryReason {
  code: VisitBoundaryCode;
  /** One sentence with the concrete values, e.g. "new visit: 31 min 12 s since the last action". */
  text: string;
}

/** Which visitor a hit was counted for, and from what. */
export interface VisitIdentity {
  /** 16 lower-case hex characters. */
  visitorId: string;
  /** What decided it: the user id, a forced cid, the tracker's _id, or the device (config id). */
  source: 'uid' | 'cid' | '_id' | 'config_id';
  /**
   * The device fingerprint Matomo matches visitors on when no visitor id decides (same value
   * for the same OS, browser, plugins, IP, language, site and day). Not Matomo's own value:
   * Matomo salts it with a secret of the installation.
   */
  configId?: string;
}

/** How the visit was referred, as its first hit says (or the first non-direct one). */
export interface VisitReferrer {
  type: 'direct' | 'website' | 'search' | 'social' | 'campaign';
  /** Website host, search engine, social network or campaign name ('' for direct). */
  name: string;
  /** Search keyword or campaign keyword ('' when none). */
  keyword: string;
  url?: string;
}

export interface VisitSummaryDto {
  id: string;
  idsite: number;
  visitorId: string;
  identitySource: VisitIdentity['source'];
  /** ISO 8601 time of the first action (its cdt when it had one). */
  startedAt: string;
  /** ISO 8601 time of the last action (pings do not count, as in Matomo). */
  lastActionAt: string;
  /** ISO 8601 time of the last hit, pings included: the visit's duration runs to it. */
  endedAt: string;
  /** Visit duration in seconds as Matomo counts it (1 + last hit − first action). */
  durationSeconds: number;
  /** The visit's hits in arrival order (pings included). */
  hitIds: string[];
  /** Actions: hits other than pings. */
  actionCount: number;
  pageviewCount: number;
  entryUrl?: string;
  exitUrl?: string;
  referrer: VisitReferrer;
  /** The campaign, when the visit's referrer is one. */
  campaign?: { name: string; keyword: string };
  userId?: string;
  boundary: VisitBoundaryReason;
  /** Cross-hit findings in this visit. */
  issueCount: number;
}

export interface VisitActionDto {
  hitId: string;
  type: HitType;
  /** ISO 8601 time of the action. */
  at: string;
  url?: string;
  title?: string;
  /** Until the next page view of the visit (the last one: until the visit's last hit). */
  timeOnPageMs?: number;
  /** A reason on this hit (user id set, …), besides the visit's opening boundary. */
  note?: VisitBoundaryReason;
  /** The hit's cross-hit findings. */
  issues?: CrossHitIssue[];
}

export interface VisitDetailDto extends VisitSummaryDto {
  /** The visit's hits ordered by their time (a cdt-dated hit where it happened). */
  actions: VisitActionDto[];
  /** The rules the visits of the site were formed by. */
  rules?: VisitRulesDto;
}

/** A site's visit settings as in force: the profile's, else Matomo's defaults. */
export interface VisitRulesDto extends ResolvedVisitSettings {
  /** The settings the site profile sets; the others are Matomo's defaults. */
  fromProfile: (keyof SiteVisitSettings)[];
}

/** A finding about a hit that depends on other hits; `relatedHitId` names the earlier one. */
export type CrossHitIssue = Issue;

/** A hit's parameters decoded to what Matomo uses, by name (an analysed hit's `decoded`). */
export type DecodedValues = Readonly<Record<string, { readonly value: unknown } | undefined>>;

/** What the visit engine reads of a hit. */
export interface VisitHitInput {
  id: string;
  /** Milliseconds since the epoch the hit arrived (an ISO text is read too). */
  receivedAt: number | string;
  outcome: Outcome;
  type: HitType;
  idsite: number | null;
  params: Record<string, ParamValue>;
  /** The peer address (the visitor IP when no cip is sent). */
  remoteAddress: string;
  userAgent: string;
  /** Accept-Language of the request (the language when no lang is sent). */
  acceptLanguage?: string;
  /** The detected device; without it the user agent text stands for it. */
  device?: Pick<DeviceInfo, 'browser' | 'browserVersion' | 'os' | 'bot'>;
  /**
   * The parameters as the hit's analysis decoded them (a hit arriving): the checks read an
   * order's items from them rather than parse its `ec_items` again.
   */
  decoded?: DecodedValues;
  /** The hit's own issues (a rejected duplicate order is linked to the first order). */
  issues?: readonly Issue[];
  summary?: string;
}

export interface VisitAssignment {
  /** Null when the hit takes no part (excluded, rejected, or a ping that would open a visit). */
  visitId: string | null;
  /** Set when the hit opens a visit, or when something happened to it at a boundary. */
  reason?: VisitBoundaryReason;
  identity: VisitIdentity | null;
  findings: CrossHitIssue[];
}

/** `GET /api/visits`. */
export interface VisitsPageDto {
  visits: VisitSummaryDto[];
  /**
   * Pass as `before` for the next (older) page; null when there is none. It names the last
   * visit listed and, for a list filtered by hit criteria, the hit that visit was found by.
   */
  next: string | null;
  total: number;
}
