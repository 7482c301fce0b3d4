// Site search as Matomo 5 detects it (plugins/Actions/Actions/ActionSiteSearch.php):
// - lines 221–245: site search must be on for the site; a non-empty `search` parameter (PHP
//   empty(), before trimming) decides alone, and the page URL is then not looked at;
// - lines 247–258, 113–214: otherwise the keyword comes from the page URL's query (and its
//   fragment), read with the site's keyword parameter names (case-insensitive); the first
//   name whose value is not empty wins, even if it turns out blank once decoded;
// - lines 260–266: the keyword is trimmed, and a blank one is no site search;
// - lines 177–196: the matched keyword parameter (and the category parameter) are removed
//   from the URL Matomo keeps for the action.
// Without its own lists a site uses the defaults of plugins/SitesManager/API.php line 61
// (keyword names) and none for categories (SitesManager.php lines 250–266).
import { phpEmpty, phpTrim } from './php-text';
import type { ParamValue, SiteProfile } from './types';
import { decodeUtf8, encodeUtf8 } from './utf8';
import { cleanUrl } from './url-parts';
import { textParam } from './validate-context';

export const DEFAULT_SEARCH_KEYWORD_PARAMS: readonly string[] = [
  'q',
  'query',
  's',
  'search',
  'searchword',
  'k',
  'keyword',
  'keywords',
];

/** What site search detection needs to know about a site. */
export interface SiteSearchSettings {
  /** Site search on (the default when no profile describes the site). */
  enabled?: boolean;
  keywordParams?: readonly string[];
  categoryParams?: readonly string[];
  /**
   * The Referer header: Matomo takes it as the page URL when url and urlref are both empty
   * (core/Tracker/Request.php lines 82–92), so a keyword in it makes a site search too.
   */
  referer?: string;
}

export interface SiteSearchMatch {
  /** `search` when the tracking parameter decided, `url` when the page URL did. */
  from: 'search' | 'url';
  keyword: string;
  category: string;
  /** The URL parameter the keyword came from (as configured), when `from` is `url`. */
  keywordParam?: string;
  /** The URL Matomo keeps for the action once the search parameters are removed. */
  url?: string;
}

/** The site search settings of a profile (no profile: Matomo's defaults) and the Referer. */
export function siteSearchSettings(
  site: SiteProfile | undefined,
  headers: Readonly<Record<string, string>> = {},
): SiteSearchSettings {
  const referer = headers.referer || undefined;
  // Every entry of a bulk asks with the same site and headers: the last answer is reused
  // when it was made of the same values (profiles and headers may be changed in place).
  const last = lastSettings;
  if (
    last !== null &&
    last.referer === referer &&
    (site === undefined
      ? last.fromSite === false
      : last.fromSite === true &&
        last.settings.enabled === site.siteSearch &&
        last.settings.keywordParams === site.searchKeywordParams &&
        last.settings.categoryParams === site.searchCategoryParams)
  ) {
    return last.settings;
  }
  const withReferer = referer ? { referer } : {};
  const settings: SiteSearchSettings = Object.freeze(
    site
      ? {
          enabled: site.siteSearch,
          keywordParams: site.searchKeywordParams,
          categoryParams: site.searchCategoryParams,
          ...withReferer,
        }
      : withReferer,
  );
  lastSettings = { fromSite: site !== undefined, referer, settings };
  return settings;
}

let lastSettings: {
  fromSite: boolean;
  referer: string | undefined;
  settings: SiteSearchSettings;
} | null = null;

/** The page URL Matomo reads: url, else the Referer when url and urlref are both empty. */
function pageUrl(params: Record<string, ParamValue>, referer: string | undefined): string {
  if (!phpEmpty(params.url) || !phpEmpty(params.urlref) || !referer)
    return textParam(params, 'url');
  return referer;
}

/** The site search Matomo would record for these parameters, or null (a page view). */
export function detectSiteSearch(
  params: Record<string, ParamValue>,
  settings: SiteSearchSettings = {},
): SiteSearchMatch | null {
  if (settings.enabled === false) return null;
  const search = textParam(params, 'search');
  if (!phpEmpty(search)) {
    const keyword = phpTrim(search);
    if (keyword === '') return null;
    const category = textParam(params, 'search_cat');
    return { from: 'search', keyword, category: phpEmpty(category) ? '' : phpTrim(category) };
  }
  const url = pageUrl(params, settings.referer);
  // Without a query or a fragment there is nothing to read (cleaning only removes characters).
  if (url.indexOf('?') === -1 && url.indexOf('#') === -1) return null;
  // Most page URLs hold no keyword name at all: they skip the cleaning and splitting below.
  if (!mayHoldName(url, keywordNames(settings))) return null;
  return searchFromUrl(cleanUrl(url), textParam(params, 'cs'), settings);
}

const keywordNames = (settings: SiteSearchSettings): readonly string[] =>
  settings.keywordParams?.length ? settings.keywordParams : DEFAULT_SEARCH_KEYWORD_PARAMS;

/** One `name=value` pair of UrlHelper::getArrayFromQueryString (core/UrlHelper.php 211–276). */
interface QueryPair {
  name: string;
  /** false: the name came without `=`. */
  value: string | false;
  isArray: boolean;
}

export function queryPairs(
  query: string,
): Map<string, { value: string | false | (string | false)[] }> {
  const pairs = new Map<string, { value: string | false | (string | false)[] }>();
  const text = query.startsWith('?') ? query.slice(1) : query;
  for (const part of phpTrim(`&${text}`).split('&')) {
    const pair = splitPair(part);
    if (pair.name === '' || pair.name === '0') continue;
    const existing = pairs.get(pair.name);
    if (pair.isArray) {
      const list = existing && Array.isArray(existing.value) ? existing.value : [];
      list.push(pair.value);
      pairs.set(pair.name, { value: list });
    } else {
      pairs.set(pair.name, { value: pair.value });
    }
  }
  return pairs;
}

/**
 * Common::sanitizeInputValue on a name or value of the split query (core/Common.php lines
 * 388–420): HTML special characters are escaped. Its entity decoding has nothing to act on,
 * since a split value cannot hold the `&` an entity starts with.
 */
const escapeHtml = (text: string): string =>
  /[&<>"']/.test(text)
    ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c as keyof typeof HTML_ESCAPES])
    : text;
const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };

export function splitPair(part: string): QueryPair {
  const equals = part.indexOf('=');
  const rawName = escapeHtml(equals === -1 ? part : part.slice(0, equals));
  const value = equals === -1 ? false : escapeHtml(part.slice(equals + 1));
  const stripped = rawName.replace(/(\[|%5b)(]|%5d)$/i, '');
  const isArray = stripped !== rawName && stripped !== '' && stripped !== '0';
  return { name: isArray ? stripped : rawName, value, isArray };
}

/** The query and fragment as PHP's parse_url splits them (null when absent). */
function urlParts(url: string): { base: string; query: string | null; fragment: string | null } {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? null : url.slice(hash + 1);
  const question = beforeHash.indexOf('?');
  return {
    base: question === -1 ? beforeHash : beforeHash.slice(0, question),
    query: question === -1 ? null : beforeHash.slice(question + 1),
    fragment,
  };
}

function searchFromUrl(
  url: string,
  charset: string,
  settings: SiteSearchSettings,
): SiteSearchMatch | null {
  const { base, query, fragment } = urlParts(url);
  if (phpEmpty(query ?? '') && phpEmpty(fragment ?? '')) return null;
  const keywordParams = keywordNames(settings);
  const { fragmentPath, fragmentQuery } = splitFragment(
    phpEmpty(fragment ?? '') ? '' : (fragment ?? ''),
  );
  const lowered = new Map<string, string | false | (string | false)[]>();
  for (const [name, { value }] of queryPairs(
    `${phpEmpty(query ?? '') ? '' : query}&${fragmentQuery}`,
  )) {
    lowered.set(name.toLowerCase(), value);
  }

  const keywordParam = keywordParams.find((name) => !phpEmpty(lowered.get(name.toLowerCase())));
  if (keywordParam === undefined) return null;
  const categoryParams = settings.categoryParams ?? [];
  const categoryParam = categoryParams.find((name) => !phpEmpty(lowered.get(name.toLowerCase())));
  // ActionSiteSearch.php line 181 excludes the last category name tried when none matched.
  const excluded = [keywordParam, categoryParam ?? categoryParams[categoryParams.length - 1]];

  const keyword = phpTrim(readKeyword(lowered.get(keywordParam.toLowerCase()), charset));
  if (keyword === '') return null;
  const category =
    categoryParam === undefined
      ? ''
      : phpTrim(readKeyword(lowered.get(categoryParam.toLowerCase()), charset));

  let kept = base;
  if (query !== null) {
    const rest = withoutParams(query, excluded);
    if (!phpEmpty(rest)) kept += `?${rest}`;
  }
  if (fragment !== null) {
    const rest = withoutParams(fragmentQuery, excluded);
    const rebuilt = fragmentPath ? (rest ? `${fragmentPath}?${rest}` : fragmentPath) : rest;
    if (!phpEmpty(rebuilt)) kept += `#${rebuilt}`;
  }
  return { from: 'url', keyword, category, keywordParam, url: kept };
}

const NON_ASCII = /[\u0080-\uffff]/;
const ENTITY_CHARS = /[&#;]/;

/**
 * Whether one of the names can be a parameter of the page URL: false only when
 * no name occurs (ASCII case-insensitively) where a pair starts (text start, `&`, `?`, `#`)
 * and followed by `=`, `[` or `%` (a value or an array suffix), so most page URLs skip the
 * full reading. Text outside ASCII or holding a character cleanUrl removes (CR, LF, NUL: it
 * can join a name to where a pair starts), names outside ASCII, and names an HTML-escaped
 * name could spell (`&`, `#`, `;`), are always passed on to the full reading.
 */
function mayHoldName(text: string, names: readonly string[]): boolean {
  const pattern = namesPattern(names);
  return pattern === null || pattern.test(text);
}

// One pattern per list of names, built once (null: a name the quick test cannot judge).
const patterns = new WeakMap<readonly string[], RegExp | null>();

function namesPattern(names: readonly string[]): RegExp | null {
  let pattern = patterns.get(names);
  if (pattern === undefined) {
    const judged = names.every(
      (name) => name !== '' && !NON_ASCII.test(name) && !ENTITY_CHARS.test(name),
    );
    const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // One scan of the URL: the characters that always need the full reading, or a name.
    const source = `[\\r\\n\\0\\u0080-\\uffff]|(?:^|[&?#])(?:${alternatives.join('|')})[=[%]`;
    pattern = judged ? new RegExp(source, 'i') : null;
    patterns.set(names, pattern);
  }
  return pattern;
}

/** A fragment with its own non-empty `?query` is path?query; otherwise it is all query. */
function splitFragment(fragment: string): { fragmentPath: string; fragmentQuery: string } {
  const question = fragment.indexOf('?');
  if (question === -1 || fragment.slice(question + 1) === '') {
    return { fragmentPath: '', fragmentQuery: fragment };
  }
  return { fragmentPath: fragment.slice(0, question), fragmentQuery: fragment.slice(question + 1) };
}

/** UrlHelper::getQueryStringWithExcludedParameters (core/UrlHelper.php lines 66–92). */
function withoutParams(query: string, excluded: readonly (string | undefined)[]): string {
  const names = excluded.filter((name): name is string => !!name).map((n) => n.toLowerCase());
  const parts: string[] = [];
  for (const [rawName, { value }] of queryPairs(query)) {
    const name = rawName.replace(/%5B/g, '[').replace(/%5D/g, ']');
    if (names.includes(name.toLowerCase())) continue;
    const values = Array.isArray(value) ? value : [value];
    const suffix = Array.isArray(value) ? '[]' : '';
    for (const one of values)
      parts.push(one === false ? `${name}${suffix}` : `${name}${suffix}=${one}`);
  }
  return parts.join('&');
}

/**
 * The keyword from its raw URL value: the first element of an array, re-encoded from the
 * page charset `cs` (PageUrl::reencodeParameterValue, PageUrl.php lines 243–261), then
 * urldecoded; text that is not valid UTF-8 stays percent-encoded (PageUrl.php 429–439).
 */
export function readKeyword(
  value: string | false | (string | false)[] | undefined,
  charset: string,
): string {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === false) return '';
  const bytes = fromCharset(phpUrldecode(encodeUtf8(first)), charset);
  const text = decodeUtf8(bytes);
  return text.valid ? text.text : phpUrlencode(bytes);
}

function phpUrldecode(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === 0x2b) out.push(0x20);
    else if (byte === 0x25 && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1] as number, bytes[i + 2] as number), 16));
      i += 2;
    } else out.push(byte);
  }
  return Uint8Array.from(out);
}

const isHex = (byte: number | undefined): boolean =>
  byte !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(byte));

function phpUrlencode(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9_.-]/.test(char)) text += char;
    else if (byte === 0x20) text += '+';
    else text += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}

interface CharsetDecoder {
  decode(input: Uint8Array): string;
}
type DecoderCtor = new (label: string, options?: { fatal?: boolean }) => CharsetDecoder;
const runtime = globalThis as unknown as { TextDecoder: DecoderCtor };

const LATIN1 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1']);

/**
 * Bytes of a page charset converted to UTF-8 bytes, as Matomo's mb_convert_encoding does when
 * mb_check_encoding accepts them; unchanged for UTF-8, an empty or unknown charset, or bytes
 * the charset does not accept (PageUrl.php lines 290–308).
 */
function fromCharset(bytes: Uint8Array, charset: string): Uint8Array {
  const label = charset.toLowerCase();
  if (label === '' || label === 'utf-8' || label === 'utf8') return bytes;
  if (LATIN1.has(label)) {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return encodeUtf8(text);
  }
  try {
    return encodeUtf8(new runtime.TextDecoder(label, { fatal: true }).decode(bytes));
  } catch {
    return bytes;
  }
}
