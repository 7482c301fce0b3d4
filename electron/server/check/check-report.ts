// What `hitscope check` prints: a terminal report (one block per expectation, the nearest
// misses under an unmet one, a last line with the verdict) or the result as JSON.
import { plural } from '../../../shared/plan/hit-order';
import type { PlanResult } from '../../../shared/plan/plan';

export interface ReportContext {
  /** The plan file as given. */
  plan: string;
  /** Where the hits came from: `capture.ndjson`, `http://127.0.0.1:8765 (run ci-1)`. */
  source: string;
  /** Colour the status words (a terminal that wants colour). */
  color: boolean;
}

const COLORS = { pass: '\u001b[32m', fail: '\u001b[31m', open: '\u001b[33m', note: '\u001b[36m' };
const RESET = '\u001b[0m';

type Word = keyof typeof COLORS;

function label(word: Word, color: boolean): string {
  const text = word.toUpperCase().padEnd(4);
  return color ? `${COLORS[word]}${text}${RESET}` : text;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

function block(word: Word, title: string, message: string, color: boolean): string {
  return `${label(word, color)}  ${title}\n${indent(message, '      ')}`;
}

export function checkText(result: PlanResult, context: ReportContext): string {
  const { color } = context;
  const blocks: string[] = [];
  for (const expectation of result.expectations) {
    blocks.push(block(expectation.status, expectation.name, expectation.message, color));
  }
  for (const check of result.issues) {
    blocks.push(block(check.status, `Issues: ${check.name}`, check.message, color));
  }
  const unplanned = result.unplanned;
  if (unplanned.mode !== 'allow' && unplanned.hitIds.length > 0) {
    const word: Word = unplanned.status === 'fail' ? 'fail' : 'note';
    blocks.push(block(word, 'Unplanned hits', unplanned.message, color));
  }
  const failed = result.expectations.filter((e) => e.status !== 'pass').length;
  const total = result.expectations.length;
  const otherFailures =
    result.issues.filter((check) => check.status === 'fail').length +
    (unplanned.status === 'fail' ? 1 : 0);
  const parts = [
    failed === 0
      ? `all ${plural(total, 'expectation')} met`
      : `${failed} of ${plural(total, 'expectation')} not met`,
  ];
  if (otherFailures > 0) parts.push(`${plural(otherFailures, 'other check')} failed`);
  parts.push(`${plural(result.hits, 'hit')} checked`);
  const verdict = result.status === 'pass' ? 'pass' : 'fail';
  return [
    `Checking ${context.plan} against ${context.source}`,
    '',
    ...blocks.flatMap((text) => [text, '']),
    `${label(verdict, color)}  ${parts.join(', ')}.`,
    '',
  ].join('\n');
}

/** `--json`: the plan result with where it came from; stable field names for scripts. */
export function checkJson(result: PlanResult, context: Omit<ReportContext, 'color'>): string {
  return `${JSON.stringify({ plan: context.plan, source: context.source, ...result }, null, 2)}\n`;
}
