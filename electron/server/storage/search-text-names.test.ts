// The bloom of a hit's parameter names the search entries keep (line-names.ts) for the index
// snapshot: made of all its names, or of every name when they are not all known.
import { describe, expect, it } from 'vitest';
import { bloomOf } from '../../../test-support/capture/names-bloom';
import { searchableHit as hitOf } from '../../../test-support/capture/searchable-hit';
import { ALL_NAMES, NAME_WORDS } from './line-kinds';
import { holdsNameBits, nameBitsOf } from './line-names';
import { PlainPairs } from './plain-pairs';
import { SearchText } from './search-text';

const EVERY_NAME = Array.from({ length: NAME_WORDS }, () => ALL_NAMES);

/** Search entries that keep the bloom they tell of each hit, by its position. */
function textsTelling() {
  const blooms: number[][] = [];
  const texts = new SearchText((position, low, high) => (blooms[position] = [low, high]));
  return { texts, bloomAt: (position: number) => blooms[position] };
}

describe('the bloom of the parameter names of a hit', () => {
  it('holds the names of its parameters, parsed or read from a plain raw query', () => {
    const { texts, bloomAt } = textsTelling();
    texts.add(hitOf(1, { e_c: 'Video', url: 'x' }), { e_c: 'Video', url: 'x' });
    const pairs = new PlainPairs();
    expect(pairs.read('dimension3=a&c_n=b')).toBe(true);
    texts.addPlain(hitOf(2, {}), pairs);
    expect(bloomAt(0)).toEqual(bloomOf(['e_c']));
    expect(bloomAt(1)).toEqual(bloomOf(['dimension3', 'c_n']));
    expect(holdsNameBits(Uint32Array.from(bloomAt(1)!), 0, nameBitsOf('c_n'))).toBe(true);
  });

  it('holds every name when they are not all known', () => {
    const { texts, bloomAt } = textsTelling();
    texts.add(hitOf(1, {}), null);
    const many = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`p${i}`, 'v']));
    texts.add(hitOf(2, many), many);
    texts.addUnsure(2);
    for (const position of [0, 1, 2, 3]) expect(bloomAt(position)).toEqual(EVERY_NAME);
  });

  it('of a hit added after a clear holds nothing of the hit before', () => {
    const { texts, bloomAt } = textsTelling();
    texts.add(hitOf(1, {}), null);
    texts.clear();
    texts.add(hitOf(2, { e_a: 'play' }), { e_a: 'play' });
    expect(bloomAt(0)).toEqual(bloomOf(['e_a']));
  });
});
