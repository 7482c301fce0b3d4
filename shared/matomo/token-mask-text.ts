// Masking token_auth in the texts a request is kept as: query strings, URLs, form and
// multipart bodies, bulk JSON, and free text (answers, headers). The server's exports and the
// UI's views both mask with these functions, each with its own mask string, so a token the
// export hides is never shown by the UI (see shared/api/token-mask.ts for the bound forms).
//
// Threat model: exports get attached to tickets and shared, and token_auth grants write
// access to a Matomo (docs/architecture.md#security). A token must be masked wherever Matomo would read
// it, so names are matched the way PHP registers them before Matomo sees them (docs/tracking-protocol.md#parameter-sources):
// `token%5Fauth`, `token%5fauth`, `%74oken_auth`, `token.auth` and ` token_auth` all reach
// Matomo as token_auth. Matching on the decoded name, with the parser's own decoder, keeps
// the masking in step with what the analysis reads. Erring towards masking too much is
// fine: an export loses a little fidelity, never a secret.
import { isBulkBody } from './bulk';
import { boundaryOf, multipartParts } from './multipart';
import { decodeComponent, phpName } from './query-string';

export const TOKEN_PARAM = 'token_auth';

/** Values found while masking, so free text (a debug answer) can be scrubbed of them too. */
export type FoundTokens = Set<string>;

/** Names with nothing PHP would decode or rewrite: compared as they are. */
const PLAIN_NAME = /^[A-Za-z0-9_-]*$/;

/** True for a parameter name as registered (params keys, occurrence names). */
export function isTokenName(name: string): boolean {
  return name === TOKEN_PARAM || name.startsWith(`${TOKEN_PARAM}[`);
}

/** True when PHP registers a decoded name as token_auth, or as an array of that name. */
export function decodedNameIsToken(decodedName: string): boolean {
  const php = phpName(decodedName);
  return php.kind === 'array' ? php.arrayName === TOKEN_PARAM : php.name === TOKEN_PARAM;
}

/** True when a raw (still encoded) name reaches Matomo as token_auth, or as its array form. */
export function rawNameIsToken(rawName: string): boolean {
  if (PLAIN_NAME.test(rawName)) return rawName === TOKEN_PARAM;
  return decodedNameIsToken(decodeComponent(rawName).text);
}

function remember(found: FoundTokens | undefined, ...values: string[]): void {
  if (!found) return;
  for (const value of values) if (value !== '') found.add(value);
}

const TOKEN_PARAM_LENGTH = TOKEN_PARAM.length;

/** rawNameIsToken of `query`'s characters from `start` to `end`, a plain name not sliced. */
function rawNameAtIsToken(query: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = query.charCodeAt(i);
    const plain =
      (code >= 0x61 && code <= 0x7a) || // a-z
      (code >= 0x41 && code <= 0x5a) || // A-Z
      (code >= 0x30 && code <= 0x39) || // 0-9
      code === 0x5f || // _
      code === 0x2d; // -
    if (!plain) return rawNameIsToken(query.slice(start, end));
  }
  return end - start === TOKEN_PARAM_LENGTH && query.startsWith(TOKEN_PARAM, start);
}

/**
 * True when a segment of `query` (split as maskQueryText splits it) has a value under a name
 * read as token_auth. Nothing is split or sliced for plain names: an export asks this of
 * every hit's query, and all but a few hold no token.
 */
function holdsTokenValue(query: string): boolean {
  let eq = query.indexOf('=');
  for (let start = 0; eq !== -1 && start <= query.length;) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    // The first `=` at or after the segment's start (found once, not again per segment).
    if (eq < start) eq = query.indexOf('=', start);
    if (eq > start && eq < end - 1 && rawNameAtIsToken(query, start, eq)) return true;
    start = end + 1;
  }
  return false;
}

/**
 * Masks token_auth values of a query string or form body. Segments are split on `&` alone,
 * as the parser splits them, so a value is masked up to its `&` whatever it holds.
 */
export function maskQueryText(query: string, mask: string, found?: FoundTokens): string {
  if (!holdsTokenValue(query)) return query;
  let changed = false;
  const segments = query.split('&').map((segment) => {
    const eq = segment.indexOf('=');
    if (eq <= 0 || eq === segment.length - 1) return segment;
    const name = segment.slice(0, eq);
    if (!rawNameIsToken(name)) return segment;
    const value = segment.slice(eq + 1);
    remember(found, value, decodeComponent(value).text);
    changed = true;
    return `${name}=${mask}`;
  });
  return changed ? segments.join('&') : query;
}

/** Masks the query part of a URL or request target (everything after the first `?`). */
export function maskUrlText(url: string, mask: string, found?: FoundTokens): string {
  const question = url.indexOf('?');
  if (question === -1) return url;
  return url.slice(0, question + 1) + maskQueryText(url.slice(question + 1), mask, found);
}

/** A bulk entry or any other JSON string: a URL, a `?query`, or a bare query string. */
function maskJsonString(value: string, mask: string, found?: FoundTokens): string {
  if (value.indexOf('=') === -1) return value;
  return value.indexOf('?') === -1
    ? maskQueryText(value, mask, found)
    : maskUrlText(value, mask, found);
}

/** The string literal opening at `start`: where it ends, and whether it has its closing quote. */
function literalAt(text: string, start: number): { end: number; closed: boolean } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c) i++;
    else if (code === 0x22) return { end: i + 1, closed: true };
  }
  return { end: text.length, closed: false };
}

/** The text of a literal: decoded when it is valid JSON, else as written. */
function literalText(literal: string, closed: boolean): { text: string; decoded: boolean } {
  const inner = literal.slice(1, closed ? -1 : undefined);
  if (!closed || inner.indexOf('\\') === -1) return { text: inner, decoded: closed };
  try {
    return { text: JSON.parse(literal) as string, decoded: true };
  } catch {
    return { text: inner, decoded: false };
  }
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text.charAt(at))) at++;
  return at;
}

/** A number after `"token_auth":` (Matomo takes a number as a token, docs/tracking-protocol.md#bulk-request). */
const NUMBER = /^-?\d[\d.eE+-]*/;

/**
 * Masks token_auth in JSON text (bulk bodies): the value of every `token_auth` member, the
 * key compared once its JSON escapes are decoded (`"token\u005fauth"` is token_auth), and
 * token_auth inside every string that holds a query (bulk entries). Works on broken or cut
 * JSON too: a string cut by the stored-body cap is masked to its end.
 */
export function maskJsonText(text: string, mask: string, found?: FoundTokens): string {
  let out = '';
  let copied = 0;
  let tokenValueAt = -1;
  for (let i = text.indexOf('"'); i !== -1;) {
    const { end, closed } = literalAt(text, i);
    const literal = literalText(text.slice(i, end), closed);
    const after = skipSpace(text, end);
    let replacement: string | null = null;
    if (closed && text.charAt(after) === ':') {
      if (literal.decoded && literal.text === TOKEN_PARAM) {
        tokenValueAt = skipSpace(text, after + 1);
        const number = NUMBER.exec(text.slice(tokenValueAt, tokenValueAt + 100))?.[0];
        if (number !== undefined) {
          remember(found, number);
          out += text.slice(copied, tokenValueAt) + JSON.stringify(mask);
          copied = tokenValueAt + number.length;
        }
      }
    } else if (i === tokenValueAt) {
      if (literal.text !== '') {
        remember(found, literal.text);
        replacement = JSON.stringify(mask);
      }
    } else {
      const masked = maskJsonString(literal.text, mask, found);
      if (masked !== literal.text) {
        replacement = literal.decoded ? JSON.stringify(masked) : `"${masked}${closed ? '"' : ''}`;
      }
    }
    if (replacement !== null) {
      out += text.slice(copied, i) + replacement;
      copied = end;
    }
    i = end >= text.length ? -1 : text.indexOf('"', end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Masks the value of every multipart field named token_auth (PHP puts them in $_POST). The
 * parts are the parser's own, file parts and parts past the closing delimiter included.
 */
export function maskMultipartText(
  body: string,
  contentType: string,
  mask: string,
  found?: FoundTokens,
): string {
  const boundary = boundaryOf(contentType);
  if (boundary === null) return maskQueryText(body, mask, found);
  let out = '';
  let copied = 0;
  for (const part of multipartParts(body, boundary)) {
    // Multipart names are not percent-decoded by PHP, only cleaned like any other name.
    if (!decodedNameIsToken(part.name) || part.valueEnd === part.valueStart) continue;
    remember(found, body.slice(part.valueStart, part.valueEnd));
    out += body.slice(copied, part.valueStart) + mask;
    copied = part.valueEnd;
  }
  return copied === 0 ? body : out + body.slice(copied);
}

/** Words of free text that look like URLs or query strings. */
const QUERY_WORD = /[^\s"'<>]*=[^\s"'<>]*/g;
/** Shorter values are left in free text: masking them would garble it (a token has 32). */
const MIN_SCRUBBED_LENGTH = 4;

/**
 * Masks token_auth in free text (a debug answer quoting the request, a Referer header):
 * query-like words as queries, then every token value found in the request wherever it
 * appears (the debug answer lists each parameter's value).
 */
export function maskFreeText(
  text: string,
  mask: string,
  found: ReadonlySet<string> = new Set(),
): string {
  let masked =
    text.indexOf('=') === -1 ? text : text.replace(QUERY_WORD, (w) => maskJsonString(w, mask));
  for (const value of found) {
    if (value.length >= MIN_SCRUBBED_LENGTH && value !== mask) {
      masked = masked.split(value).join(mask);
    }
  }
  return masked;
}

/** A body as text, read the way the parser chooses to read it (shared/matomo/parse.ts). */
export function maskBodyText(
  body: string,
  contentType: string,
  mask: string,
  found?: FoundTokens,
): string {
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isBulkBody(body)) return maskJsonText(body, mask, found);
  if (mime === 'multipart/form-data') return maskMultipartText(body, contentType, mask, found);
  if (mime !== 'application/x-www-form-urlencoded' && /^\s*[[{]/.test(body)) {
    return maskJsonText(body, mask, found);
  }
  return maskQueryText(body, mask, found);
}
