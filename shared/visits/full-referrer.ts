// The visit engine's referrer of a hit with search engines and social networks told apart
// from websites (plugins/Referrers/Columns/Base.php lines 123–150: campaign, direct entry,
// search engine, social network, then website), and a campaign without keyword taking the
// search keyword of its referrer (lines 529–569). Pass it as VisitIndex's `referrerOf`.
import { searchEngineOf } from '../matomo/attribution/referrer-hosts';
import { LruCache } from '../matomo/lru';
import { refineWebsiteReferrer } from '../matomo/attribution/conversion-attribution';
import type { ParamValue } from '../matomo/types';
import { looksLikeUrl, splitUrl } from '../matomo/url-parts';
import { textOf } from '../matomo/validate-context';
import { referrerFacts, type ReferrerContext } from './referrer-facts';
import type { VisitReferrer } from './types';

/** What a campaign's keyword may be taken from: the referrer's host and its search keyword. */
interface ReferrerSearch {
  /** Whether the referrer looks like a URL at all (else it names no host). */
  isUrl: boolean;
  host: string;
  keyword: string;
}

/**
 * A referrer URL repeats from hit to hit (a search engine, a newsletter): it is split and
 * matched against the search engines once.
 */
const searchByReferrer = new LruCache<string, ReferrerSearch>(256);

export function referrerSearchOf(urlref: string): ReferrerSearch {
  let found = searchByReferrer.get(urlref);
  if (found === undefined) {
    found = {
      isUrl: looksLikeUrl(urlref),
      host: splitUrl(urlref)?.host ?? '',
      keyword: searchEngineOf(urlref)?.keyword ?? '',
    };
    searchByReferrer.set(urlref, found);
  }
  return found;
}

export function fullReferrerOf(
  params: Record<string, ParamValue>,
  ctx: ReferrerContext,
): VisitReferrer {
  const facts = referrerFacts(params, ctx);
  if (facts.type === 'website') return refineWebsiteReferrer(facts);
  if (facts.type !== 'campaign') return facts;
  const urlref = textOf(params.urlref);
  if (!urlref) return facts;
  const search = referrerSearchOf(urlref);
  if (!search.isUrl) return facts;
  // The keyword stood in by the referrer host: a search keyword in the referrer comes first.
  if (search.keyword && facts.keyword === search.host) return { ...facts, keyword: search.keyword };
  return facts;
}
