// A rare term's hits are found where the holders of its few marked entries lie, without
// testing every stored hit in turn (search-text.test.ts: the same candidates either way).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { searchableHit as hitOf } from '../../../test-support/capture/searchable-hit';
import { SearchText } from './search-text';

afterEach(() => vi.restoreAllMocks());

describe('candidates of a rare term', () => {
  it('test only the hits near those holding its texts', async () => {
    const texts = new SearchText();
    const needles = new Set<number>();
    for (let n = 0; n < 20_000; n++) {
      // 21 texts of their own (more than are found by their numbers), at both ends.
      const needle = n % 1_000 === 0 || n === 19_999;
      if (needle) needles.add(n);
      const params: Record<string, string> = needle
        ? { e_c: 'Video', e_n: `clip-${n}` }
        : { action_name: `Page ${n % 7}` };
      texts.add(hitOf(n, params), params);
    }
    texts.addUnsure(2);
    const marks = (await texts.containing('clip-')) as Uint8Array;
    const holdsAll = vi.spyOn(
      SearchText.prototype as unknown as { holdsAll: () => boolean },
      'holdsAll',
    );
    const test = await texts.candidates([marks]);
    const found = Array.from({ length: texts.hits }, (_, p) => p).filter((p) => test(p));
    expect(found).toEqual([...needles, 20_000, 20_001]);
    expect(holdsAll.mock.calls.length).toBeLessThanOrEqual(needles.size);
  });
});
