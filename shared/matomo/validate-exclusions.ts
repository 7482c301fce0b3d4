// The exclusions of Matomo's core/Tracker/VisitExcluded.php (isExcluded, lines 69–176) that
// Hitscope can decide without Matomo's database, and the heartbeat that opens a visit. Each
// answers success and stores nothing. Rules that need the server's own state are not modelled:
// the [Tracker] exclude_requests setting (Request::isRequestExcluded), the ignore cookie set
// from Matomo's opt-out page (IgnoreCookie), exclude_unknown_urls, the global exclusion lists,
// a newer spam list downloaded by the server, and a heartbeat from a visitor Matomo does not
// know (which also opens a visit). The site profile supplies excluded IPs and user agents.
import { LruCache } from './lru';
import { makeIssue } from './issue-codes';
import { ipBytes, isInRanges, parseIpRange, type IpRange } from './ip-range';
import { asciiLower } from './php-text';
import { phpRegex } from './php-regex';
import { referrerSpammer } from './referrer-spam/match';
import type { Issue } from './types';
import { intParam, isFilled, textParam, type HitFacts } from './validate-context';

type Gate = (facts: HitFacts) => Issue | null;

/** VisitExcluded.php lines 259–273: Google's ranges. */
const GOOGLE_RANGES = [
  '216.239.32.0/19',
  '64.233.160.0/19',
  '66.249.80.0/20',
  '72.14.192.0/18',
  '209.85.128.0/17',
  '66.102.0.0/20',
  '74.125.0.0/16',
  '64.18.0.0/20',
  '207.126.144.0/20',
  '173.194.0.0/16',
];
/** VisitExcluded.php lines 235–257: Google's, then Bing's, Yahoo's and one other crawler's. */
const BOT_RANGES = [
  ...GOOGLE_RANGES,
  '64.4.0.0/18',
  '65.52.0.0/14',
  '157.54.0.0/15',
  '157.56.0.0/14',
  '157.60.0.0/16',
  '207.46.0.0/16',
  '207.68.128.0/18',
  '207.68.192.0/20',
  '131.253.26.0/20',
  '131.253.24.0/20',
  '72.30.198.0/20',
  '72.30.196.0/20',
  '98.137.207.0/20',
  '1.202.218.8',
];

const ranges = (list: readonly string[]): IpRange[] =>
  list.map(parseIpRange).filter((range): range is IpRange => range !== null);
let botRanges: { all: IpRange[]; google: IpRange[] } | null = null;
const knownBotRanges = () =>
  (botRanges ??= { all: ranges(BOT_RANGES), google: ranges(GOOGLE_RANGES) });

/**
 * The visitor IP Matomo uses (Request::getIpString, core/Tracker/Request.php lines 894–908):
 * `cip` when set (an unauthenticated one was refused earlier), else the peer address. A peer
 * seen as ::ffff:1.2.3.4 by a dual-stack socket is the IPv4 address Matomo's web server
 * reports. Text that is not an address reads as 0.0.0.0, as IPUtils::stringToBinaryIP does.
 */
function visitorIpText({ params, ctx }: HitFacts): string | null {
  const cip = isFilled(params, 'cip') ? textParam(params, 'cip') : null;
  const peer = ctx.peerAddress?.includes(':')
    ? ctx.peerAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
    : ctx.peerAddress;
  return cip ?? peer ?? null;
}

function visitorIp(facts: HitFacts): { text: string; bytes: Uint8Array } | null {
  const text = visitorIpText(facts);
  if (!text) return null;
  return { text, bytes: ipBytes(text) ?? new Uint8Array(4) };
}

// Hits come from few addresses (often one peer): each address's answer is kept in a bounded
// cache, so the address is parsed and compared once.
const botRangeAnswers = new LruCache<string, 'google' | 'other' | null>(1000);

/** Which of the known crawler ranges hold the address: Google's, another one's, or none. */
function botRangeOf(text: string): 'google' | 'other' | null {
  const known = botRangeAnswers.get(text);
  if (known !== undefined) return known;
  const bytes = ipBytes(text) ?? new Uint8Array(4);
  const { all, google } = knownBotRanges();
  const found = !isInRanges(bytes, all) ? null : isInRanges(bytes, google) ? 'google' : 'other';
  if (text.length <= 64) botRangeAnswers.set(text, found);
  return found;
}

/**
 * VisitExcluded.php lines 195–233: an IP in a known crawler range is a bot (unless bots=1),
 * except Google's ranges behind Chrome's data saver proxy (a Via header naming it).
 */
export const botIpRange: Gate = (facts) => {
  if (intParam(facts.params, 'bots', 0) !== 0) return null;
  const ip = visitorIpText(facts);
  const range = ip === null ? null : botRangeOf(ip);
  if (ip === null || range === null) return null;
  const via = facts.ctx.headers.via ?? '';
  if (via.toLowerCase().includes('chrome-compression-proxy') && range === 'google') return null;
  return makeIssue('bot.ip_range', {
    param: isFilled(facts.params, 'cip') ? 'cip' : undefined,
    message: `The visitor IP ${ip} is in a search engine crawler's range: without bots=1 Matomo treats the hit as a bot and discards it.`,
  });
};

/** VisitExcluded.php lines 294–307: the site's excluded IPs (from the site profile). */
export const excludedIp: Gate = (facts) => {
  const list = facts.site?.excludedIps ?? [];
  if (list.length === 0) return null;
  const ip = visitorIp(facts);
  const match = ip ? list.find((entry) => isInRanges(ip.bytes, ranges([entry]))) : undefined;
  if (!ip || match === undefined) return null;
  return makeIssue('ip.excluded', {
    param: isFilled(facts.params, 'cip') ? 'cip' : undefined,
    message: `The visitor IP ${ip.text} matches "${match}" in the excluded IPs of site ${facts.idsite}: Matomo discards the hit.`,
  });
};

/**
 * VisitExcluded.php lines 364–382: an excluded user agent matches as a case-insensitive
 * substring; an entry PHP accepts as a pattern decides on its own, matched or not, and the
 * entries after it are never tried.
 */
function excludingEntry(userAgent: string, list: readonly string[]): string | null {
  const lower = asciiLower(userAgent);
  for (const raw of list) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (lower.includes(asciiLower(entry))) return entry;
    const pattern = phpRegex(entry);
    if (pattern) return pattern.test(userAgent) ? entry : null;
  }
  return null;
}

export const excludedUserAgent: Gate = (facts) => {
  const list = facts.site?.excludedUserAgents ?? [];
  const userAgent = facts.input.device.userAgent;
  const entry = list.length > 0 ? excludingEntry(userAgent, list) : null;
  if (entry === null) return null;
  return makeIssue('ua.excluded', {
    param: facts.params.ua !== undefined ? 'ua' : undefined,
    message: `The user agent "${userAgent.slice(0, 80)}" matches "${entry}" in the excluded user agents of site ${facts.idsite}: Matomo discards the hit.`,
  });
};

/** VisitExcluded.php lines 142–153 with Visit/ReferrerSpamFilter.php: a listed spammer. */
export const referrerSpam: Gate = ({ params }) => {
  const referrer = textParam(params, 'urlref');
  const spammer = referrerSpammer(referrer);
  if (spammer === null) return null;
  return makeIssue('referrer.spam', {
    param: 'urlref',
    message: `urlref contains "${spammer.trim()}", a host on Matomo's referrer spam list: Matomo discards the hit.`,
  });
};

/**
 * VisitExcluded.php lines 178–184: a prefetch or preview, told by `X-Purpose: preview` or
 * `instant`, or `X-Moz: prefetch`, compared exactly (case and all). Other spellings, such as
 * the `Purpose` or `Sec-Purpose` headers browsers send today, are not looked at.
 */
export const prefetch: Gate = ({ ctx }) => {
  const purpose = ctx.headers['x-purpose'];
  const moz = ctx.headers['x-moz'];
  const header =
    purpose === 'preview' || purpose === 'instant'
      ? `X-Purpose: ${purpose}`
      : moz === 'prefetch'
        ? 'X-Moz: prefetch'
        : null;
  if (header === null) return null;
  return makeIssue('prefetch.excluded', {
    message: `The request carries "${header}": Matomo takes it for a prefetch, not a real visit, and discards it.`,
  });
};

/**
 * plugins/Heartbeat/Tracker/PingRequestProcessor.php lines 24–42: a heartbeat that would open
 * a new visit is dropped; new_visit (any non-zero integer, VisitRequestProcessor.php lines
 * 171–176) forces one.
 */
export const pingNewVisit: Gate = ({ params, input }) => {
  if (input.type !== 'ping' || intParam(params, 'new_visit', 0) === 0) return null;
  return makeIssue('ping.new_visit', {
    param: 'new_visit',
    message: `ping=1 with new_visit=${textParam(params, 'new_visit')}: a heartbeat never opens a visit, so Matomo stores nothing.`,
  });
};
