// Query strings to name/value pairs and back, for the composer's form ⇄ raw sync.
// Decoding follows PHP's `urldecode`, which is what Matomo reads: `+` is a space, `%XX` is a
// byte, a `%` not followed by two hex digits stays as it is; the bytes are read as UTF-8
// (bytes that are not UTF-8 become U+FFFD, and the caller is told). Encoding is what the JS
// tracker does (`encodeURIComponent`), so a composed request looks like a real one.

export interface ParamPair {
  name: string;
  value: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** PHP `urldecode` of one component; `lossy` tells whether bytes were not UTF-8. */
export function decodeComponent(text: string): { value: string; lossy: boolean } {
  if (!/[%+]/.test(text)) return { value: text, lossy: false };
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === 0x2b) {
      bytes.push(0x20);
    } else {
      // Copy the character (a surrogate pair counts as one) as its UTF-8 bytes.
      const cp = text.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      for (const b of encoder.encode(char)) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  const array = Uint8Array.from(bytes);
  try {
    return { value: utf8Strict.decode(array), lossy: false };
  } catch {
    return { value: utf8.decode(array), lossy: true };
  }
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

/** `encodeURIComponent`, with lone surrogates (which it refuses) replaced by U+FFFD. */
export function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(
      text.replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => {
        const code = c.charCodeAt(0);
        const next = s.charCodeAt(i + 1);
        const prev = s.charCodeAt(i - 1);
        const paired =
          (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) ||
          (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff);
        return paired ? c : '\uFFFD';
      }),
    );
  }
}

export function encodeQuery(pairs: readonly ParamPair[]): string {
  return pairs.map((p) => `${encodeComponent(p.name)}=${encodeComponent(p.value)}`).join('&');
}
