// The referrer of a hit as far as visit boundaries need it (plugins/Referrers/Columns/Base.php
// lines 73–170): campaign first (landing URL query, then fragment, then the tracking
// request's own parameters), else direct entry (no referrer, or one on the site itself),
// else a website named by its host. Search engines and social networks are told apart by
// the full attribution; for the boundary rules only "campaign" and "website" matter.
import { phpTrim } from '../matomo/php-text';
import { queryPairs, readKeyword, splitPair } from '../matomo/site-search';
import type { ParamValue } from '../matomo/types';
import { looksLikeUrl, splitUrl } from '../matomo/url-parts';
import { textOf, textParam } from '../matomo/validate-context';
import type { VisitReferrer } from './types';

/** config/global.ini.php line 1003 (campaign_var_name). */
export const DEFAULT_CAMPAIGN_NAME_PARAMS: readonly string[] = [
  'pk_cpn',
  'pk_campaign',
  'piwik_campaign',
  'mtm_campaign',
  'matomo_campaign',
  'utm_campaign',
  'utm_source',
  'utm_medium',
];
/** config/global.ini.php line 1009 (campaign_keyword_var_name). */
export const DEFAULT_CAMPAIGN_KEYWORD_PARAMS: readonly string[] = [
  'pk_kwd',
  'pk_keyword',
  'piwik_kwd',
  'mtm_kwd',
  'mtm_keyword',
  'matomo_kwd',
  'utm_term',
];

export interface ReferrerContext {
  /** The site's URLs: a referrer on one of their hosts is a direct entry. */
  siteUrls: readonly string[];
  campaignNameParams?: readonly string[] | undefined;
  campaignKeywordParams?: readonly string[] | undefined;
  /** The visit the hit would join, for a campaign keyword left empty (Base.php 583–626). */
  visit?: VisitReferrer | undefined;
}

const DIRECT: VisitReferrer = { type: 'direct', name: '', keyword: '' };

/** Of a pair's name, the characters that make splitPair change it (escaping, `[]`, `%5b%5d`). */
const isNameSpecial = (c: number): boolean =>
  c === 0x5b /* [ */ || c === 0x25 /* % */ || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27;

/** What valuesIn found, by the index of the name in `names` (undefined: not in the text). */
const found: (string | false | null | undefined)[] = [];

const isPhpSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0 || c === 0x0b;

/**
 * The values queryPairs(text) would hold for `names` (the last occurrence decides; an array
 * occurrence reads as not text), into `found`, in one pass over the text where it lies: only
 * the pairs whose name may be one of them are split, and no map of every pair is built (this
 * runs for every hit).
 */
function valuesIn(text: string, names: readonly string[]): void {
  found.length = 0;
  const from = text.charCodeAt(0) === 0x3f /* ? */ ? 1 : 0;
  // PHP trims the query's end (its start follows the `&` queryPairs puts before it).
  let last = text.length;
  while (last > from && isPhpSpace(text.charCodeAt(last - 1))) last--;
  let start = from;
  while (start <= last) {
    let end = text.indexOf('&', start);
    if (end === -1 || end > last) end = last;
    let nameEnd = text.indexOf('=', start);
    if (nameEnd === -1 || nameEnd > end) nameEnd = end;
    let candidate = false;
    for (let i = start; i < nameEnd && !candidate; i++)
      candidate = isNameSpecial(text.charCodeAt(i));
    if (!candidate) {
      for (const name of names) {
        if (name.length === nameEnd - start && text.startsWith(name, start)) candidate = true;
      }
    }
    if (candidate) {
      const pair = splitPair(text.slice(start, end));
      const at = pair.name !== '' && pair.name !== '0' ? names.indexOf(pair.name) : -1;
      if (at !== -1) found[at] = pair.isArray ? null : pair.value;
    }
    start = end + 1;
  }
}

/** The first non-empty value of `names` in a URL query (Base.php 378–409). */
function firstInQuery(text: string, names: readonly string[]): string {
  // One walk over the pairs, splitting only those a name may match: cheaper than looking
  // for each name in the text first.
  valuesIn(text, names);
  for (let i = 0; i < names.length; i++) {
    const value = found[i];
    if (typeof value !== 'string') continue;
    const cleaned = phpTrim(
      value.includes('%') || value.includes('+') ? readKeyword(value, '') : value,
    );
    if (cleaned !== '' && cleaned !== '0') return cleaned;
  }
  return '';
}

/** A parameter's text, '' when it is "0" (empty() in PHP). */
const filled = (value: ParamValue | undefined): string => {
  const text = textOf(value);
  return text === '0' ? '' : text;
};

/**
 * firstInParams of the default names, each read by its name (see textOf): most hits carry
 * none, and a read site of its own settles an absent name in a few instructions.
 */
function defaultCampaignParam(params: Record<string, ParamValue>, names: readonly string[]) {
  if (names === DEFAULT_CAMPAIGN_NAME_PARAMS) {
    return (
      filled(params.pk_cpn) ||
      filled(params.pk_campaign) ||
      filled(params.piwik_campaign) ||
      filled(params.mtm_campaign) ||
      filled(params.matomo_campaign) ||
      filled(params.utm_campaign) ||
      filled(params.utm_source) ||
      filled(params.utm_medium)
    );
  }
  if (names === DEFAULT_CAMPAIGN_KEYWORD_PARAMS) {
    return (
      filled(params.pk_kwd) ||
      filled(params.pk_keyword) ||
      filled(params.piwik_kwd) ||
      filled(params.mtm_kwd) ||
      filled(params.mtm_keyword) ||
      filled(params.matomo_kwd) ||
      filled(params.utm_term)
    );
  }
  return null;
}

function firstInParams(params: Record<string, ParamValue>, names: readonly string[]): string {
  const byDefault = defaultCampaignParam(params, names);
  if (byDefault !== null) return byDefault;
  for (const name of names) {
    const text = textParam(params, name);
    if (text !== '' && text !== '0') return text;
  }
  return '';
}

const hostOf = (url: string): string => splitUrl(url)?.host ?? '';

function campaignOf(
  params: Record<string, ParamValue>,
  page: PageParts,
  ctx: ReferrerContext,
  referrerHost: string,
): VisitReferrer | null {
  const names = ctx.campaignNameParams?.length
    ? ctx.campaignNameParams
    : DEFAULT_CAMPAIGN_NAME_PARAMS;
  const keywords = ctx.campaignKeywordParams?.length
    ? ctx.campaignKeywordParams
    : DEFAULT_CAMPAIGN_KEYWORD_PARAMS;
  let name = '';
  let keyword = '';
  for (const text of [page.query, page.fragment]) {
    if (name || !text) continue;
    name = firstInQuery(text, names);
    if (name) keyword = firstInQuery(text, keywords);
  }
  // Campaign parameters of the tracking request itself win (Base.php lines 447–473).
  const fromParams = firstInParams(params, names);
  if (fromParams) {
    name = fromParams;
    keyword = firstInParams(params, keywords);
  }
  if (!name) return null;
  name = name.toLowerCase();
  const visit = ctx.visit;
  const sameName = visit?.type === 'campaign' && visit.name === name;
  // The same campaign as the visit keeps its keyword; otherwise the referrer host stands
  // for it (Base.php lines 594–611).
  if (!keyword) keyword = sameName ? visit.keyword : referrerHost;
  keyword = keyword.toLowerCase();
  // The visit's own campaign again (most hits of a campaign visit): its facts serve.
  if (sameName && visit.keyword === keyword && visit.url === undefined) return visit;
  return { type: 'campaign', name, keyword };
}

interface PageParts {
  query: string | null;
  fragment: string | null;
}

/** The query and fragment of the page URL as parse_url splits them (after `?`, after `#`). */
function pageParts(url: string): PageParts {
  const hash = url.indexOf('#');
  const question = url.indexOf('?');
  const fragment = hash === -1 ? null : url.slice(hash + 1);
  const query =
    question === -1 || (hash !== -1 && question > hash)
      ? null
      : url.slice(question + 1, hash === -1 ? undefined : hash);
  return { query, fragment };
}

/** Referrers repeat (a search engine, the site's own pages): each is split once. */
const referrerHosts = new Map<string, string>();

/** The host of a referrer that looks like a URL, else '' (Base.php lines 97–107). */
function referrerHostOf(urlref: string): string {
  let host = referrerHosts.get(urlref);
  if (host === undefined) {
    host = looksLikeUrl(urlref) ? (splitUrl(urlref)?.host ?? '') : '';
    if (referrerHosts.size >= 512) referrerHosts.clear();
    referrerHosts.set(urlref, host);
  }
  return host;
}

export function referrerFacts(
  params: Record<string, ParamValue>,
  ctx: ReferrerContext,
): VisitReferrer {
  const url = textOf(params.url);
  const page = pageParts(url);
  if (page.query?.includes('ignore_refer')) {
    const pairs = queryPairs(page.query);
    const ignore = (name: string) => pairs.get(name)?.value === '1';
    if (ignore('ignore_referrer') || ignore('ignore_referer')) return DIRECT;
  }
  const urlref = textOf(params.urlref);
  const referrerHost = urlref ? referrerHostOf(urlref) : '';
  const referrerUrl = referrerHost ? urlref : '';
  const campaign = campaignOf(params, page, ctx, referrerHost);
  if (campaign) return campaign;
  if (!referrerHost) return DIRECT;
  // Direct entry: the referrer is on one of the site's URLs, or on the page's own host
  // (Base.php lines 493–527).
  // The page is split only here: most hits have no referrer or a campaign.
  const pageHost = splitUrl(url)?.host;
  if (referrerHost === pageHost || ctx.siteUrls.some((site) => hostOf(site) === referrerHost)) {
    return DIRECT;
  }
  return { type: 'website', name: referrerHost, keyword: '', url: referrerUrl };
}
