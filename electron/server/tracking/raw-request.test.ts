// The parameter-value limit is checked on every entry of a bulk, also on entries of a large
// bulk whose occurrences are made only when read (shared/matomo/built-on-read.ts).
import { describe, expect, it } from 'vitest';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import { isBuiltOnRead } from '../../../shared/matomo/built-on-read';
import type { RequestAnalysis } from '../../../shared/matomo/types';
import { oversizedParam } from './raw-request';

function bulkOf(requests: string[]): RequestAnalysis {
  const body = new TextEncoder().encode(JSON.stringify({ requests }));
  const raw = { method: 'POST', path: '/matomo.php', query: '', headers: {}, body };
  return analyzeRequest(raw, { now: Date.parse('2026-03-01T12:00:00Z'), sites: [] });
}

const pageViews = (count: number) =>
  Array.from({ length: count }, (_, n) => `?idsite=1&rec=1&action_name=Page%20${n}`);

describe('the longest parameter value of a large bulk', () => {
  it('is found in an entry whose occurrences are made when read', () => {
    const requests = pageViews(1500);
    requests[700] = `?idsite=1&rec=1&action_name=${'%C3%A9'.repeat(150)}`;
    const analysis = bulkOf(requests);
    expect(isBuiltOnRead(analysis.parsed.entries[700]!.occurrences)).toBe(true);
    expect(oversizedParam(analysis, 149)).toEqual({ name: 'action_name', length: 150 });
    expect(oversizedParam(analysis, 150)).toBeNull();
  });
});
