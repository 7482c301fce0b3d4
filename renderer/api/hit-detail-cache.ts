// Recently fetched hit details (`GET /api/hits/:id`), so moving up and down the table
// does not refetch. Cleared when the server's hits are cleared: ids may be reused then.
import type { HitDetailDto } from '../../shared/api/types';

const CACHE_SIZE = 100;
const cache = new Map<string, HitDetailDto>();

export function rememberHitDetail(id: string, detail: HitDetailDto): void {
  cache.delete(id);
  cache.set(id, detail);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/** Forgets cached details (after the server was cleared). */
export function forgetHitDetails(): void {
  cache.clear();
}

export function cachedHitDetail(id: string): HitDetailDto | undefined {
  return cache.get(id);
}
