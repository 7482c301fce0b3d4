// "Expected 3 events, got 2" says nothing about why. When no hit satisfies a matcher, the
// hits that came closest (most terms matched) are listed with what each term wanted and
// what the hit had instead: `e_a: expected "Play", got "play"`. The same text is used by
// timed-out waits, `hitscope check`, JUnit reports and test helpers.
import type { HitSummaryDto } from '../api/types';
import { matcherTerms, type HitMatcher, type MatcherTerm } from './expectation';

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

/** Newer first: by arrival time, then by position in a bulk. */
function newerFirst(a: HitSummaryDto, b: HitSummaryDto): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  return b.index - a.index;
}

/**
 * The hits that do not satisfy the matcher but come closest to it: most terms matched
 * first, the newest first among equals. Hits that satisfy it are not misses.
 */
export function nearestMisses(
  m: HitMatcher,
  hits: readonly HitSummaryDto[],
  limit = 3,
): NearMiss[] {
  const terms = matcherTerms(m);
  if (terms.length === 0 || limit <= 0) return [];
  const scored: { hit: HitSummaryDto; failed: MatcherTerm[] }[] = [];
  for (const hit of hits) {
    const failed = terms.filter((term) => !term.test(hit));
    if (failed.length > 0) scored.push({ hit, failed });
  }
  scored.sort((a, b) => a.failed.length - b.failed.length || newerFirst(a.hit, b.hit));
  return scored.slice(0, limit).map(({ hit, failed }) => ({
    hitId: hit.id,
    matchedTerms: terms.length - failed.length,
    totalTerms: terms.length,
    differences: failed.map((term) => difference(term, hit)),
    type: hit.type,
    summary: hit.summary,
  }));
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
