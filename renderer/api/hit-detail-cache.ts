// Recently fetched hit details (`GET /api/hits/:id`), so moving up and down the table
// does not refetch. Cleared when the server's hits are cleared: ids may be reused then.
import type { HitDetailDto } from '../../shared/api/types';
import { LruCache } from '../../shared/matomo/lru';

const CACHE_SIZE = 100;
const cache = new LruCache<string, HitDetailDto>(CACHE_SIZE);

export function rememberHitDetail(id: string, detail: HitDetailDto): void {
  cache.set(id, detail);
}

/** Forgets cached details (after the server was cleared). */
export function forgetHitDetails(): void {
  cache.clear();
}

export function cachedHitDetail(id: string): HitDetailDto | undefined {
  return cache.get(id);
}
