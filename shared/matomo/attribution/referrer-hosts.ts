// Search engines and social networks among referrers. Matomo reads them from the
// matomo/searchengine-and-social-list package (plugins/Referrers/SearchEngine.php,
// plugins/Referrers/Social.php), hundreds of entries. Hitscope ships its own short list of the
// most used ones, written from their public addresses: a referrer on any other engine or
// network is attributed to a website here, and the inspector says so.
import { phpTrim } from '../php-text';
import { decodeComponent } from '../query-string';
import { splitUrl } from '../url-parts';

interface SearchEngine {
  name: string;
  /** The host without `www.`, any country ending. */
  host: RegExp;
  /** Query parameters holding the keyword, in order. */
  params: readonly string[];
}

const TLD = '(?:[a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})';
const engine = (name: string, host: string, params: string[]): SearchEngine => ({
  name,
  host: new RegExp(`^(?:www\\.)?${host}$`),
  params,
});

export const SEARCH_ENGINES: readonly SearchEngine[] = [
  engine('Google', `google\\.${TLD}`, ['q']),
  engine('Bing', 'bing\\.com', ['q']),
  engine('Yahoo!', `(?:[a-z]{2}\\.)?search\\.yahoo\\.${TLD}`, ['p', 'q']),
  engine('DuckDuckGo', '(?:html\\.)?duckduckgo\\.com', ['q']),
  engine('Yandex', `yandex\\.${TLD}`, ['text']),
  engine('Baidu', 'baidu\\.com', ['wd', 'word']),
  engine('Ecosia', 'ecosia\\.org', ['q']),
  engine('Qwant', 'qwant\\.com', ['q']),
  engine('StartPage', 'startpage\\.com', ['query', 'q']),
  engine('Brave Search', 'search\\.brave\\.com', ['q']),
];

/** Domains of social networks; one matches a URL as Social::isSocialUrl does (lines 133–142). */
export const SOCIAL_NETWORKS: readonly (readonly [string, string])[] = [
  ['facebook.com', 'Facebook'],
  ['fb.me', 'Facebook'],
  ['instagram.com', 'Instagram'],
  ['twitter.com', 'Twitter'],
  ['t.co', 'Twitter'],
  ['x.com', 'Twitter'],
  ['linkedin.com', 'LinkedIn'],
  ['lnkd.in', 'LinkedIn'],
  ['reddit.com', 'reddit'],
  ['youtube.com', 'YouTube'],
  ['youtu.be', 'YouTube'],
  ['pinterest.com', 'Pinterest'],
  ['tiktok.com', 'TikTok'],
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SOCIAL_PATTERNS = SOCIAL_NETWORKS.map(
  ([domain, name]) => [new RegExp(`(^|[./])${escape(domain)}([./]|$)`), name] as const,
);

/** The query's last value of `name`, as UrlHelper::getParameterFromQueryString reads it. */
function queryValue(query: string, name: string): string | null {
  let found: string | null = null;
  for (const part of query.split('&')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at) === name) found = part.slice(at + 1);
  }
  return found;
}

export interface SearchReferrer {
  name: string;
  /** The keyword, lower-cased; '' when the engine hid it. */
  keyword: string;
}

/**
 * SearchEngine::extractInformationFromUrl (lines 196–357): a known engine host, and a keyword
 * in its parameters, or no keyword at all on the engine's home page (an empty path or `/`,
 * the default "hidden keyword" paths); any other page of the engine is no search.
 */
export function searchEngineOf(referrerUrl: string): SearchReferrer | null {
  const parts = splitUrl(referrerUrl);
  if (!parts?.host) return null;
  const found = SEARCH_ENGINES.find((item) => item.host.test(parts.host));
  if (!found) return null;
  const query = [parts.query, parts.fragment].filter((part) => part).join('&');
  for (const param of found.params) {
    const raw = queryValue(query, param);
    const keyword = raw === null ? '' : phpTrim(decodeComponent(raw).text);
    if (keyword !== '' && keyword !== '0')
      return { name: found.name, keyword: keyword.toLowerCase() };
    if (raw !== null) return { name: found.name, keyword: '' };
  }
  const rest = `${parts.path}${parts.query ? `?${parts.query}` : ''}`;
  return rest === '' || rest === '/' ? { name: found.name, keyword: '' } : null;
}

/** Social::getSocialNetworkFromDomain: the network a referrer URL belongs to, or null. */
export function socialNetworkOf(referrerUrl: string): string | null {
  for (const [pattern, name] of SOCIAL_PATTERNS) if (pattern.test(referrerUrl)) return name;
  return null;
}
