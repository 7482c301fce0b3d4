// "Expected 3 events, got 2" says nothing about why. When no hit satisfies a matcher, the
// hits that came closest (most terms matched) are listed with what each term wanted and
// what the hit had instead: `e_a: expected "Play", got "play"`. The same text is used by
// timed-out waits, `hitscope check`, JUnit reports and test helpers.
import type { HitSummaryDto } from '../api/types';
import { matcherTerms, type HitMatcher, type MatcherTerm } from './expectation';
import { arrivalOrder } from './hit-order';
import { toQueryRow } from '../query/query-row';

export interface TermDifference {
  /** The term as written (`e_a:Play`, `e_v ≥ 5`). */
  term: string;
  /** The parameter or hit field it reads. */
  field: string;
  expected: string;
  /** What the hit had; null when it had nothing there. */
  actual: string | null;
  /** E.g. `e_a: expected "Play", got "play"`. */
  text: string;
}

export interface NearMiss {
  hitId: string;
  matchedTerms: number;
  totalTerms: number;
  differences: TermDifference[];
  /** The hit's type and one-line summary, to recognise it in a message. */
  type?: string;
  summary?: string;
}

export function differenceText(term: MatcherTerm, actual: string | null): string {
  const got = actual !== null ? `got ${actual}` : term.param ? 'but it is absent' : 'got nothing';
  return `${term.field}: expected ${term.expected}, ${got}`;
}

function difference(term: MatcherTerm, hit: HitSummaryDto): TermDifference {
  const actual = term.actual(hit);
  return {
    term: term.term,
    field: term.field,
    expected: term.expected,
    actual,
    text: differenceText(term, actual),
  };
}

/**
 * The hits that do not satisfy the matcher but come closest to it: most terms matched
 * first, the newest first among equals. Hits that satisfy it are not misses; hits matching
 * no term are listed only when no hit matches any.
 */
export function nearestMisses(
  m: HitMatcher,
  hits: readonly HitSummaryDto[],
  limit = 3,
): NearMiss[] {
  const terms = matcherTerms(m);
  if (terms.length === 0 || limit <= 0) return [];
  // Only the best `limit` are kept while scanning: a server may explain a wait over every hit
  // in memory, so no per-hit array is built and nothing is sorted but the few kept.
  const best: { hit: HitSummaryDto; failed: number }[] = [];
  const closer = (a: { hit: HitSummaryDto; failed: number }, b: typeof a) =>
    a.failed < b.failed || (a.failed === b.failed && arrivalOrder(a.hit, b.hit) > 0);
  const readsRow = terms.some((term) => term.readsRow);
  for (const hit of hits) {
    const row = readsRow ? toQueryRow(hit) : undefined;
    let failed = 0;
    for (const term of terms) if (!term.test(hit, row)) failed++;
    if (failed === 0) continue;
    const entry = { hit, failed };
    if (best.length === limit && !closer(entry, best[limit - 1] as typeof entry)) continue;
    let at = best.length;
    while (at > 0 && closer(entry, best[at - 1] as typeof entry)) at--;
    best.splice(at, 0, entry);
    if (best.length > limit) best.pop();
  }
  // A hit sharing no term with the matcher says nothing about it, unless nothing came closer.
  const someClose = best.length > 0 && (best[0] as (typeof best)[number]).failed < terms.length;
  const useful = someClose ? best.filter((entry) => entry.failed < terms.length) : best;
  return useful.map(({ hit }) => {
    const failed = terms.filter((term) => !term.test(hit));
    return {
      hitId: hit.id,
      matchedTerms: terms.length - failed.length,
      totalTerms: terms.length,
      differences: failed.map((term) => difference(term, hit)),
      type: hit.type,
      summary: hit.summary,
    };
  });
}

/** The nearest misses as indented lines, for error messages and reports. */
export function describeMisses(misses: readonly NearMiss[]): string {
  if (misses.length === 0) return 'No hit to compare with: none was received.';
  const lines = [misses.length === 1 ? 'Nearest miss:' : 'Nearest misses:'];
  for (const miss of misses) {
    const what = [miss.type, miss.summary ? JSON.stringify(miss.summary) : '']
      .filter(Boolean)
      .join(' ');
    lines.push(
      `  hit ${miss.hitId}${what ? ` (${what})` : ''}: ${miss.matchedTerms} of ${miss.totalTerms} terms match`,
    );
    for (const diff of miss.differences) lines.push(`    ${diff.text}`);
  }
  return lines.join('\n');
}
