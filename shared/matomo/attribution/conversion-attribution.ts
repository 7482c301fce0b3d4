// Which referrer a conversion is credited to (plugins/Referrers/Columns/Base.php lines
// 628–696, getValueForRecordGoal). The JavaScript tracker sends the campaign it remembered in
// `_rcn`/`_rck` and the first referrer URL in `_ref`; Matomo credits, in this order:
// 0) the visit's campaign, when the visit came from one and `_rcn` is empty;
// 1) the campaign of `_rcn`/`_rck` (trimmed, urldecoded, lower-cased: lines 703–713, 743–746);
// 2) `_ref` when it reads as a search engine, a social network or a website;
// 3) otherwise the visit's own referrer.
import { LruCache } from '../lru';
import { phpTrim } from '../php-text';
import { decodeComponent } from '../query-string';
import type { ParamValue } from '../types';
import { looksLikeUrl, splitUrl } from '../url-parts';
import { textParam } from '../validate-context';
import { searchEngineOf, socialNetworkOf } from './referrer-hosts';

export type ReferrerType = 'direct' | 'website' | 'search' | 'social' | 'campaign';

export interface ReferrerAttribution {
  type: ReferrerType;
  /** Website host, search engine, social network or campaign name ('' for direct). */
  name: string;
  /** Search or campaign keyword ('' when none). */
  keyword: string;
  url?: string;
}

export interface CreditedReferrer extends ReferrerAttribution {
  /** Where the credit comes from, in words. */
  from: string;
}

const hostOf = (url: string) => splitUrl(url)?.host ?? '';

/**
 * A referrer URL read as a search engine, a social network or a website (Base.php lines
 * 73–168 with no page URL): null when it is empty, not a URL, or on the site's own hosts.
 */
export function referrerFromUrl(
  url: string,
  siteUrls: readonly string[],
): ReferrerAttribution | null {
  if (!url || !looksLikeUrl(url)) return null;
  const host = hostOf(url);
  if (!host || siteUrls.some((site) => hostOf(site) === host)) return null;
  const search = searchEngineOf(url);
  if (search) return { type: 'search', name: search.name, keyword: search.keyword, url };
  const social = socialNetworkOf(url);
  if (social) return { type: 'social', name: social, keyword: '', url };
  return { type: 'website', name: host, keyword: '', url };
}

/**
 * Search engine or social network of recent referrer URLs (null: neither). The hits of a
 * visitor repeat their referrer, so this is read once per URL, as Matomo caches it per
 * request batch (plugins/Referrers/Columns/Base.php lines 276–321, 327–372).
 */
const refinedByUrl = new LruCache<string, ReferrerAttribution | null>(256);

/** A search engine or social network on a referrer the visit engine saw as a website. */
export function refineWebsiteReferrer(referrer: ReferrerAttribution): ReferrerAttribution {
  if (referrer.type !== 'website' || !referrer.url) return referrer;
  let refined = refinedByUrl.get(referrer.url);
  if (refined === undefined) {
    const read = referrerFromUrl(referrer.url, []);
    refined = read && read.type !== 'website' ? read : null;
    refinedByUrl.set(referrer.url, refined);
  }
  return refined ?? referrer;
}

const readParam = (params: Record<string, ParamValue>, name: string) =>
  phpTrim(decodeComponent(textParam(params, name)).text);

/** The referrer a conversion on this hit is credited to, given its visit's referrer. */
export function creditConversion(
  params: Record<string, ParamValue>,
  visit: ReferrerAttribution,
  siteUrls: readonly string[] = [],
): CreditedReferrer {
  const campaign = readParam(params, '_rcn');
  const noCampaign = campaign === '' || campaign === '0'; // PHP empty()
  if (noCampaign && visit.type === 'campaign' && visit.name !== '') {
    return { ...visit, from: "the visit's campaign (no _rcn sent)" };
  }
  if (!noCampaign) {
    return {
      type: 'campaign',
      name: campaign.toLowerCase(),
      keyword: readParam(params, '_rck').toLowerCase(),
      from: '_rcn/_rck, the campaign the tracker remembered',
    };
  }
  const fromRef = referrerFromUrl(textParam(params, '_ref'), siteUrls);
  if (fromRef) return { ...fromRef, from: '_ref, the first referrer the tracker remembered' };
  return { ...visit, from: "the visit's referrer" };
}
