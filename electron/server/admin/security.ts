// Access control of the admin API and the UI (docs/architecture.md#security).
//
// Threat model. The capture server holds everything trackers sent (URLs, user ids, tokens)
// and can send requests, reset data and change settings. Attackers we defend against:
// - Other machines on the network, when the server listens on 0.0.0.0 so phones can send
//   hits: they may use the tracking endpoint only. Every admin route checks that the TCP
//   peer is a loopback address (403 otherwise), whatever the listen address.
// - Web pages open in the user's browser, including pages on this very host at another port
//   (often the site being debugged). Cookies do not separate ports and SameSite treats every
//   port of a host as the same site, so the cookie alone proves nothing. Pages can make the
//   browser send requests here but must not read or change anything:
//   * a per-run token is required on every route but /api/health (401 otherwise): as a
//     Bearer header, or as an HttpOnly SameSite=Strict cookie named after this server's port
//     (two servers on one host keep their own); the browser gets the cookie from a one-time
//     sign-in code or a sign-in form (sign-in.ts), so the token is never in a URL;
//   * requests whose Origin or Sec-Fetch-Site say another origin sent them are refused (403);
//   * every request that can change something (any method but GET and HEAD) must carry
//     Content-Type: application/json, even without a body (415 otherwise): a page on another
//     origin cannot send that type without a CORS preflight, which is never granted, so
//     forms, no-cors fetches and sendBeacon never reach a handler;
//   * DNS rebinding (attacker.example resolving to 127.0.0.1 to become same-origin) is
//     stopped by requiring a loopback name in the Host header (403 otherwise);
//   * no CORS headers are ever sent on admin routes, so cross-origin reads fail.
// - Other local users or processes guessing the token: it is compared in constant time.
// The tracking endpoint is deliberately open to any origin (it is an analytics endpoint)
// and is not handled here.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export { tokenCookieName } from '../../../shared/api/credential-mask';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  const parts = v4.split('.');
  if (parts.length !== 4 || parts[0] !== '127') return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * True when the Host header names this machine by a loopback name: `localhost`,
 * a 127.x.x.x literal or `[::1]`, with or without a port. Any other name could be an
 * attacker's domain rebound to 127.0.0.1.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  let name: string;
  let port: string | undefined;
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    if (end < 0) return false;
    name = h.slice(1, end);
    const rest = h.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return false;
    port = rest === '' ? undefined : rest.slice(1);
    if (name !== '::1') return false;
  } else {
    const colon = h.indexOf(':');
    name = colon < 0 ? h : h.slice(0, colon);
    port = colon < 0 ? undefined : h.slice(colon + 1);
    if (name !== 'localhost' && !isLoopbackAddress(name)) return false;
  }
  return port === undefined || /^\d{1,5}$/.test(port);
}

/** Constant-time comparison: hashing first makes the time independent of length too. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

/** Cookie header → map (first occurrence of a name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!cookies.has(name)) {
      try {
        cookies.set(name, decodeURIComponent(value));
      } catch {
        cookies.set(name, value);
      }
    }
  }
  return cookies;
}

/** The Set-Cookie value carrying the token (no Secure flag: the server speaks plain http). */
export function tokenCookie(token: string, cookieName: string): string {
  return `${cookieName}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

export type AuthResult = 'ok' | 'missing' | 'wrong';

/** Checks the Bearer header, then this server's cookie (`cookieName`). */
export function authenticate(req: IncomingMessage, token: string, cookieName: string): AuthResult {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m?.[1] !== undefined && tokensEqual(m[1], token) ? 'ok' : 'wrong';
  }
  const cookie = parseCookies(req.headers.cookie).get(cookieName);
  if (cookie !== undefined) return tokensEqual(cookie, token) ? 'ok' : 'wrong';
  return 'missing';
}

/** `application/json`, optionally with parameters (`; charset=utf-8`). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

export type AccessDenial = { status: 403; code: string; message: string };

/** Peer and Host checks that apply to every admin and UI route, /api/health included. */
export function checkOrigin(req: IncomingMessage): AccessDenial | null {
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    return {
      status: 403,
      code: 'forbidden.peer',
      message:
        'The admin API and UI answer only to this machine (loopback peers); other machines may use the tracking endpoint only.',
    };
  }
  if (!isLoopbackHost(req.headers.host)) {
    return {
      status: 403,
      code: 'forbidden.host',
      message:
        'The Host header must be localhost, 127.0.0.1 or [::1] (with any port); other names are refused to prevent DNS rebinding.',
    };
  }
  return null;
}

/** `http://` + the Host header, normalised as browsers write an Origin (no `:80`). */
function ownOrigin(host: string): string {
  return `http://${host.trim().toLowerCase().replace(/:80$/, '')}`;
}

/**
 * Refuses requests a browser says came from another origin. Sec-Fetch-Site, when sent, is
 * the browser's own verdict: `same-origin`, or `none` (typed in the address bar, opened from
 * a bookmark), pass. Without it (older browsers), an Origin other than this server's as named
 * in the Host header is refused: also right behind the dev proxy, which keeps the Host the
 * browser sent. An Origin of `null` passes only with a same-origin Sec-Fetch-Site: this
 * origin's pages send no referrer, and browsers then write the Origin of their own form posts
 * and fetches as `null`. Tools send neither header and pass.
 */
export function checkFetchSite(req: IncomingMessage): AccessDenial | null {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const refused =
    site !== undefined
      ? site !== 'same-origin' && site !== 'none'
      : origin !== undefined && origin !== ownOrigin(req.headers.host ?? '');
  if (!refused) return null;
  return {
    status: 403,
    code: 'forbidden.origin',
    message: `Requests from other origins are refused (${
      site !== undefined ? `Sec-Fetch-Site: ${site}` : `Origin: ${origin}`
    }); the admin API answers its own UI and tools that are not browsers.`,
  };
}
