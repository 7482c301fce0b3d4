// A hit's issues as every reader sees them: the issues judged when it arrived, plus the
// cross-hit findings the visit engine made of it. A finding with the code of an issue the hit
// already has (a duplicate order, linked to the first order) replaces that issue.
import type { Issue } from '../matomo/types';

/** The cross-hit findings of a hit, by its id (none when it has none). */
export type FindingsOfHit = (hitId: string) => readonly Issue[];

export function withFindings(issues: readonly Issue[], findings: readonly Issue[]): Issue[] {
  if (findings.length === 0) return issues as Issue[];
  const codes = new Set(findings.map((finding) => finding.code));
  return [...issues.filter((issue) => !codes.has(issue.code)), ...findings];
}
