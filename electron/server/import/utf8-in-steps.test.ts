// A long text encoded a piece per step gives the bytes Buffer.from gives, whatever falls at
// the cuts: a character of two, three or four bytes, a surrogate pair, a lone surrogate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextPieces } from '../admin/text-pieces';
import { utf8InSteps } from './utf8-in-steps';

/** The bytes of `text` and the steps taken, `stepChars` per step. */
function encoded(
  text: string | TextPieces,
  stepChars: number,
): { bytes: Uint8Array; steps: number } {
  const steps = utf8InSteps(text, stepChars);
  let count = 0;
  for (let step = steps.next(); ; step = steps.next(), count++) {
    if (step.done === true) return { bytes: step.value, steps: count };
  }
}

describe('a text encoded to UTF-8 in steps', () => {
  it('is the bytes Buffer.from gives, in a step per piece', () => {
    const text = 'a=é€😀'.repeat(1000);
    const { bytes, steps } = encoded(text, 64);
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(steps).toBeGreaterThanOrEqual(Math.floor(text.length / 64) - 1);
    expect(encoded('', 64).bytes).toHaveLength(0);
  });

  it('keeps every character whole across the cuts', () => {
    const piece = fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udfff', '&', '=');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (chars, n) => {
          const text = chars.join('');
          expect(Buffer.from(encoded(text, n).bytes)).toEqual(Buffer.from(text, 'utf8'));
        },
      ),
    );
  });

  it('is the bytes of the pieces joined, whatever falls at the cuts between them', () => {
    const piece = fc.array(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udfff', '\udbff'), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(
          piece.map((c) => c.join('')),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (pieces, n) => {
          const bytes = encoded(new TextPieces(pieces), n).bytes;
          expect(Buffer.from(bytes)).toEqual(Buffer.from(pieces.join(''), 'utf8'));
        },
      ),
    );
  });
});
