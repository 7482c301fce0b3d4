// A text held as pieces reads as the string they join to, wherever the pieces are cut.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextPieces } from './text-pieces';

/** `text` cut at `cuts` (positions, in any order; repeats give empty pieces). */
function cutAt(text: string, cuts: number[]): TextPieces {
  const at = [...cuts.map((cut) => cut % (text.length + 1)), text.length].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const to of at) {
    pieces.push(text.slice(from, to));
    from = to;
  }
  return new TextPieces(pieces);
}

const texts = fc.string({ unit: fc.constantFrom('a', '\n', '\r', ' ', '"', 'é', '\u00a0') });
const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('TextPieces', () => {
  it('reads by position as the joined string does', () => {
    fc.assert(
      fc.property(texts, cuts, fc.nat(), fc.nat(), (text, at, a, b) => {
        const pieces = cutAt(text, at);
        const [from, to] = [a, b].map((n) => n % (text.length + 1)).sort((x, y) => x - y);
        expect(pieces.length).toBe(text.length);
        expect(pieces.join()).toBe(text);
        expect(pieces.slice(from!, to)).toBe(text.slice(from, to));
        expect(pieces.charCodeAt(from!)).toEqual(text.charCodeAt(from!));
        expect(pieces.indexOf('"', from!)).toBe(text.indexOf('"', from));
        expect(pieces.isBlank()).toBe(text.trim() === '');
        expect(pieces.firstNonSpace()).toBe(text.length - text.trimStart().length);
      }),
    );
  });

  it('gives the lines of the joined string, a line across pieces joined again', () => {
    fc.assert(
      fc.property(texts, cuts, (text, at) => {
        const lines = text.split('\n');
        if (lines.at(-1) === '') lines.pop();
        expect([...cutAt(text, at).lines()]).toEqual(lines);
      }),
    );
    // \r\n cut between its two characters, and a surrogate pair cut between its halves.
    const pieces = new TextPieces(['{"a":1}\r', '\n{"b":"\ud83d', '\ude00"}\r\n', '', '\n']);
    expect([...pieces.lines()]).toEqual(['{"a":1}\r', '{"b":"😀"}\r', '']);
  });
});
