// The catalogue of issue codes: every finding Hitscope can report about a tracking request,
// as data. Each code says what Matomo 5 does (its effect on the hit), how serious that is,
// one line of explanation, how to fix it, and the numbered section of
// docs/tracking-protocol.md the rule comes from. Validation, the parser and the UI all read it.
import type { Issue, Severity } from './types';

/**
 * What the finding means for the hit:
 * - `reject`: Matomo answers 400 and stores nothing;
 * - `exclude`: Matomo answers success but stores nothing;
 * - `drop`: the hit is stored, but a value is dropped, replaced or changed;
 * - `lint`: the hit is stored as sent; the request is unusual, fragile or leaks something;
 * - `abort`: in a bulk, another entry made Matomo stop the whole bulk with an error: this hit
 *   is not stored, whatever it holds (docs/tracking-protocol.md#bulk-isolation). Like `reject`, it makes the hit `rejected`.
 */
export type IssueEffect = 'reject' | 'exclude' | 'drop' | 'lint' | 'abort';

export interface IssueCodeSpec {
  severity: Severity;
  effect: IssueEffect;
  /** One line: what the code means, in general terms. */
  summary: string;
  /** Default fix hint (an issue may carry a more specific one). */
  hint: string;
  /** Number of the docs/tracking-protocol.md section the rule comes from, e.g. `2.1`. */
  spec: string;
  /** The Matomo 5 source file and lines that make the rule, e.g. `core/Tracker/Request.php 120–140`. */
  source?: string;
  /**
   * In a bulk request, Matomo stops at this hit and answers an error for the whole bulk
   * (a generic exception, not a per-request validation error: docs/tracking-protocol.md#bulk-isolation).
   */
  abortsBulk?: boolean;
}

const reject = (summary: string, hint: string, spec: string): IssueCodeSpec => ({
  severity: 'error',
  effect: 'reject',
  summary,
  hint,
  spec,
});
const exclude = (summary: string, hint: string, spec: string): IssueCodeSpec => ({
  severity: 'error',
  effect: 'exclude',
  summary,
  hint,
  spec,
});
const drop = (summary: string, hint: string, spec: string): IssueCodeSpec => ({
  severity: 'warning',
  effect: 'drop',
  summary,
  hint,
  spec,
});
const abort = (severity: Severity, summary: string, hint: string): IssueCodeSpec => ({
  severity,
  effect: 'abort',
  summary,
  hint,
  spec: '5.2',
});
const lint = (severity: Severity, summary: string, hint: string, spec: string): IssueCodeSpec => ({
  severity,
  effect: 'lint',
  summary,
  hint,
  spec,
});

/** A code whose rule is also cited by its Matomo source file and lines. */
const from = (source: string, spec: IssueCodeSpec): IssueCodeSpec => ({ ...spec, source });

export const ISSUE_CODES = {
  // ── Rejected: Matomo answers 400 and stores nothing ──────────────────────────────────
  'idsite.missing': reject(
    'No idsite parameter: Matomo cannot tell which site the hit belongs to.',
    'Add idsite=<your site id> (a positive integer) to every request.',
    '3.1',
  ),
  'idsite.invalid': reject(
    'idsite is not a positive integer.',
    'Set idsite to the numeric id of the site as shown in Matomo (Administration › Websites).',
    '3.1',
  ),
  'idsite.unknown': reject(
    'idsite names a site that does not exist in the described Matomo.',
    'Use the id of an existing site, or add this site to the site profiles.',
    '3.1',
  ),
  'cid.length': reject(
    'cid (forced visitor id) is set but is not exactly 16 bytes long as Matomo measures it (UTF-8, & < > " \' counted as their HTML entities; cid=0 counts as not set; a uid other than 0 takes precedence).',
    'Send cid as 16 hexadecimal characters, or leave it out.',
    '2.2',
  ),
  'auth.required': reject(
    'A parameter that overrides server-side data was sent without a valid token_auth.',
    'Send a token_auth with write or admin access to the site (server-side only), or drop the override.',
    '3.4',
  ),
  'cdt.too_old': reject(
    'cdt is at least 24 hours in the past and the request has no valid token_auth.',
    'Send a token_auth with write access to backdate hits, or send them within 24 hours.',
    '3.4',
  ),
  'pf.negative': reject(
    'A page performance timing (pf_*) is negative other than -1.',
    'Send durations in milliseconds as integers ≥ 0, or leave the parameter out.',
    '2.4',
  ),
  'idgoal.unknown': reject(
    'idgoal names a goal that does not exist for the site.',
    'Use the id of an existing goal, or add the goal id to the site profile.',
    '2.5',
  ),
  'ec_id.duplicate': reject(
    'An ecommerce order with this ec_id was already recorded for the site.',
    'Send each order once, with an order id unique per site.',
    '2.5',
  ),
  'event.blank': from('plugins/Events/Columns/EventCategory.php 48–62, EventAction.php 48–62', {
    severity: 'error',
    effect: 'reject',
    summary:
      'e_c or e_a is only whitespace: Matomo trims it, finds it empty and refuses the event.',
    hint: 'Send a visible event category and action.',
    spec: '2.4',
  }),
  'content.blank': from('plugins/Contents/Columns/ContentName.php 49–63', {
    severity: 'error',
    effect: 'reject',
    summary: 'c_n is only whitespace: Matomo trims it, finds it empty and refuses the content hit.',
    hint: 'Send a visible content name in c_n.',
    spec: '2.4',
  }),
  'ca.unclaimed': {
    ...reject(
      'ca=1 marks a custom action, but nothing in the request is an action Matomo knows.',
      'Remove ca=1 for page views, or add the event/content/media/crash parameters the action needs.',
      '2.4',
    ),
    abortsBulk: true,
  },
  // ── Aborted bulk: one entry stops the bulk, nothing of it is stored (docs/tracking-protocol.md#bulk-isolation) ────
  'bulk.aborted': abort(
    'error',
    'This bulk entry raises an error Matomo does not handle per entry: it stops the whole bulk, rolls it back and answers 500.',
    'Fix or remove this entry; until then no entry of the bulk is stored.',
  ),
  'bulk.rolled_back': abort(
    'warning',
    'The entry was processed, but a later entry of the same bulk stopped Matomo, which rolled the whole bulk back: it is not stored.',
    'Fix the entry marked bulk.aborted and send the bulk again.',
  ),
  'bulk.not_processed': abort(
    'error',
    'An earlier entry of the same bulk stopped Matomo, so this entry was never processed and is not stored.',
    'Fix the entry marked bulk.aborted and send the bulk again; the other findings show what Matomo would then do with this one.',
  ),
  // ── Excluded: Matomo answers success but stores nothing ──────────────────────────────
  'request.empty': exclude(
    'The request carries no parameter at all.',
    'Send the tracking parameters in the query string, a form body or a bulk JSON body.',
    '3.1',
  ),
  'rec.missing': exclude(
    'rec is missing or not 1, so Matomo silently discards the hit.',
    'Add rec=1 to every request that should be recorded.',
    '2.1',
  ),
  'bot.excluded': exclude(
    'The user agent is a bot, and bot hits are discarded unless bots=1.',
    'Send bots=1 to record bot traffic, or send the real user agent in ua.',
    '3.5',
  ),
  'install_check.excluded': exclude(
    'tracker_install_check is set (and not 0): Matomo only marks the install check as done and records nothing.',
    'Remove tracker_install_check from regular tracking requests.',
    '2.7',
  ),
  'ec_items.ignored': exclude(
    'ec_items is JSON but not a list, so Matomo silently skips the whole conversion.',
    'Send ec_items as a JSON array of [sku, name, category, price, quantity] arrays.',
    '2.5',
  ),
  'bot.ip_range': from('core/Tracker/VisitExcluded.php 195–273', {
    severity: 'error',
    effect: 'exclude',
    summary:
      "The visitor IP (cip, or the address the request came from) is in a search engine crawler's range, so Matomo takes the hit for a bot.",
    hint: 'Send bots=1 to record it anyway, or send the real visitor IP in cip (with token_auth).',
    spec: '3.9',
  }),
  'ip.excluded': from('core/Tracker/VisitExcluded.php 294–307', {
    severity: 'error',
    effect: 'exclude',
    summary: "The visitor IP is in the site's excluded IPs (site profile).",
    hint: "Track from another address, or remove the address from the site's excluded IPs.",
    spec: '3.5',
  }),
  'ua.excluded': from('core/Tracker/VisitExcluded.php 364–382', {
    severity: 'error',
    effect: 'exclude',
    summary:
      "The user agent matches the site's excluded user agents (site profile): a substring, or a /pattern/ that decides alone.",
    hint: "Send another user agent, or change the site's excluded user agents.",
    spec: '3.5',
  }),
  'referrer.spam': from('core/Tracker/Visit/ReferrerSpamFilter.php 34–48', {
    severity: 'error',
    effect: 'exclude',
    summary:
      "urlref contains a name from Matomo's referrer spam list (anywhere in the URL, any case), so the hit is discarded.",
    hint: 'Send the real referrer URL, or none.',
    spec: '3.7',
  }),
  'prefetch.excluded': from('core/Tracker/VisitExcluded.php 178–184', {
    severity: 'error',
    effect: 'exclude',
    summary:
      'The request has X-Purpose: preview or instant, or X-Moz: prefetch, so Matomo takes it for a prefetch and discards it.',
    hint: 'Do not send tracking requests from prefetched or preview pages.',
    spec: '3.8',
  }),
  'ping.new_visit': from('plugins/Heartbeat/Tracker/PingRequestProcessor.php 24–42', {
    severity: 'error',
    effect: 'exclude',
    summary:
      'A heartbeat (ping=1) that would open a new visit, as new_visit forces, stores nothing.',
    hint: 'Drop new_visit from heartbeat requests; send it with a page view instead.',
    spec: '3.5',
  }),
  // ── Stored, but a value is dropped or changed ────────────────────────────────────────
  'value.not_int': drop(
    'An integer parameter holds something PHP does not read as an integer; the default is used.',
    'Send a plain decimal integer.',
    '1.3',
  ),
  'value.not_number': drop(
    'A numeric parameter holds something that is not a decimal number: Matomo stores 0 (revenue: the goal default), and a comma cuts the number (10,50 is 10).',
    'Send a decimal number with a dot as separator (e.g. 12.5).',
    '1.3',
  ),
  'value.not_string': drop(
    'A text parameter was sent as a list, object or boolean; the default is used.',
    'Send the value as a string.',
    '1.3',
  ),
  'value.out_of_range': drop(
    'A number is outside the range Matomo accepts; the value is ignored.',
    'Send a value inside the documented range.',
    '2.4',
  ),
  'json.invalid': drop(
    'A JSON parameter does not parse as JSON; Matomo ignores it.',
    'Encode the value with a JSON serializer (straight double quotes, no trailing commas) and URL-encode it.',
    '1.3',
  ),
  'json.shape': drop(
    'A JSON parameter parses, but not into the structure Matomo expects; the value or parts of it are skipped.',
    'Follow the documented structure of the parameter.',
    '2.5',
  ),
  'url.invalid': drop(
    'A URL parameter does not look like a URL (scheme://host…); Matomo discards it.',
    'Send an absolute URL such as https://example.org/page.',
    '2.1',
  ),
  'value.truncated': drop(
    'A value is longer than Matomo stores; it is cut (in bytes or characters, as the code storing it counts, after & < > " \' are escaped).',
    'Shorten the value below the limit.',
    '2.1',
  ),
  'cdt.out_of_range': drop(
    'cdt is in the future or more than 20 years old; Matomo ignores it and uses the current time.',
    'Send cdt as a Unix timestamp in seconds (not milliseconds) in the past.',
    '3.4',
  ),
  'cdt.invalid': drop(
    'cdt is neither a Unix timestamp nor a date Matomo can read; the current time is used.',
    'Send cdt as Unix seconds or as YYYY-MM-DD HH:MM:SS in UTC.',
    '3.4',
  ),
  'time.out_of_range': drop(
    'The visitor local time (h, m, s) is out of range; Matomo stores 00 for that part.',
    'Send h in 0–23 and m, s in 0–59.',
    '2.2',
  ),
  'id.format': drop(
    'A visitor id is not 16 hexadecimal characters; Matomo reads it in a way that is probably not intended.',
    'Send 16 lower-case hexadecimal characters (e.g. the first 16 of a SHA-1).',
    '2.2',
  ),
  'event.incomplete': drop(
    'Event parameters are present but e_c or e_a is empty, so no event is recorded.',
    'Send both e_c (category) and e_a (action) with every event.',
    '2.5',
  ),
  'content.incomplete': drop(
    'Content parameters are present without c_n, so no content action is recorded.',
    'Send c_n (content name) with every content impression or interaction.',
    '2.5',
  ),
  'search.not_enabled': drop(
    'search is set but site search is disabled for the site: Matomo records a page view instead.',
    'Enable site search for the site in Matomo, or track a page view.',
    '2.4',
  ),
  'dimension.inactive': drop(
    'A custom dimension id is not active for the site; Matomo ignores the value.',
    'Create or activate the custom dimension in Matomo, or fix the id.',
    '2.2',
  ),
  'ping.action_ignored': drop(
    'ping=1 makes the request a heartbeat: action parameters sent with it are not recorded.',
    'Send the action in its own request without ping=1.',
    '2.4',
  ),
  // ── Lint: stored as sent, but unusual, fragile or leaky ─────────────────────────────
  'search.from_url': from('plugins/Actions/Actions/ActionSiteSearch.php 113–285', {
    severity: 'info',
    effect: 'lint',
    summary:
      "The page URL carries a site search keyword parameter, so Matomo records a site search instead of a page view and removes the parameter from the action's URL.",
    hint: "Intended? Otherwise rename the URL parameter, or set the site's own search parameters or turn site search off.",
    spec: '3.6',
  }),
  'param.unknown': lint(
    'info',
    'Matomo does not read this parameter.',
    'Check the spelling against the parameter list; unknown parameters are ignored.',
    '2',
  ),
  'param.duplicate': lint(
    'warning',
    'The parameter was sent more than once; Matomo keeps only the last value.',
    'Send each parameter once.',
    '1.2',
  ),
  'param.array': lint(
    'warning',
    'A PHP-style array key (name[…]) becomes an array, which no tracking parameter accepts.',
    'Use the flat name, e.g. dimension1 instead of dimension[1].',
    '1.2',
  ),
  'param.name_mangled': lint(
    'warning',
    'PHP turns dots and spaces in parameter names into underscores.',
    'Use parameter names made of letters, digits and underscores.',
    '1.2',
  ),
  'param.input_limit': drop(
    'PHP reads only the first 1000 variables of the URL query, of the form body and of each bulk entry sent as a URL (max_input_vars); Matomo never sees the rest.',
    'Send fewer parameters: a tracking request needs a few dozen at most.',
    '1.2',
  ),
  'param.legacy': lint(
    'info',
    'The parameter is documented but Matomo 5 no longer reads it.',
    'Remove it; it only makes the request longer.',
    '2',
  ),
  'encoding.unescaped': lint(
    'warning',
    'The raw query contains characters that should be percent-encoded (spaces, quotes, non-ASCII).',
    'Build the query with encodeURIComponent / urlencode for every value.',
    '1.2',
  ),
  'encoding.invalid': lint(
    'warning',
    'Malformed percent-encoding (kept as literal text) or bytes that are not UTF-8 (Matomo reads the whole value as Latin-1).',
    'Percent-encode UTF-8 bytes (e.g. é → %C3%A9) and escape a literal % as %25.',
    '1.2',
  ),
  'value.invisible_control': lint(
    'warning',
    'The value holds invisible or bidirectional control characters, so it displays differently from what it holds (a right-to-left override shows gnp.exe as exe.png).',
    'Remove the characters unless the text truly needs them; Matomo stores them as sent.',
    '1.2',
  ),
  'token.in_url': lint(
    'warning',
    'token_auth is in the URL query string, where access logs, proxies and browser history keep it.',
    'Send token_auth in a POST body (form or bulk JSON), and only from servers.',
    '3.4',
  ),
  'token.format': lint(
    'warning',
    'token_auth does not look like a Matomo token (32 hexadecimal characters).',
    'Copy the token from Matomo › Personal › Security › Auth tokens.',
    '3.4',
  ),
  'res.format': lint(
    'warning',
    'res is not WIDTHxHEIGHT in pixels; Matomo stores the text as is and reports it as an unknown resolution.',
    'Send res as e.g. 1920x1080 with a plain letter x.',
    '2.2',
  ),
  'url.missing': lint(
    'warning',
    'No url (and no Referer header to fall back on): the action is recorded without a page URL.',
    'Send url with the full address of the page or screen.',
    '2.1',
  ),
  'bulk.entry_dropped': lint(
    'warning',
    'A bulk entry without a query part (no "?") is dropped silently and gets no index.',
    'Write each bulk entry as "?idsite=…&rec=1…", a full URL with a query, or an object.',
    '5.1',
  ),
  'bulk.url_query_ignored': lint(
    'info',
    'A bulk request tracks only its JSON entries: parameters in its URL query are not used, and a token_auth there only decides whether the answer lists invalid_indices.',
    'Put the parameters in each entry and token_auth at the top of the JSON body; keep the URL bare.',
    '5.1',
  ),
  'bulk.json_invalid': exclude(
    'The body looks like a bulk request but is not valid JSON with a requests list; nothing is tracked.',
    'Send {"requests":["?idsite=1&rec=1…",…]} as valid JSON.',
    '5.3',
  ),
  'body.ignored': lint(
    'warning',
    'The request body is neither a form nor a bulk request, so Matomo does not read it.',
    'Send the parameters as application/x-www-form-urlencoded, in the query string, or as bulk JSON.',
    '1.2',
  ),
  'debug.on_demand': lint(
    'info',
    'debug=1 only has an effect when the Matomo server enables debug_on_demand.',
    'Set [Tracker] debug_on_demand = 1 in config.ini.php on a test server, or remove debug.',
    '4.3',
  ),
  // ── Across hits: findings that depend on the hits before, in the same visit ─────────────
  'order.revenue_mismatch': from(
    'core/Tracker/GoalManager.php 515–560',
    lint(
      'warning',
      "The order's revenue (or subtotal) differs from the total of its items. Matomo stores both as sent and never compares them (items at their price rounded to cents, times their whole quantity), so the reports disagree.",
      'Send revenue = items total + tax + shipping − discount (and ec_st = items total), each rounded to cents.',
      '2.5',
    ),
  ),
  'order.zero_revenue': from(
    'core/Tracker/GoalManager.php 326–335',
    lint(
      'warning',
      'The ecommerce order has no revenue (or 0): it counts as an order worth nothing in every revenue report.',
      "Send the order's grand total as revenue.",
      '2.5',
    ),
  ),
  'order.no_cart': from(
    'core/Tracker/GoalManager.php 346–351',
    lint(
      'info',
      'The order comes with no cart update and no product view before it in the visit: the purchase funnel of the visit is empty.',
      'Track product views (setEcommerceView) and cart updates (trackEcommerceCartUpdate) before the order, in the same visit.',
      '2.5',
    ),
  ),
  'pv_id.unmatched': from(
    'plugins/Actions/Columns/IdPageview.php 30–37',
    lint(
      'warning',
      'The event or content hit carries a pv_id that no page view of its visit has (Matomo compares the first 6 characters), so the action is tied to no page view.',
      'Send the pv_id of the page view the action happened on (the JavaScript tracker does this when the page view was tracked first).',
      '2.4',
    ),
  ),
  'ping.no_pageview': from(
    'plugins/Heartbeat/Tracker/PingRequestProcessor.php 24–40',
    lint(
      'warning',
      'A heartbeat ping arrived in a visit with no page view: it extends a visit that shows no page, usually because the page view was lost or sent elsewhere.',
      'Track the page view before enabling the heartbeat timer (enableHeartBeatTimer).',
      '2.4',
    ),
  ),
  'visitor.id_changed': from(
    'core/Tracker/Visit.php 581–605',
    lint(
      'warning',
      '_id or uid changed within one visit: Matomo keeps the visit (it matched the device) but rewrites its visitor id, so visitor reports and returning-visitor counts break.',
      'Keep the visitor cookie (_pk_id) stable, and set or reset the user id only at login and logout.',
      '2.2',
    ),
  ),
  'idvc.backwards': from(
    'plugins/CoreHome/Columns/VisitsCount.php 38–46',
    lint(
      'info',
      "_idvc (the tracker's visit count) went down for the same visitor: the visitor cookie was reset or copied. Matomo counts visits itself and ignores _idvc.",
      'Check that the _pk_id cookie survives between visits (cookie domain, consent, cookie lifetime).',
      '2.2',
    ),
  ),
  'dimension.changed': from(
    'plugins/CustomDimensions/Tracker/CustomDimensionsRequestProcessor.php 91–97',
    lint(
      'info',
      'A visit-scoped custom dimension changed within the visit: Matomo overwrites it, and the whole visit is reported with the last value.',
      'Send a visit-scoped dimension once per visit with its final value, or make the dimension action-scoped.',
      '2.5',
    ),
  ),
} as const satisfies Record<string, IssueCodeSpec>;

export type IssueCode = keyof typeof ISSUE_CODES;

export const ISSUE_CODE_LIST = Object.keys(ISSUE_CODES) as IssueCode[];

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(ISSUE_CODES, code);
}

export function issueCodeSpec(code: string): IssueCodeSpec | undefined {
  return isIssueCode(code) ? ISSUE_CODES[code] : undefined;
}

/**
 * The issue list of every hit or entry without findings (nearly all of a bulk's): shared, so
 * that each of them keeps no empty array of its own until it is stored. Frozen so that code
 * adding to a list must copy it first.
 */
export const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

/**
 * Builds an issue: severity and (unless given) the hint come from the catalogue, so every
 * producer of a code reports it the same way. `message` must name the concrete values.
 */
export function makeIssue(
  code: IssueCode,
  fields: { param?: string; message: string; hint?: string },
): Issue {
  const spec: IssueCodeSpec = ISSUE_CODES[code];
  const issue: Issue = { code, severity: spec.severity, message: fields.message };
  if (fields.param !== undefined) issue.param = fields.param;
  issue.hint = fields.hint ?? spec.hint;
  return issue;
}
