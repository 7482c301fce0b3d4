// Matomo's input sanitising, and the byte arithmetic of the limits applied after it.
//
// Every text value Matomo reads through Common::getRequestVar is sanitised before anything
// looks at it (core/Common.php lines 356–424, sanitizeInputValues / sanitizeString):
// html_entity_decode (ENT_QUOTES, HTML 4.01 entities), NUL bytes removed, then
// htmlspecialchars (ENT_QUOTES): & < > " ' become &amp; &lt; &gt; &quot; &#039;. Numeric
// strings are left as they are. The limits that follow count bytes of that escaped text
// (strlen, substr) or characters (mb_substr), depending on the code that applies them, so
// `a&b` is 7 bytes long to Matomo and "é" is 2.
import { namedEntity } from './html-entities';
import { decodeUtf8, encodeUtf8 } from './utf8';

/** Characters sanitising can change: nothing to do for a value without them (nearly all). */
// eslint-disable-next-line no-control-regex
const TOUCHED = /[&<>"'\u0000]/;
const ENTITY = /&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));/g;
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"'\u0000]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
  '\u0000': '',
};

/** Code points html_entity_decode writes for a numeric entity in HTML 4.01 mode. */
function allowedCodePoint(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0x10ffff)
  );
}

/** PHP html_entity_decode($text, ENT_QUOTES, 'UTF-8'). */
export function decodeHtmlEntities(text: string): string {
  // Every entity ends with ";": URLs, full of "&", rarely hold one.
  if (text.indexOf('&') === -1 || text.indexOf(';') === -1) return text;
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    const cp =
      dec !== undefined
        ? Number.parseInt(dec, 10)
        : hex !== undefined
          ? Number.parseInt(hex, 16)
          : namedEntity(name as string);
    if (cp === undefined || !Number.isFinite(cp) || !allowedCodePoint(cp)) return whole;
    return String.fromCodePoint(cp);
  });
}

/** The value Matomo works with once sanitised (core/Common.php lines 401–424). */
export function sanitizeText(text: string): string {
  if (!TOUCHED.test(text)) return text;
  return decodeHtmlEntities(text).replace(SPECIAL, (ch) => ESCAPES[ch] as string);
}

/** PHP htmlspecialchars_decode(…, ENT_QUOTES): what Common::unsanitizeInputValue gives back. */
export function unsanitizeText(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(?:amp|lt|gt|quot|#0*39|#[xX]0*27);/g, (entity) => {
    switch (entity) {
      case '&amp;':
        return '&';
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&quot;':
        return '"';
      default:
        return "'";
    }
  });
}

/** PHP strlen: the number of UTF-8 bytes. */
export function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair: 4 bytes for 2 UTF-16 units.
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

export interface ByteCut {
  /** The whole characters kept. */
  text: string;
  /** True when the cut fell inside a character: Matomo keeps its first bytes, a broken one. */
  splitsCharacter: boolean;
}

/** PHP substr($text, 0, $max) on the UTF-8 bytes, as whole characters plus whether one split. */
export function cutBytes(text: string, max: number): ByteCut {
  if (text.length <= max && byteLength(text) <= max) return { text, splitsCharacter: false };
  const bytes = encodeUtf8(text);
  let end = Math.min(max, bytes.length);
  // Back to the start of the character the cut falls in (continuation bytes are 10xxxxxx).
  let start = end;
  while (start > 0 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  const splits = end < bytes.length && start !== end;
  if (splits) end = start;
  return { text: decodeUtf8(bytes.subarray(0, end)).text, splitsCharacter: splits };
}
