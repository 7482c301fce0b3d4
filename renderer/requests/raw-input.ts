// What the user typed or pasted into the composer's raw editor: a full URL, a path with a
// query, a bare query string, a curl command, or a bulk JSON body. Everything becomes the
// same thing — the parameters, plus the method, path, origin and headers when the text
// says — so the form can fill in. Nothing is guessed silently: what was left out is noted.
import { looksLikeCurl, parseCurl } from '../../shared/matomo/curl';
import { decodeQuery as decodeTrackingQuery } from '../../shared/matomo/query-string';
import { decodeQuery, type ParamPair } from './query-codec';

export type RawKind = 'empty' | 'url' | 'path' | 'query' | 'curl' | 'bulk';

export interface RawInput {
  kind: RawKind;
  pairs: ParamPair[];
  /** From a curl command (its method) or null when the text does not say. */
  method: 'GET' | 'POST' | null;
  /** Tracking path (`/matomo.php`) when the text has one. */
  path: string | null;
  /** `https://host:port` of a full URL. */
  origin: string | null;
  /** Headers from a curl command, lower-cased (content-type and length left out). */
  headers: Record<string, string>;
  /** The `requests` items when the text is a bulk body (or a curl command sending one). */
  bulkItems: unknown[] | null;
  bulkTokenAuth: string | null;
  /** The bulk body exactly as given, sent as it is. */
  bulkBody: string | null;
  notes: string[];
  error: string | null;
}

function empty(kind: RawKind): RawInput {
  return {
    kind,
    pairs: [],
    method: null,
    path: null,
    origin: null,
    headers: {},
    bulkItems: null,
    bulkTokenAuth: null,
    bulkBody: null,
    notes: [],
    error: null,
  };
}

/** The `{"requests": […]}` body, when the text is one (Matomo detects bulk from the body). */
export function readBulkBody(text: string): { items: unknown[]; tokenAuth: string | null } | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('requests')) return null;
  try {
    // Matomo deletes every line break before decoding (docs/tracking-protocol.md#bulk-request).
    const parsed: unknown = JSON.parse(trimmed.replace(/[\r\n]/g, ''));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { requests, token_auth } = parsed as { requests?: unknown; token_auth?: unknown };
    if (!Array.isArray(requests)) return null;
    return { items: requests, tokenAuth: typeof token_auth === 'string' ? token_auth : null };
  } catch {
    return null;
  }
}

const SKIPPED_HEADERS = new Set(['content-type', 'content-length', 'host', 'cookie']);

function fromUrlText(text: string, into: RawInput): void {
  // A raw `#` ends the query when a URL is sent, so the fragment is not a parameter.
  const hash = text.indexOf('#');
  let rest = hash >= 0 ? text.slice(0, hash) : text;
  if (hash >= 0) into.notes.push('The #fragment of the URL is not sent, so it was left out.');
  const origin = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(rest);
  if (origin) {
    into.origin = origin[1]!;
    rest = rest.slice(origin[1]!.length);
  }
  const q = rest.indexOf('?');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  if (path !== '') into.path = path.startsWith('/') ? path : `/${path}`;
  addQuery(q >= 0 ? rest.slice(q + 1) : '', into);
}

function addQuery(query: string, into: RawInput): void {
  const { pairs, lossy } = decodeQuery(query);
  into.pairs.push(...pairs);
  if (lossy.length > 0) {
    into.notes.push(
      `${lossy.join(', ')}: bytes that are not UTF-8 were read as Latin-1, as Matomo reads them; they are sent as UTF-8.`,
    );
  }
  // The text as pasted, through the capture server's decoder: raw spaces, quotes, … are
  // what a tracker sending this text would be told about.
  const unescaped = decodeTrackingQuery(query, 'query').issues.filter(
    (issue) => issue.code === 'encoding.unescaped',
  );
  if (unescaped.length > 0) {
    const names = unescaped.map((issue) => issue.param ?? '?').join(', ');
    into.notes.push(
      `${names}: characters that must be percent-encoded were pasted raw; they are sent encoded. A tracker sending this text as it is gets encoding.unescaped.`,
    );
  }
}

function fromCurl(text: string): RawInput {
  const parsed = parseCurl(text);
  if (!parsed.ok) return { ...empty('curl'), error: parsed.error };
  const { request } = parsed;
  const out = empty('curl');
  out.notes.push(...request.notes);
  out.method = request.method === 'GET' ? 'GET' : 'POST';
  if (request.method !== 'GET' && request.method !== 'POST') {
    out.notes.push(`${request.method} is sent as POST: Matomo reads GET and POST alike.`);
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SKIPPED_HEADERS.has(name)) out.headers[name] = value;
  }
  fromUrlText(request.url, out);
  if (request.body !== null) {
    const bulk = readBulkBody(request.body);
    if (bulk) {
      out.kind = 'bulk';
      out.bulkItems = bulk.items;
      out.bulkTokenAuth = bulk.tokenAuth;
      out.bulkBody = request.body;
      const type = request.headers['content-type'];
      if (type !== undefined) out.headers['content-type'] = type;
      return out;
    }
    const type = request.headers['content-type'] ?? '';
    if (!type.includes('x-www-form-urlencoded') && !type.includes('multipart')) {
      // PHP fills $_POST only for form bodies (docs/tracking-protocol.md#parameter-sources): Matomo ignores this body.
      out.notes.push(
        `The body (${type || 'no content type'}) is not a form, so Matomo ignores it.`,
      );
    } else {
      // Query wins over body on a name clash (docs/tracking-protocol.md#parameter-sources): body pairs go first, so the
      // query's pairs come later and win as the last duplicate.
      const queryPairs = out.pairs.splice(0);
      addQuery(request.body, out);
      out.pairs.push(...queryPairs);
    }
  }
  return out;
}

/** Reads the raw editor's text. Never throws. */
export function parseRawInput(text: string): RawInput {
  const trimmed = text.trim();
  if (trimmed === '') return empty('empty');
  if (looksLikeCurl(trimmed)) return fromCurl(trimmed);
  const bulk = readBulkBody(trimmed);
  if (bulk) {
    return {
      ...empty('bulk'),
      bulkItems: bulk.items,
      bulkTokenAuth: bulk.tokenAuth,
      bulkBody: trimmed,
    };
  }
  // Line breaks inside a pasted URL are wrapping, not content.
  const single = trimmed.replace(/\s*[\r\n]+\s*/g, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(single)) {
    const out = empty('url');
    fromUrlText(single, out);
    return out;
  }
  if (single.startsWith('/') || /^[\w.-]+\.php(\?|$)/.test(single)) {
    const out = empty('path');
    fromUrlText(single, out);
    return out;
  }
  const out = empty('query');
  addQuery(single.startsWith('?') ? single.slice(1) : single, out);
  return out;
}
