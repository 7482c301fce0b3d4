// The background indexer gives every queued hit its search entries, in arrival order and in
// slices, and searches leave hits without entries yet among the candidates.
import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { compactHit, storedRequestOf } from './compact';
import { textCandidates } from './search-plan';
import { SearchIndexer } from './search-indexer';
import { SearchText } from './search-text';
import type { CompactHit, ParamsOf } from './stored-record';
import { ValuePools } from './string-pool';

const paramsOf: ParamsOf = (hit) => Object.fromEntries(new URLSearchParams(hit.rawQuery));

/** A bulk line of `count` hits at positions from `first`, hit `rare` with `e_c=Rare`. */
function bulkLine(count: number, first: number, rare: number): CompactHit[] {
  const { request, hits } = sampleRequest({ hits: count, params: { e_c: 'Audio' } });
  const pools = new ValuePools();
  const stored = storedRequestOf(request, pools);
  return hits.map((hit, i) => {
    if (i === rare) hit.rawQuery = new URLSearchParams({ e_c: 'Rare', n: String(i) }).toString();
    return compactHit(hit, stored, first + i + 1, pools, paramsOf);
  });
}

async function candidatesOf(
  texts: SearchText,
  hits: number,
  filter: { q: string },
): Promise<number[]> {
  const test = await textCandidates(texts, filter);
  const found: number[] = [];
  for (let p = 0; p < hits; p++) if (!test || test(p)) found.push(p);
  return found;
}

describe('the search indexer', () => {
  it('leaves queued hits candidates until their entries are built, then narrows', async () => {
    const texts = new SearchText();
    const indexer = new SearchIndexer(texts);
    const first = bulkLine(3, 0, 1);
    const second = bulkLine(3, 3, -1);
    indexer.enqueue(first);
    indexer.enqueue(second);
    expect(indexer.lag).toBe(6);
    expect(await candidatesOf(texts, 6, { q: 'rare' })).toEqual([0, 1, 2, 3, 4, 5]);
    await indexer.whenIdle();
    expect(indexer.lag).toBe(0);
    expect(texts.hits).toBe(6);
    expect(await candidatesOf(texts, 6, { q: 'rare' })).toEqual([1]);
  });

  it('indexes a line of 10,000 hits in slices: a timer fires meanwhile', async () => {
    const texts = new SearchText();
    const indexer = new SearchIndexer(texts);
    const line = bulkLine(10_000, 0, 9_000);
    /** What a timer saw of the entries each time it fired while the line was indexed. */
    const seen: number[] = [];
    let done = false;
    const probe = () => {
      seen.push(texts.hits);
      if (!done) setTimeout(probe, 0);
    };
    setTimeout(probe, 0);
    indexer.enqueue(line);
    await indexer.whenIdle();
    done = true;
    expect(seen.some((hits) => hits > 0 && hits < 10_000)).toBe(true);
    expect(await candidatesOf(texts, 10_000, { q: 'rare' })).toEqual([9_000]);
  });

  it('builds the entries of the load in line, and forgets the queue when cleared', async () => {
    const texts = new SearchText();
    const indexer = new SearchIndexer(texts);
    indexer.enqueue(bulkLine(2_000, 0, 5));
    // A pause that never lets the background run: the drain itself builds them all.
    await indexer.drain(() => Promise.resolve());
    expect(texts.hits).toBe(2_000);
    indexer.enqueue(bulkLine(10, 2_000, 0));
    texts.clear();
    indexer.clear();
    await indexer.whenIdle();
    expect(texts.hits).toBe(0);
  });
});
