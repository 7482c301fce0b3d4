// Walks `/api/hits` page by page (compact hits), as a client follows `next`: the tests of the
// pages answered while the data file is read back compare what each page lists.
import type { HitSummariesPageDto } from '../../shared/api/types';
import type { TestServer } from './server-harness';

export interface HitPages {
  /** The ids each page listed, in order. */
  ids: string[][];
  /** The `next` of the last page read. */
  next: string | null;
  /** Each page's `complete`. */
  complete: (false | undefined)[];
}

/** Pages for `query` (`limit` and any filters) from `before` on, at most `count` of them. */
export async function hitPages(
  t: TestServer,
  query: string,
  before: string | null = null,
  count = Infinity,
): Promise<HitPages> {
  const ids: string[][] = [];
  const complete: (false | undefined)[] = [];
  let next = before;
  do {
    const cursor = next ? `&before=${encodeURIComponent(next)}` : '';
    const page = await t.api<HitSummariesPageDto>(`/api/hits?fields=compact&${query}${cursor}`);
    ids.push(page.hits.map((hit) => hit.id));
    complete.push(page.complete);
    next = page.next;
  } while (next && ids.length < count);
  return { ids, next, complete };
}
