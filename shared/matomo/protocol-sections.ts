// The sections of docs/tracking-protocol.md as data, so the UI can explain where a rule comes
// from without pointing at a document the user cannot open: each section's title, the Matomo
// source files it was read from, and Matomo's public page on the subject where one exists.
// The catalogues (issue-codes.ts, params-*.ts) name sections by these numbers.

export interface MatomoDocLink {
  label: string;
  url: string;
}

export interface ProtocolSection {
  title: string;
  /** Anchor of the section in docs/tracking-protocol.md. */
  anchor: string;
  /** Files of matomo-org/matomo (or its plugins) the rule was read from. */
  sources: readonly string[];
  /** Matomo's public documentation of the subject, when there is a page for it. */
  docs?: MatomoDocLink;
}

export const TRACKING_API_DOCS: MatomoDocLink = {
  label: 'Matomo Tracking HTTP API',
  url: 'https://developer.matomo.org/api-reference/tracking-api',
};

const BULK_DOCS: MatomoDocLink = {
  label: 'Matomo Tracking HTTP API, section "Bulk tracking"',
  url: 'https://developer.matomo.org/api-reference/tracking-api',
};

const JS_TRACKER_DOCS: MatomoDocLink = {
  label: 'Matomo JavaScript Tracking Client',
  url: 'https://developer.matomo.org/guides/tracking-javascript-guide',
};

const section = (
  title: string,
  anchor: string,
  sources: readonly string[],
  docs?: MatomoDocLink,
): ProtocolSection => (docs ? { title, anchor, sources, docs } : { title, anchor, sources });

export const PROTOCOL_SECTIONS = {
  '1.1': section('Endpoint URLs', 'urls', ['piwik.php', 'js/tracker.php', 'core/Tracker.php']),
  '1.2': section(
    'Where parameters come from',
    'parameter-sources',
    ['core/Tracker/RequestSet.php', 'core/Tracker/Request.php'],
    TRACKING_API_DOCS,
  ),
  '1.3': section('Types and coercion', 'coercion', ['core/Common.php', 'core/Tracker/Request.php']),
  '1.4': section('PHP casts and truthiness', 'php-casts', ['core/Tracker/Request.php']),
  '1.5': section('HTML escaping and byte lengths', 'escaping', ['core/Common.php']),
  '1.6': section('Character sets', 'charsets', [
    'core/Tracker/Request.php',
    'plugins/Actions/Actions/ActionSiteSearch.php',
  ]),
  '2': section('Parameters', 'parameters', ['core/Tracker/Request.php'], TRACKING_API_DOCS),
  '2.1': section(
    'Core parameters',
    'core-parameters',
    ['core/Tracker/Request.php', 'core/Tracker/PageUrl.php', 'core/UrlHelper.php'],
    TRACKING_API_DOCS,
  ),
  '2.2': section(
    'Visitor and device parameters',
    'visitor-parameters',
    ['core/Tracker/Request.php', 'plugins/CoreHome/Columns/UserId.php'],
    TRACKING_API_DOCS,
  ),
  '2.3': section(
    'Referrer attribution',
    'attribution-parameters',
    ['plugins/Referrers/Columns/Base.php'],
    TRACKING_API_DOCS,
  ),
  '2.4': section(
    'Action parameters',
    'action-parameters',
    [
      'core/Tracker/Action.php',
      'plugins/Actions/Actions/',
      'plugins/PagePerformance/Columns/Base.php',
    ],
    TRACKING_API_DOCS,
  ),
  '2.5': section(
    'Events, content, goals and ecommerce',
    'events-goals-ecommerce',
    ['plugins/Events/', 'plugins/Contents/', 'core/Tracker/GoalManager.php'],
    TRACKING_API_DOCS,
  ),
  '2.6': section(
    'Overrides that need a token',
    'authenticated-overrides',
    ['core/Tracker/Request.php', 'plugins/UserCountry/Columns/Base.php'],
    TRACKING_API_DOCS,
  ),
  '2.7': section(
    'Control and plugin parameters',
    'control-parameters',
    ['core/Tracker/Response.php', 'core/Tracker.php'],
    TRACKING_API_DOCS,
  ),
  '3.1': section('Order of checks', 'check-order', [
    'core/Tracker/Request.php',
    'core/Tracker/Visit.php',
    'core/Plugin/RequestProcessors.php',
  ]),
  '3.2': section('Outcomes of a single request', 'outcomes', [
    'core/Tracker/Handler.php',
    'core/Tracker/Response.php',
  ]),
  '3.3': section('Error messages', 'error-messages', ['core/Tracker/Response.php']),
  '3.4': section(
    'Authentication and custom time',
    'custom-time',
    ['core/Tracker/Request.php'],
    TRACKING_API_DOCS,
  ),
  '3.5': section('Exclusions', 'exclusions', ['core/Tracker/VisitExcluded.php']),
  '3.6': section('Site search', 'site-search', ['plugins/Actions/Actions/ActionSiteSearch.php']),
  '3.7': section('Referrer spam', 'referrer-spam', ['core/Tracker/Visit/ReferrerSpamFilter.php']),
  '3.8': section('Prefetch', 'prefetch', ['core/Tracker/VisitExcluded.php']),
  '3.9': section('Bots', 'bots', ['core/Tracker/VisitExcluded.php']),
  '4.1': section('Response headers', 'response-headers', ['core/Tracker/Response.php']),
  '4.2': section('CORS, OPTIONS and HEAD', 'cors', [
    'core/Tracker.php',
    'core/API/CORSHandler.php',
  ]),
  '4.3': section('Debug output', 'debug', ['core/Tracker.php', 'core/Tracker/Response.php']),
  '5.1': section(
    'The bulk body',
    'bulk-request',
    ['plugins/BulkTracking/Tracker/Requests.php'],
    BULK_DOCS,
  ),
  '5.2': section(
    'One bad entry in a bulk',
    'bulk-isolation',
    ['plugins/BulkTracking/Tracker/Handler.php'],
    BULK_DOCS,
  ),
  '5.3': section(
    'The bulk answer',
    'bulk-response',
    ['plugins/BulkTracking/Tracker/Response.php'],
    BULK_DOCS,
  ),
  '6': section('Tracking failures', 'tracking-failures', ['core/Tracker/Failures.php']),
  '7.1': section('The JavaScript tracker', 'js-tracker', ['js/piwik.js'], JS_TRACKER_DOCS),
} as const satisfies Record<string, ProtocolSection>;

export type ProtocolSectionId = keyof typeof PROTOCOL_SECTIONS;

/** The section a catalogue entry names, or undefined for a number the document does not have. */
export function protocolSection(id: string): ProtocolSection | undefined {
  return Object.hasOwn(PROTOCOL_SECTIONS, id)
    ? PROTOCOL_SECTIONS[id as ProtocolSectionId]
    : undefined;
}
