// The query part of a URL as PHP's parse_url finds it, including when parse_url gives up.
// Matomo reads each text entry of a bulk request with parse_url and drops the entry when it
// returns false or no query (plugins/BulkTracking/Tracker/Requests.php lines 105–112). PHP
// refuses a URL whose authority (after `//`) has an empty host (`http:///m.php?…`, `//:80`)
// or a port it cannot read: not starting with a number, negative, above 65535 or longer than
// 5 characters. Written from the behaviour of PHP 8's parser (ext/standard/url.c), checked
// against php on the cases in php-parse-url.test.ts.

export type PhpUrlQuery =
  /** parse_url returned false. */
  | { ok: false; reason: string }
  /** The query, or undefined when the URL has none. */
  | { ok: true; query: string | undefined };

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;

/** PHP strtol on a port: optional spaces and sign, then digits; null when none were read. */
function readPort(text: string): number | null {
  const match = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(text);
  if (!match) return null;
  const value = Number(match[2]);
  return match[1] === '-' ? -value : value;
}

const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** The port after a scheme-like `name:` (`localhost:80/…`), or false when it is unreadable. */
function schemePort(text: string, colon: number): 'none' | 'ok' | 'bad' {
  let end = colon + 1;
  while (end < text.length && end - colon - 1 < 6 && isDigit(text.charCodeAt(end))) end++;
  const digits = end - colon - 1;
  if (digits > 0 && digits < 6 && (end === text.length || text[end] === '/')) {
    return Number(text.slice(colon + 1, end)) <= 65535 ? 'ok' : 'bad';
  }
  return digits === 0 && end === text.length ? 'bad' : 'none';
}

/** The authority's checks: a host must remain once user info and port are taken off. */
function checkAuthority(text: string, start: number, portDone: boolean): string | null {
  let end = text.length;
  for (const stop of ['/', '?', '#']) {
    const at = text.indexOf(stop, start);
    if (at !== -1 && at < end) end = at;
  }
  const at = text.lastIndexOf('@', end - 1);
  const hostStart = at >= start ? at + 1 : start;
  let hostEnd = end;
  const ipv6 = text[hostStart] === '[' && text[end - 1] === ']';
  const colon = ipv6 ? -1 : text.lastIndexOf(':', end - 1);
  if (colon >= hostStart) {
    hostEnd = colon;
    const port = text.slice(colon + 1, end);
    if (!portDone && port.length > 5) return `its port "${port}" is longer than 5 characters`;
    if (!portDone && port.length > 0) {
      const value = readPort(port);
      if (value === null || value < 0 || value > 65535) return `its port "${port}" is not a port`;
    }
  }
  return hostEnd - hostStart < 1 ? 'it has no host after "//"' : null;
}

/** The query of `text` as PHP's parse_url reads it (after the first `?`, before a `#`). */
export function phpUrlQuery(text: string): PhpUrlQuery {
  const failure = authorityFailure(text);
  if (failure !== null) return { ok: false, reason: failure };
  const hash = text.indexOf('#');
  const before = hash === -1 ? text : text.slice(0, hash);
  const question = before.indexOf('?');
  return { ok: true, query: question === -1 ? undefined : before.slice(question + 1) };
}

/** Why parse_url returns false for `text`, or null when it reads it. */
function authorityFailure(text: string): string | null {
  const colon = text.indexOf(':');
  const relative = text.startsWith('//');
  if (colon > 0) {
    const scheme = text.slice(0, colon);
    let validScheme = true;
    for (const ch of scheme) if (!SCHEME_CHAR.test(ch)) validScheme = false;
    if (!validScheme) {
      const stop = firstOf(text, '?#');
      if (colon + 1 < text.length && colon < stop) return portOnly(text, colon, relative);
      return relative ? checkAuthority(text, 2, false) : null;
    }
    if (colon + 1 === text.length) return null;
    if (text[colon + 1] !== '/') {
      const port = schemePort(text, colon);
      if (port === 'bad') return 'its port is above 65535';
      return port === 'ok' ? checkAuthority(text, relative ? 2 : 0, true) : null;
    }
    if (text[colon + 2] !== '/') return null;
    if (scheme.toLowerCase() === 'file' && text[colon + 3] === '/') return null;
    return checkAuthority(text, colon + 3, false);
  }
  if (colon === 0) return portOnly(text, colon, relative);
  return relative ? checkAuthority(text, 2, false) : null;
}

/** The `name:port` branch of the parser, taken when what precedes the colon is no scheme. */
function portOnly(text: string, colon: number, relative: boolean): string | null {
  const port = schemePort(text, colon);
  if (port === 'bad') return 'its port cannot be read';
  if (port === 'ok' || relative) return checkAuthority(text, relative ? 2 : 0, port === 'ok');
  return null;
}

function firstOf(text: string, chars: string): number {
  let first = text.length;
  for (const ch of chars) {
    const at = text.indexOf(ch);
    if (at !== -1 && at < first) first = at;
  }
  return first;
}
