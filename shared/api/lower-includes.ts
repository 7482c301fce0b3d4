// Free-text search of one text: which terms `text.toLowerCase()` contains, found without
// lower-casing a long text whole. A value of megabytes lower-cased in one piece held the
// server for tens of milliseconds (and a copy of megabytes); such a text is read in slices,
// and a term of ASCII (almost every search) is found by a case-insensitive pattern, without
// a lower-cased copy at all.
//
// The answer is exactly that of the whole text lower-cased:
// - A slice ends between two characters whose lower case does not depend on their
//   neighbours: lower-casing is per character except for a capital sigma, which becomes
//   final (ς) or not (σ) by the letters around it, looking past case-ignorable characters
//   (apostrophes, dots, combining marks, …). A cut between two characters that are neither a
//   sigma nor case-ignorable (nor halves of one surrogate pair) changes no sigma's context.
// - A term across a cut is found in the lower-cased end of the text before it (as long as
//   the longest term, less one) joined to the lower-cased start of the slice after it.
// - Only two characters outside ASCII lower-case to ASCII: İ (to i and a combining dot) and
//   the Kelvin sign (to k). In a slice without them, a term of ASCII occurs in the lower
//   case exactly where a case-insensitive pattern of it (without the `u` flag) matches: that
//   pattern never matches an ASCII character of the term to one outside ASCII.

/** Texts up to this many characters are lower-cased whole, as ever. */
export const LOWER_SLICE_CHARS = 256 * 1024;

const CAPITAL_SIGMA = 0x3a3;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;
/** The characters outside ASCII whose lower case holds ASCII. */
const LOWER_TO_ASCII = ['\u0130', '\u212a'];
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

const canCut = (text: string, i: number) => standsAlone(text, i - 1) && standsAlone(text, i);

/** The first place at or after `from` where `text` may be cut; its length if none. */
function cutAfter(text: string, from: number): number {
  for (let i = Math.max(from, 1); i < text.length; i++) if (canCut(text, i)) return i;
  return text.length;
}

/** The last place at or before `from` where `text` may be cut; 0 if none. */
function cutBefore(text: string, from: number): number {
  for (let i = Math.min(from, text.length - 1); i > 0; i--) if (canCut(text, i)) return i;
  return 0;
}

function escapePattern(term: string): string {
  return term.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** How a term is looked for in a slice: a pattern for a term of ASCII, else the lower case. */
interface Search {
  term: string;
  pattern: RegExp | null;
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
  let left: Search[] = terms.map((term) => ({
    term,
    pattern: NOT_ASCII.test(term) ? null : new RegExp(escapePattern(term), 'i'),
  }));
  const overlap = Math.max(...terms.map((term) => term.length)) - 1;
  // The lower-cased end of the text read so far, `overlap` long.
  let carry = '';
  for (let start = 0; start < text.length && left.length > 0;) {
    const end = cutAfter(text, start + sliceChars);
    const slice = text.slice(start, end);
    const patternsHold = LOWER_TO_ASCII.every((char) => !slice.includes(char));
    let lower: string | undefined;
    const lowerSlice = () => (lower ??= slice.toLowerCase());
    // Lower-cased from and to a cut, the ends are those of the slice lower-cased.
    const head = overlap === 0 ? '' : slice.slice(0, cutAfter(slice, overlap)).toLowerCase();
    const across = carry + head.slice(0, overlap);
    left = left.filter(({ term, pattern }) => {
      if (across.includes(term)) return false;
      if (pattern !== null && patternsHold) return !pattern.test(slice);
      return !lowerSlice().includes(term);
    });
    if (overlap > 0) {
      const tail = slice.slice(cutBefore(slice, slice.length - overlap)).toLowerCase();
      carry = (carry + tail).slice(-overlap);
    }
    start = end;
  }
  return left.map(({ term }) => term);
}
