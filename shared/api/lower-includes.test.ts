import { describe, expect, it } from 'vitest';
import { LOWER_SLICE_CHARS, termsNotIn } from './lower-includes';

/** What the search did before: the whole text lower-cased at once. */
const wholeNotIn = (text: string, terms: string[]) => {
  const lower = text.toLowerCase();
  return terms.filter((term) => !lower.includes(term));
};

/** A deterministic pseudo-random generator, so a failure repeats. */
function randomOf(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

// Characters whose lower case is longer (İ), depends on the neighbours (Σ), looks past
// others (apostrophe, dot, combining acute), is outside ASCII (É, Ä, ſ, Kelvin sign), or
// takes two code units (𐐀, whose lower case is 𐐨).
const ALPHABET = [...`aBσΣİi\u0307'.\u0301ÉéäÄſ\u212akSs𐐀𐐨%9-`];

describe('termsNotIn', () => {
  it('answers as the whole text lower-cased, with cuts everywhere', () => {
    const random = randomOf(7);
    const pick = () => ALPHABET[Math.floor(random() * ALPHABET.length)] as string;
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, pick).join('');
      const lower = text.toLowerCase();
      // Terms taken from the lower-cased text (found), and made up (mostly not found).
      const terms = Array.from({ length: 3 }, () => {
        if (random() < 0.6 && lower.length > 0) {
          const from = Math.floor(random() * lower.length);
          return lower.slice(from, from + 1 + Math.floor(random() * 6));
        }
        return Array.from({ length: 1 + Math.floor(random() * 4) }, pick)
          .join('')
          .toLowerCase();
      }).filter(Boolean);
      if (terms.length === 0) continue;
      for (const sliceChars of [1, 2, 3, 5]) {
        expect(termsNotIn(text, terms, sliceChars), `${text} ${terms.join(' ')}`).toEqual(
          wholeNotIn(text, terms),
        );
      }
    }
  });

  it('reads a final sigma by the letters after a cut', () => {
    // Lower-cased alone, "ΑΣ" would end in a final sigma; followed by "Β" it does not.
    const text = `${'x'.repeat(10)}ΑΣΒ`;
    expect(text.toLowerCase()).toContain('ασβ');
    for (let sliceChars = 1; sliceChars < text.length; sliceChars++) {
      expect(termsNotIn(text, ['ασβ', 'ας'], sliceChars)).toEqual(['ας']);
    }
  });

  it('finds a term across a cut of a long ASCII text, case-insensitively', () => {
    const text = `${'v'.repeat(LOWER_SLICE_CHARS - 3)}NeEdLe${'w'.repeat(LOWER_SLICE_CHARS)}`;
    expect(termsNotIn(text, ['needle', 'vneedlew', 'needles'])).toEqual(['needles']);
  });

  it('finds a dotted İ lower-cased to two characters across a cut', () => {
    // "İ" lower-cases to "i̇" (i and a combining dot): one character becomes two.
    const text = `${'a'.repeat(LOWER_SLICE_CHARS)}İ-${'b'.repeat(LOWER_SLICE_CHARS)}`;
    expect(termsNotIn(text, ['ai̇-b', 'ai-b', 'i̇'])).toEqual(['ai-b']);
  });

  it('does not match a Kelvin sign or long s by an ASCII letter of a long text', () => {
    const kelvin = '\u212a';
    const text = `${kelvin.repeat(LOWER_SLICE_CHARS)}ſſ${'x'.repeat(LOWER_SLICE_CHARS)}`;
    // The Kelvin sign lower-cases to k; the long s stays ſ.
    expect(termsNotIn(text, ['kk', 'kſſx', 's', 'ſx'])).toEqual(['s']);
  });

  it('finds terms holding pattern characters in an ASCII slice', () => {
    const text = `${'v'.repeat(LOWER_SLICE_CHARS * 2)}a.b*c(d)[e]{f}|g\\h^i$j+k?l/m-n`;
    expect(termsNotIn(text, ['a.b*c(d)[e]{f}|g\\h^i$j+k?l/m-n', 'a-b'])).toEqual(['a-b']);
  });
});
