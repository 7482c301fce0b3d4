// Free-text search of one text: which terms `text.toLowerCase()` contains, found without
// lower-casing a long text whole. A value of megabytes lower-cased in one piece held the
// server for tens of milliseconds (and a copy of megabytes); such a text is read in slices,
// and a slice of ASCII (almost every long value: percent-encoded or plain) is searched by a
// case-insensitive pattern without making its lower-cased copy at all.
//
// The answer is exactly that of the whole text lower-cased:
// - A slice ends between two characters whose lower case does not depend on their
//   neighbours: lower-casing is per character except for a capital sigma, which becomes
//   final (ς) or not (σ) by the letters around it, looking past case-ignorable characters
//   (apostrophes, dots, combining marks, …). A cut between two characters that are neither a
//   sigma nor case-ignorable (nor halves of one surrogate pair) changes no sigma's context.
// - A term across a cut is found in the lower-cased end of the text before it (as long as
//   the longest term, less one) joined to the start of the slice after it.
// - In a slice of ASCII characters, a term matches exactly where a case-insensitive
//   pattern of it does: an ASCII character's lower case is its ASCII lower case, and the
//   pattern (without the `u` flag) never matches a non-ASCII character of a term to an ASCII
//   one (terms arrive lower-cased).

/** Texts up to this many characters are lower-cased whole, as ever. */
export const LOWER_SLICE_CHARS = 256 * 1024;

const CAPITAL_SIGMA = 0x3a3;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;
/* eslint-disable-next-line no-control-regex -- every character above ASCII */
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Whether the lower case of the character at `i` never depends on its neighbours'. */
function standsAlone(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    // The ASCII case-ignorable characters: ' . : ^ `
    return code !== 0x27 && code !== 0x2e && code !== 0x3a && code !== 0x5e && code !== 0x60;
  }
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== CAPITAL_SIGMA && !CASE_IGNORABLE.test(text[i] as string);
}

/** The first place at or after `from` where a slice may end; the text's length if none. */
function cutAt(text: string, from: number): number {
  for (let i = Math.max(from, 1); i < text.length; i++) {
    if (standsAlone(text, i - 1) && standsAlone(text, i)) return i;
  }
  return text.length;
}

function escapePattern(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * The `terms` (lower-cased, non-empty) that `text.toLowerCase()` does not contain, in their
 * order. `sliceChars` is for tests: small slices put many cuts in a short text.
 */
export function termsNotIn(
  text: string,
  terms: readonly string[],
  sliceChars = LOWER_SLICE_CHARS,
): string[] {
  if (text.length <= sliceChars) {
    const lower = text.toLowerCase();
    return terms.filter((term) => !lower.includes(term));
  }
  let left = [...terms];
  const overlap = Math.max(...terms.map((term) => term.length)) - 1;
  const patterns = new Map(terms.map((term) => [term, new RegExp(escapePattern(term), 'i')]));
  // The lower-cased end of the text read so far, `overlap` long.
  let carry = '';
  for (let start = 0; start < text.length && left.length > 0;) {
    const end = cutAt(text, start + sliceChars);
    const slice = text.slice(start, end);
    const ascii = !NOT_ASCII.test(slice);
    const lower = ascii ? null : slice.toLowerCase();
    const head = lower ?? slice.slice(0, overlap).toLowerCase();
    const across = carry + head.slice(0, overlap);
    left = left.filter((term) => {
      if (across.includes(term)) return false;
      return lower === null ? !(patterns.get(term) as RegExp).test(slice) : !lower.includes(term);
    });
    if (overlap > 0) {
      const tail = lower ?? slice.slice(-overlap).toLowerCase();
      carry = (carry + tail.slice(-overlap)).slice(-overlap);
    }
    start = end;
  }
  return left;
}
