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

/** The bloom of hit `position` as the snapshot gets it. */
function bloomAt(texts: SearchText, position: number): number[] {
  const into = new Uint32Array(NAME_WORDS);
  texts.addNamesOf(position, into, 0);
  return [...into];
}

describe('the bloom of the parameter names of a hit', () => {
  it('holds the names of its parameters, parsed or read from a plain raw query', () => {
    const texts = new SearchText();
    texts.add(hitOf(1, { e_c: 'Video', url: 'x' }), { e_c: 'Video', url: 'x' });
    const pairs = new PlainPairs();
    expect(pairs.read('dimension3=a&c_n=b')).toBe(true);
    texts.addPlain(hitOf(2, {}), pairs);
    expect(bloomAt(texts, 0)).toEqual(bloomOf(['e_c']));
    expect(bloomAt(texts, 1)).toEqual(bloomOf(['dimension3', 'c_n']));
    const into = new Uint32Array(NAME_WORDS);
    texts.addNamesOf(1, into, 0);
    expect(holdsNameBits(into, 0, nameBitsOf('c_n'))).toBe(true);
  });

  it('holds every name when they are not all known', () => {
    const texts = new SearchText();
    texts.add(hitOf(1, {}), null);
    const many = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`p${i}`, 'v']));
    texts.add(hitOf(2, many), many);
    texts.addUnsure(1);
    expect(bloomAt(texts, 0)).toEqual(EVERY_NAME);
    expect(bloomAt(texts, 1)).toEqual(EVERY_NAME);
    expect(bloomAt(texts, 2)).toEqual(EVERY_NAME);
    // A hit not given entries yet.
    expect(bloomAt(texts, 3)).toEqual(EVERY_NAME);
  });

  it('of a hit added after a clear holds nothing of the hit before', () => {
    const texts = new SearchText();
    texts.add(hitOf(1, {}), null);
    texts.clear();
    texts.add(hitOf(2, { e_a: 'play' }), { e_a: 'play' });
    expect(bloomAt(texts, 0)).toEqual(bloomOf(['e_a']));
  });
});
