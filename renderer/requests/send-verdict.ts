// What became of a send, in the words of the table: "recorded", "2 excluded, 1 rejected".
// A send to this Hitscope is captured, so its hits (found by the request id the answer
// carries) say what Matomo would do; a real Matomo answers a recorded and an excluded hit
// alike, so for it only the HTTP answer can be reported.
import type { SendResponseDto } from '../../shared/api/types';
import { OUTCOMES, type Outcome } from '../../shared/matomo/types';
import type { ApiClient } from '../api/client';

/** Hits of one send to look at; a larger bulk is counted from its first page. */
const MAX_HITS = 1_000;

export type OutcomeCounts = Partial<Record<Outcome, number>>;

/** The outcomes of the hits a send to this Hitscope produced; null when it is not known. */
export async function sentOutcomes(
  client: ApiClient,
  response: SendResponseDto | null,
): Promise<OutcomeCounts | null> {
  if (!response?.requestId) return null;
  try {
    const page = await client.hitSummaries({ requestId: response.requestId }, { limit: MAX_HITS });
    const counts: OutcomeCounts = {};
    for (const hit of page.hits) counts[hit.outcome] = (counts[hit.outcome] ?? 0) + 1;
    return counts;
  } catch {
    return null;
  }
}

export function addCounts(into: OutcomeCounts, more: OutcomeCounts | null): void {
  if (!more) return;
  for (const outcome of OUTCOMES) {
    const n = more[outcome];
    if (n) into[outcome] = (into[outcome] ?? 0) + n;
  }
}

/** "recorded", "2 recorded, 1 excluded"; '' when no hit is counted. */
export function describeCounts(counts: OutcomeCounts, single: boolean): string {
  const parts = OUTCOMES.filter((o) => counts[o]).map((o) =>
    single && counts[o] === 1 ? o : `${counts[o]} ${o}`,
  );
  return parts.join(', ');
}

/** One send's result: its hits' outcomes when known, else the HTTP answer or the error. */
export function describeSend(
  response: SendResponseDto | null,
  error: string | null,
  counts: OutcomeCounts | null,
): string {
  if (error !== null || !response) return `failed (${error ?? 'no answer'})`;
  const outcomes = counts ? describeCounts(counts, true) : '';
  if (outcomes) return outcomes;
  if (response.requestId) return `answered ${response.status}, no hit captured`;
  return `answered ${response.status} (the outcome is not reported by Matomo)`;
}
