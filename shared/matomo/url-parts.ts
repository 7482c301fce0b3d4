// URLs as Matomo reads them: a value must "look like a URL" (optional scheme, then `//`,
// then something) and must not be a script or data URL (docs/tracking-protocol.md#core-parameters). Matomo cleans page URLs
// (trim, drop CR/LF/NUL) and keeps 1024 characters. Hitscope also splits them into parts
// for display; it never resolves or opens them.

import { phpTrim } from './php-text';

export interface UrlParts {
  /** The URL as Matomo would use it (cleaned). */
  href: string;
  /** Lower-cased scheme without `:`, or null for a scheme-relative `//host/…` URL. */
  scheme: string | null;
  host: string;
  port: number | null;
  /** Path, starting with `/`, or empty. */
  path: string;
  /** Query without `?`, or null when there is none. */
  query: string | null;
  /** Fragment without `#`, or null when there is none. */
  fragment: string | null;
}

const LOOKS_LIKE_URL = /^(?:([A-Za-z][A-Za-z0-9+.-]*)?:)?\/\/(.*)$/s;
const FORBIDDEN_SCHEMES = new Set(['javascript', 'vbscript', 'data']);
const HOST_PORT = /^(.*?)(?::([0-9]*))?$/;

/**
 * PageUrl::cleanupString (core/Tracker/PageUrl.php): PHP's trim, then CR, LF and NUL removed.
 * PHP's trim leaves no-break and other Unicode spaces, so a URL starting with one does not
 * look like a URL to Matomo.
 */
export function cleanUrl(text: string): string {
  return phpTrim(text).replace(/[\r\n\0]/g, '');
}

/** The "looks like a URL" rule of docs/tracking-protocol.md#core-parameters. */
export function looksLikeUrl(text: string): boolean {
  const match = LOOKS_LIKE_URL.exec(phpTrim(text));
  return match !== null && allowedMatch(match);
}

/** Something after `//`, and not a script or data scheme. */
function allowedMatch(match: RegExpExecArray): boolean {
  if ((match[2] ?? '').length === 0) return false;
  const scheme = match[1]?.toLowerCase();
  return scheme === undefined || !FORBIDDEN_SCHEMES.has(scheme);
}

/**
 * The last few splits: the hits of a bulk (and consecutive requests from one page) repeat
 * their referrer and often their page URL. Comparing a handful of strings costs less than
 * hashing each URL into a map; long texts are split without being kept.
 */
const RECENT_SIZE = 8;
const RECENT_MAX_LENGTH = 2048;
const recentTexts: string[] = [];
const recentParts: (UrlParts | null)[] = [];
let recentNext = 0;

/** Splits a URL that looks like one into parts; null otherwise. */
export function splitUrl(text: string): UrlParts | null {
  const at = recentTexts.indexOf(text);
  let parts: UrlParts | null;
  if (at !== -1) {
    parts = recentParts[at] as UrlParts | null;
  } else {
    parts = splitFresh(text);
    if (text.length > RECENT_MAX_LENGTH) return parts;
    recentTexts[recentNext] = text;
    recentParts[recentNext] = parts;
    recentNext = (recentNext + 1) % RECENT_SIZE;
  }
  // A copy: each caller owns what it gets.
  return parts === null ? null : { ...parts };
}

function splitFresh(text: string): UrlParts | null {
  // Trimmed first, so removing CR, LF or NUL inside cannot uncover a space at an end.
  const href = cleanUrl(text);
  const match = LOOKS_LIKE_URL.exec(href);
  if (!match || !allowedMatch(match)) return null;
  let rest = match[2] ?? '';
  let fragment: string | null = null;
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    fragment = rest.slice(hashAt + 1);
    rest = rest.slice(0, hashAt);
  }
  let query: string | null = null;
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    query = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  }
  const slashAt = rest.indexOf('/');
  const authority = slashAt >= 0 ? rest.slice(0, slashAt) : rest;
  const path = slashAt >= 0 ? rest.slice(slashAt) : '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = HOST_PORT.exec(hostPort);
  const host = (portMatch?.[1] ?? hostPort).toLowerCase();
  const portText = portMatch?.[2];
  return {
    href,
    scheme: match[1]?.toLowerCase() ?? null,
    host,
    port: portText ? Number(portText) : null,
    path,
    query,
    fragment,
  };
}
