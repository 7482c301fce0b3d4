// Credentials in captured HTTP headers. Browsers send a host's cookies to every port of it, so
// tracking requests from a page on the same host carry Hitscope's own sign-in cookie: it is
// masked before a request is stored, and never handed out. Other credentials (a site's
// session cookies, Authorization) are the user's own data, kept as captured and masked in
// exports and on screen unless the user asks to reveal them, like token_auth.

/** The sign-in cookie of the server on `port`: one per port, so two servers keep their own. */
export function tokenCookieName(port: number | string): string {
  return `hitscope_token_${port}`;
}

/** Hitscope's sign-in cookie of any server (any port, or the unnumbered one of old versions). */
export function isOwnCookieName(name: string): boolean {
  return /^hitscope_token(?:_\d+)?$/.test(name.trim());
}

/** Headers whose whole value is a credential. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * The Cookie header with the value of every cookie `which` picks replaced by `mask`; names,
 * order and separators stay, so the header still shows which cookies were sent.
 */
export function maskCookieHeader(
  header: string,
  mask: string,
  which: (name: string) => boolean = () => true,
): string {
  return header.replace(/(^|;)([^=;]*)=([^;]*)/g, (whole, start: string, name: string, value) =>
    value === '' || !which(name) ? whole : `${start}${name}=${mask}`,
  );
}

/**
 * Set-Cookie values (several joined with ", ") with each cookie's value masked; attributes
 * stay. A cookie starts the value or follows a comma with `name=` right after it, which an
 * Expires date (`Wed, 21 Oct …`) never does.
 */
export function maskSetCookie(header: string, mask: string): string {
  return header.replace(
    /(^|,)(\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)=([^;,]*)/g,
    (whole, start: string, name: string, value: string) =>
      value.trim() === '' ? whole : `${start}${name}=${mask}`,
  );
}

/** The credential headers of a request or answer masked; other values go to `other`. */
export function maskCredentialHeaders(
  headers: Record<string, string>,
  mask: string,
  other: (value: string) => string = (value) => value,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    out[name] = SECRET_HEADERS.has(lower)
      ? mask
      : lower === 'cookie'
        ? maskCookieHeader(value, mask)
        : lower === 'set-cookie'
          ? maskSetCookie(value, mask)
          : other(value);
  }
  return out;
}

/** The headers with Hitscope's own cookie masked; the same object when there is none. */
export function withoutOwnCookie(
  headers: Record<string, string>,
  mask: string,
): Record<string, string> {
  const cookie = headers.cookie;
  if (cookie === undefined || !cookie.includes('hitscope_token')) return headers;
  return { ...headers, cookie: maskCookieHeader(cookie, mask, isOwnCookieName) };
}
