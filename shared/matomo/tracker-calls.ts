// A captured hit written back as the code that sends it: JavaScript tracker calls
// (`_paq.push([...])`), a PHP `MatomoTracker` call, or a bare `fetch(...)`. Each call names
// the values of the hit the way the tracker's own functions turn them into parameters
// (js/piwik.js: logEvent, logSiteSearch, logEcommerce, logGoal, logLink, the content
// requests; getRequest appends the custom dimensions set with setCustomDimension to every
// request), so running the copy sends the same parameters. Values the tracker sets by itself
// (screen, plugins, local time, cache buster, cookies: the catalogue's `trackerSet` flag) are
// left to it; anything else the call cannot carry is named in a closing comment.
import { dimensionId, findParamSpec } from './params';
import { paramValueText } from './param-text';
import type { HitType, ParamValue } from './types';

export interface TrackerCallInput {
  type: HitType;
  /** Effective values, as Matomo reads them (last duplicate wins). */
  params: Readonly<Record<string, ParamValue>>;
}

/** One tracker call: the function's name and its arguments. */
interface Call {
  name: string;
  args: CallArg[];
}

type CallArg = string | number | boolean | CallArg[];

/** Parameters every call sends from its context (site, page, referrer, user; rec=1 always). */
const CONTEXT = ['idsite', 'rec', 'url', 'urlref', 'uid'];

/** The parameters each tracking function writes; the rest of a hit is context or boilerplate. */
const WRITTEN_BY: Partial<Record<HitType, readonly string[]>> = {
  pageview: ['action_name'],
  event: ['e_c', 'e_a', 'e_n', 'e_v', 'ca'],
  site_search: ['search', 'search_cat', 'search_count'],
  outlink: ['link'],
  download: ['download'],
  content_impression: ['c_n', 'c_p', 'c_t'],
  content_interaction: ['c_i', 'c_n', 'c_p', 'c_t', 'ca'],
  goal: ['idgoal', 'revenue'],
  ecommerce_order: ['idgoal', 'ec_id', 'revenue', 'ec_st', 'ec_tx', 'ec_sh', 'ec_dt', 'ec_items'],
  ecommerce_cart: ['idgoal', 'revenue', 'ec_items'],
  product_view: ['_pks', '_pkn', '_pkp', '_pkc', 'action_name'],
  ping: ['ping'],
};

function text(params: TrackerCallInput['params'], name: string): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined;
  return paramValueText(params[name]);
}

/**
 * A number as the tracker would print it back, when the text is exactly that number (so
 * `3.5` stays `3.5` and `1e3` or `007` stay strings, sent byte for byte).
 */
function numberOrText(value: string): string | number {
  const number = Number(value);
  return value !== '' && Number.isFinite(number) && String(number) === value ? number : value;
}

/** `ec_items` as the arguments of addEcommerceItem: [sku, name, category, price, quantity]. */
function ecommerceItems(params: TrackerCallInput['params']): Call[] {
  let items: unknown = params.ec_items;
  if (typeof items === 'string') {
    try {
      items = JSON.parse(items);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(items)) return [];
  return items
    .filter((item): item is unknown[] => Array.isArray(item))
    .map((item) => ({
      name: 'addEcommerceItem',
      args: item.slice(0, 5).map((value) => itemArg(value)),
    }));
}

function itemArg(value: unknown): CallArg {
  if (Array.isArray(value)) return value.map(itemArg);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return value === null || value === undefined ? '' : String(value);
}

/** Trailing arguments the caller left out are dropped; earlier gaps keep their place. */
function trimArgs(args: (CallArg | undefined)[], gap: CallArg): CallArg[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end).map((arg) => (arg === undefined ? gap : arg));
}

function trackingCalls(input: TrackerCallInput): Call[] | null {
  const { params, type } = input;
  const get = (name: string) => text(params, name);
  const num = (name: string) => {
    const value = get(name);
    return value === undefined ? undefined : numberOrText(value);
  };
  switch (type) {
    case 'pageview': {
      const title = get('action_name');
      return [{ name: 'trackPageView', args: title === undefined ? [] : [title] }];
    }
    case 'event':
      return [
        {
          name: 'trackEvent',
          args: trimArgs([get('e_c') ?? '', get('e_a') ?? '', get('e_n'), num('e_v')], ''),
        },
      ];
    case 'site_search':
      return [
        {
          name: 'trackSiteSearch',
          args: trimArgs([get('search') ?? '', get('search_cat'), num('search_count')], false),
        },
      ];
    case 'outlink':
      return [{ name: 'trackLink', args: [get('link') ?? '', 'link'] }];
    case 'download':
      return [{ name: 'trackLink', args: [get('download') ?? '', 'download'] }];
    case 'content_impression':
      return [
        {
          name: 'trackContentImpression',
          args: trimArgs([get('c_n') ?? '', get('c_p'), get('c_t')], ''),
        },
      ];
    case 'content_interaction':
      return [
        {
          name: 'trackContentInteraction',
          args: trimArgs([get('c_i') ?? '', get('c_n') ?? '', get('c_p'), get('c_t')], ''),
        },
      ];
    case 'goal':
      return [{ name: 'trackGoal', args: trimArgs([num('idgoal') ?? '', num('revenue')], 0) }];
    case 'ecommerce_order':
      return [
        ...ecommerceItems(params),
        {
          name: 'trackEcommerceOrder',
          args: trimArgs(
            [
              get('ec_id') ?? '',
              num('revenue') ?? 0,
              num('ec_st'),
              num('ec_tx'),
              num('ec_sh'),
              num('ec_dt'),
            ],
            '',
          ),
        },
      ];
    case 'ecommerce_cart':
      return [
        ...ecommerceItems(params),
        { name: 'trackEcommerceCartUpdate', args: [num('revenue') ?? 0] },
      ];
    case 'product_view': {
      const title = get('action_name');
      return [
        {
          name: 'setEcommerceView',
          args: trimArgs([get('_pks') ?? '', get('_pkn'), get('_pkc'), num('_pkp')], ''),
        },
        { name: 'trackPageView', args: title === undefined ? [] : [title] },
      ];
    }
    case 'ping':
      return [{ name: 'ping', args: [] }];
    default:
      return null;
  }
}

/** The context calls: site, page URL, referrer, user id, then the custom dimensions. */
function contextCalls(params: TrackerCallInput['params']): Call[] {
  const calls: Call[] = [];
  const site = text(params, 'idsite');
  if (site !== undefined) calls.push({ name: 'setSiteId', args: [site] });
  const url = text(params, 'url');
  if (url !== undefined) calls.push({ name: 'setCustomUrl', args: [url] });
  const referrer = text(params, 'urlref');
  if (referrer !== undefined && referrer !== '') {
    calls.push({ name: 'setReferrerUrl', args: [referrer] });
  }
  const user = text(params, 'uid');
  if (user !== undefined && user !== '') calls.push({ name: 'setUserId', args: [user] });
  for (const name of Object.keys(params)) {
    const id = dimensionId(name);
    if (id !== null) {
      calls.push({ name: 'setCustomDimension', args: [id, text(params, name) ?? ''] });
    }
  }
  return calls;
}

/** Names of the hit's parameters that neither the calls nor the tracker itself send. */
function leftOut(input: TrackerCallInput): string[] {
  const written = new Set([...CONTEXT, ...(WRITTEN_BY[input.type] ?? [])]);
  return Object.keys(input.params).filter(
    (name) =>
      !written.has(name) && dimensionId(name) === null && findParamSpec(name)?.trackerSet !== true,
  );
}

function leftOutComment(input: TrackerCallInput, prefix: string): string[] {
  const names = leftOut(input);
  return names.length === 0 ? [] : [`${prefix} Not set by these calls: ${names.join(', ')}`];
}

/** A JavaScript literal (JSON is valid JavaScript for strings, numbers, booleans, arrays). */
function jsLiteral(arg: CallArg): string {
  return JSON.stringify(arg);
}

/**
 * The hit as JavaScript tracker calls, one `_paq.push([...]);` a line, after the page's
 * tracking snippet (which loads matomo.js and sets the tracker URL).
 */
export function hitAsPaqCalls(input: TrackerCallInput): string {
  const calls = trackingCalls(input);
  if (calls === null) {
    return `// The JavaScript tracker has no call that sends a ${input.type} hit: copy it as fetch.`;
  }
  const lines = [...contextCalls(input.params), ...calls].map(
    (call) => `_paq.push([${[call.name, ...call.args].map(jsLiteral).join(', ')}]);`,
  );
  return [...lines, ...leftOutComment(input, '//')].join('\n');
}

/** The MatomoTracker method for each JavaScript tracking call (same argument order). */
const PHP_METHODS: Record<string, string> = {
  trackPageView: 'doTrackPageView',
  trackEvent: 'doTrackEvent',
  trackSiteSearch: 'doTrackSiteSearch',
  trackContentImpression: 'doTrackContentImpression',
  trackContentInteraction: 'doTrackContentInteraction',
  trackGoal: 'doTrackGoal',
  trackEcommerceOrder: 'doTrackEcommerceOrder',
  trackEcommerceCartUpdate: 'doTrackEcommerceCartUpdate',
  addEcommerceItem: 'addEcommerceItem',
  setEcommerceView: 'setEcommerceView',
  ping: 'doPing',
  setCustomDimension: 'setCustomDimension',
  setUserId: 'setUserId',
  setCustomUrl: 'setUrl',
  setReferrerUrl: 'setUrlReferrer',
};

/** A PHP literal: single-quoted strings (only `\` and `'` escaped), numbers, arrays. */
function phpLiteral(arg: CallArg): string {
  if (Array.isArray(arg)) return `[${arg.map(phpLiteral).join(', ')}]`;
  if (typeof arg === 'boolean') return arg ? 'true' : 'false';
  if (typeof arg === 'number') return String(arg);
  return `'${arg.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface PhpCallOptions {
  /** The tracker endpoint, e.g. `https://matomo.example/matomo.php`. */
  trackerUrl: string;
  /** Request headers that decide the outcome (User-Agent, Accept-Language), when known. */
  userAgent?: string;
  acceptLanguage?: string;
}

/**
 * The hit as a PHP MatomoTracker call (matomo/matomo-php-tracker). The tracker posts the
 * values through its own methods; links and downloads go through doTrackAction.
 */
export function hitAsPhpTracker(input: TrackerCallInput, options: PhpCallOptions): string {
  const calls = trackingCalls(input);
  if (calls === null) {
    return `// MatomoTracker has no method that sends a ${input.type} hit: copy it as fetch.`;
  }
  const site = numberOrText(text(input.params, 'idsite') ?? '1');
  const lines = [
    `$tracker = new MatomoTracker(${phpLiteral(site)}, ${phpLiteral(options.trackerUrl)});`,
  ];
  if (options.userAgent) lines.push(`$tracker->setUserAgent(${phpLiteral(options.userAgent)});`);
  if (options.acceptLanguage) {
    lines.push(`$tracker->setBrowserLanguage(${phpLiteral(options.acceptLanguage)});`);
  }
  for (const call of [...contextCalls(input.params), ...calls]) {
    if (call.name === 'setSiteId') continue; // Given to the constructor.
    if (call.name === 'trackPageView' && call.args.length === 0) {
      lines.push(`$tracker->doTrackPageView('');`);
      continue;
    }
    if (call.name === 'trackLink') {
      lines.push(`$tracker->doTrackAction(${call.args.map(phpLiteral).join(', ')});`);
      continue;
    }
    lines.push(`$tracker->${PHP_METHODS[call.name]}(${call.args.map(phpLiteral).join(', ')});`);
  }
  return [...lines, ...leftOutComment(input, '//')].join('\n');
}

export interface FetchCallInput {
  method: 'GET' | 'POST';
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

/**
 * The request as a `fetch(...)` call. Browsers refuse to set some headers (User-Agent,
 * Referer): they go along for Node and Deno, which send them.
 */
export function buildFetchCall(request: FetchCallInput): string {
  const options: string[] = [];
  if (request.method !== 'GET') options.push(`  method: ${JSON.stringify(request.method)},`);
  const headers = Object.entries(request.headers ?? {});
  if (headers.length > 0) {
    options.push('  headers: {');
    for (const [name, value] of headers) {
      options.push(`    ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
    }
    options.push('  },');
  }
  if (request.body !== undefined && request.body !== '') {
    options.push(`  body: ${JSON.stringify(request.body)},`);
  }
  const url = JSON.stringify(request.url);
  return options.length === 0 ? `fetch(${url});` : `fetch(${url}, {\n${options.join('\n')}\n});`;
}
