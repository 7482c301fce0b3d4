// What `hitscope diff` prints: the differences as text (one line per added or removed hit, a
// block per changed one), as JSON, or as JUnit XML with one test case per hit of the baseline
// and one per added hit.
import type { CaptureDiff, DiffEntry } from '../../../shared/diff/capture-diff';
import { junitXml, type JunitCase } from './junit';

export interface DiffSources {
  baseline: string;
  current: string;
  baselineHits: number;
  currentHits: number;
}

const SIGNS: Record<DiffEntry['kind'], string> = {
  added: '+ added  ',
  removed: '- removed',
  changed: '~ changed',
  same: '  same   ',
};

function where(entry: DiffEntry): string {
  const ids = [entry.baseline?.id, entry.current?.id].filter(Boolean);
  return ids.length === 2 ? `${ids[0]} → ${ids[1]}` : (ids[0] ?? '');
}

function counts(diff: CaptureDiff): string {
  const { added, removed, changed, same } = diff.counts;
  return `${added} added, ${removed} removed, ${changed} changed, ${same} the same`;
}

export function diffText(diff: CaptureDiff, sources: DiffSources): string {
  const lines = [
    `Comparing ${sources.baseline} (${sources.baselineHits} hits) with ${sources.current} (${sources.currentHits} hits)`,
    `Left out: ${diff.ignored.join(', ')}`,
    '',
  ];
  for (const entry of diff.entries) {
    if (entry.kind === 'same') continue;
    lines.push(`${SIGNS[entry.kind]}  ${entry.label}  (${where(entry)})`);
    for (const change of entry.changes) lines.push(`             ${change.text}`);
  }
  const differs = diff.counts.added + diff.counts.removed + diff.counts.changed > 0;
  if (differs) lines.push('');
  lines.push(`${differs ? 'Different' : 'The same'}: ${counts(diff)}.`, '');
  return lines.join('\n');
}

export function diffJson(diff: CaptureDiff, sources: DiffSources): string {
  return `${JSON.stringify({ ...sources, ...diff }, null, 2)}\n`;
}

function failureOf(entry: DiffEntry): string | null {
  switch (entry.kind) {
    case 'same':
      return null;
    case 'removed':
      return `Missing: the baseline has this hit (${entry.baseline?.id}), the current capture has none.`;
    case 'added':
      return `Unexpected: the current capture has this hit (${entry.current?.id}), the baseline has none.`;
    case 'changed':
      return [`Changed (${where(entry)}):`, ...entry.changes.map((c) => `  ${c.text}`)].join('\n');
  }
}

export function diffJunit(diff: CaptureDiff, sources: DiffSources): string {
  const cases: JunitCase[] = diff.entries.map((entry) => ({
    name: entry.label,
    failure: failureOf(entry),
  }));
  return junitXml(`Capture ${sources.current} against ${sources.baseline}`, cases);
}
