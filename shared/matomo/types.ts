// Core types of the tracking protocol model. Everything that crosses a module
// boundary (parse → decode → classify → validate → response, server, UI) uses these.
import type { GoalDefinition } from './goals/goal-definition';
import type { SiteVisitSettings } from './site-visit-settings';

export type Transport = 'get' | 'post' | 'beacon' | 'bulk';

export const HIT_TYPES = [
  'pageview',
  'event',
  'site_search',
  'outlink',
  'download',
  'content_impression',
  'content_interaction',
  'goal',
  'ecommerce_order',
  'ecommerce_cart',
  'product_view',
  'ping',
  'media',
  'crash',
  'unknown',
] as const;
export type HitType = (typeof HIT_TYPES)[number];

export const OUTCOMES = ['recorded', 'excluded', 'rejected'] as const;
/** What Matomo 5 would do with a hit (docs/tracking-protocol.md#outcomes). */
export type Outcome = (typeof OUTCOMES)[number];

export type Severity = 'error' | 'warning' | 'info';

/** One finding about a request or hit. `code` is a stable dotted identifier (see issue-codes.ts). */
export interface Issue {
  code: string;
  severity: Severity;
  /** The parameter the issue is about, when there is one. */
  param?: string;
  /** What is wrong, with the concrete values. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** The earlier hit a finding across hits conflicts with (a first order, the last page view, …). */
  relatedHitId?: string;
  /**
   * On the closing issue of a kind a hit lists only the first of (docs/tracking-protocol.md#issue-cap): how many
   * more findings of its code and severity were found and not listed. It counts as that many.
   */
  more?: number;
}

/** An HTTP request exactly as the endpoint received it. */
export interface RawRequest {
  method: string;
  /** Path without the query string, e.g. `/matomo.php`. */
  path: string;
  /** Raw query string without the leading `?` (may be empty). */
  query: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Raw body bytes (empty for GET). */
  body: Uint8Array;
  remoteAddress?: string;
}

/** A parameter value: strings from query strings and forms; any JSON value from bulk objects. */
export type ParamValue =
  string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

/** Where a parameter occurrence came from. */
export type ParamSource = 'query' | 'body' | 'bulk';

/** One `name=value` occurrence as received, before duplicates are resolved. */
export interface ParamOccurrence {
  /** Name after percent-decoding (as Matomo sees it, e.g. `dimension[1]` stays as is). */
  name: string;
  value: ParamValue;
  /** The undecoded `name=value` text, when it came from a query string or form body. */
  raw?: string;
  source: ParamSource;
}

/** One tracking request inside an HTTP request: the whole request, or one bulk entry. */
export interface ParsedEntry {
  /** Position in the bulk after dropped entries were removed (as Matomo counts), else 0. */
  index: number;
  /** Effective values: last duplicate wins, the query string wins over the form body. */
  params: Record<string, ParamValue>;
  /** Every occurrence in received order (duplicates and both sources kept). */
  occurrences: ParamOccurrence[];
  /** The entry as a query string (single: the query, then body; bulk: the entry's query). */
  rawQuery: string;
  /** Issues found while parsing: encoding, duplicates, PHP array keys, … */
  issues: Issue[];
}

export interface BulkInfo {
  /** Number of items in the `requests` array as sent (before drops). */
  itemCount: number;
  tokenAuth?: string;
  /** `send_image` as sent at the top level of the JSON, if any. */
  sendImage?: ParamValue;
  /** Items Matomo silently drops (strings without a query part): position in the sent array. */
  dropped: { position: number; value: string }[];
  /**
   * Names of the parameters in the request URL's query string, in received order (set only
   * when there are some). Bulk mode tracks the JSON body alone: of these, Matomo reads only
   * `token_auth` (for `invalid_indices`) and `debug` (docs/tracking-protocol.md#bulk-request, #debug).
   */
  urlParams?: string[];
}

/** Result of parsing one HTTP request. Parse never throws. */
export interface ParsedRequest {
  transport: Transport;
  method: string;
  path: string;
  /** Present when the body was a bulk request (detected from the body, whatever the Content-Type). */
  bulk: BulkInfo | null;
  /** The tracking requests: one for single mode (possibly with no params), N for bulk. */
  entries: ParsedEntry[];
  /** Request-level issues (malformed bulk JSON, dropped bulk items, invalid UTF-8 in the body, …). */
  issues: Issue[];
  /** True when no parameter was sent at all (and no bulk body). */
  empty: boolean;
  /** `debug=1` was on the query string or in the single request's parameters. */
  debugRequested: boolean;
}

/** A parameter decoded to its Matomo type. */
export interface DecodedParam {
  name: string;
  /** The effective raw value. */
  raw: ParamValue;
  /** The value as Matomo would use it; `undefined` when Matomo would ignore/replace it. */
  value: unknown;
  /** Human-readable form of `value` (dates, sizes, …). */
  display: string;
  /** Catalogue key (`dimensionN` for `dimension3`), or null for unknown parameters. */
  catalogueKey: string | null;
  /**
   * Set when the value was decoded again from the beginning of its text only, as the answers
   * meant for reading do with long values (docs/api.md#long-values): `value` and `display`
   * then say what that beginning holds, not what Matomo reads of the whole (the hit's issues
   * come from the whole value, analysed on arrival).
   */
  cutForReading?: CutForReading;
}

/** How much of a value cut for reading was decoded (see DecodedParam.cutForReading). */
export interface CutForReading {
  /** Length of the whole value (UTF-16 code units). */
  chars: number;
  /** Length of the beginning it was decoded from. */
  decodedChars: number;
  /**
   * Whole members (list items, object keys) of a JSON value that beginning holds, decoded
   * into `value`; 0 when not even the first is whole. Absent for values not read as JSON.
   */
  wholeMembers?: number;
}

/** Browser / OS / device as decoded from the user agent and client hints. */
export interface DeviceInfo {
  userAgent: string;
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
  device: string | null;
  brand: string | null;
  model: string | null;
  bot: boolean;
  botName: string | null;
}

/**
 * What the user has told Hitscope about one Matomo site. Site-dependent checks run only with
 * one. How visits are formed (time zone, visit length, …) is in SiteVisitSettings.
 */
export interface SiteProfile extends SiteVisitSettings {
  idsite: number;
  name: string;
  urls: string[];
  /** Existing goal ids (goals known only by id: manual conversions are checked against them). */
  goals: number[];
  /** Goals with their rules, as the site defines them in Matomo; their ids count as existing. */
  goalDefinitions?: GoalDefinition[];
  /** Active custom dimension ids. */
  dimensions: number[];
  siteSearch: boolean;
  /** Own site search keyword parameter names; missing or empty: Matomo's default names. */
  searchKeywordParams?: string[];
  /** Own site search category parameter names; missing or empty: none. */
  searchCategoryParams?: string[];
  /** Own campaign name parameters; missing or empty: Matomo's defaults (config/global.ini.php). */
  campaignNameParams?: string[];
  /** Own campaign keyword parameters; missing or empty: Matomo's defaults. */
  campaignKeywordParams?: string[];
  /** Excluded IPs: addresses, CIDR ranges or `1.2.3.*` wildcards (the site's excluded_ips). */
  excludedIps?: string[];
  /** Excluded user agents: substrings, or /regex/ (the site's excluded_user_agents). */
  excludedUserAgents?: string[];
  /** token_auth values that authenticate for this site (write/admin/super user). Empty: any token accepted. */
  tokens: string[];
}

/** Everything validation may need besides the entry itself. */
export interface ValidationContext {
  /** Current time in ms since the epoch (injected so tests are deterministic). */
  now: number;
  /** Configured site profiles; empty means site-dependent checks are skipped. */
  sites: SiteProfile[];
  /** Seen `(idsite, ec_id)` orders, for `ec_id.duplicate`; updated by the caller after recording. */
  seenOrders?: ReadonlySet<string>;
  /** The request's headers (user agent, client hints, language). */
  headers: Record<string, string>;
  /** token_auth from the bulk body, which applies to every entry. */
  bulkTokenAuth?: string;
  /** The address the request came from (the visitor IP when no cip is sent). */
  peerAddress?: string;
}

/** One tracking request fully analysed: what the server stores and the UI shows. */
export interface AnalyzedHit {
  index: number;
  params: Record<string, ParamValue>;
  occurrences: ParamOccurrence[];
  rawQuery: string;
  decoded: Record<string, DecodedParam>;
  type: HitType;
  outcome: Outcome;
  issues: Issue[];
  device: DeviceInfo;
  /** One-line summary fitting the type (page title, event path, URL, …). */
  summary: string;
}

export type ResponseBodyKind = 'gif' | 'empty' | 'text' | 'bulk-json' | 'debug';

/** The HTTP answer Matomo 5 would give for a whole request (docs/tracking-protocol.md#processing–#bulk). */
export interface PredictedResponse {
  status: number;
  /** null when Matomo sends none (204). */
  contentType: string | null;
  bodyKind: ResponseBodyKind;
  /**
   * Text bodies (the bulk JSON, our explanation text). The GIF bytes come from gif.ts; with
   * bodyKind 'gif', a `body` is text sent right after the GIF (a rejected request, docs/tracking-protocol.md#outcomes).
   */
  body?: string;
  /** Extra headers (CORS, Cache-Control), names lower-cased. */
  headers: Record<string, string>;
}

/** Result of `analyzeRequest`: parsed request, analysed hits and the answer to give. */
export interface RequestAnalysis {
  parsed: ParsedRequest;
  hits: AnalyzedHit[];
  response: PredictedResponse;
}
