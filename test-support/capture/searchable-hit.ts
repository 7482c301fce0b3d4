// A hit as the search entries read it (SearchableHit), with the parameters given, for tests
// of the entries and of the candidates they narrow a search to.
import type { SearchableHit } from '../../electron/server/storage/search-text';

export function searchableHit(n: number, params: Record<string, string>): SearchableHit {
  return {
    id: `r${n}.0`,
    type: 'event',
    outcome: 'recorded',
    summary: `Hit ${n}`,
    path: '/matomo.php',
    userAgent: 'Agent/1.0',
    rawQuery: new URLSearchParams(params).toString(),
    issues: [],
  };
}
