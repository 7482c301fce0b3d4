// Query strings to name/value pairs and back, for the composer's form ⇄ raw sync.
// Decoding follows PHP's `urldecode`, which is what Matomo reads: `+` is a space, `%XX` is a
// byte, a `%` not followed by two hex digits stays as it is; the bytes are read as UTF-8
// (bytes that are not UTF-8 as Latin-1, as Matomo does, and the caller is told). Encoding is
// what the JS tracker does (`encodeURIComponent`), so a composed request looks like a real one.

import { encodeComponent } from '../../shared/matomo/build';
import { decodeComponent as decodeTrackingComponent } from '../../shared/matomo/query-string';

export interface ParamPair {
  name: string;
  value: string;
}

/**
 * PHP `urldecode` of one component as the capture server decodes it: bytes that are not UTF-8
 * are read as Latin-1, as Matomo reads them; `lossy` says so.
 */
export function decodeComponent(text: string): { value: string; lossy: boolean } {
  const decoded = decodeTrackingComponent(text);
  return { value: decoded.text, lossy: decoded.latin1 === true };
}

/** Splits a query string (no leading `?`) into pairs; empty segments (`a&&b`, a trailing `&`) are skipped. */
export function decodeQuery(query: string): { pairs: ParamPair[]; lossy: string[] } {
  const pairs: ParamPair[] = [];
  const lossy: string[] = [];
  for (const segment of query.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = decodeComponent(eq < 0 ? segment : segment.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : segment.slice(eq + 1));
    if (name.lossy || value.lossy) lossy.push(name.value);
    pairs.push({ name: name.value, value: value.value });
  }
  return { pairs, lossy };
}

export function encodeQuery(pairs: readonly ParamPair[]): string {
  return pairs.map((p) => `${encodeComponent(p.name)}=${encodeComponent(p.value)}`).join('&');
}
