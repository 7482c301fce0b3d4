// How many hits an expectation wants: `1` (exactly one), `0` (forbidden), `>=1`, `<=2`,
// `>1`, `<3`, `=2` or a range `2..5`. Without a count, an expectation wants at least one.

export interface CountRule {
  min: number;
  /** null: no upper bound. */
  max: number | null;
  /** In words: `exactly 1`, `at least 1`, `at most 2`, `none`, `from 2 to 5`. */
  text: string;
}

const COMPARISON = /^(>=|<=|>|<|=)?\s*(\d+)$/;
const RANGE = /^(\d+)\s*\.\.\s*(\d+)$/;

export const COUNT_FORMS = '1, 0 (forbidden), ">=1", "<=2", ">1", "<3" or "2..5"';

function words(min: number, max: number | null): string {
  if (max === null) return `at least ${min}`;
  if (max === 0) return 'none';
  if (min === max) return `exactly ${min}`;
  if (min === 0) return `at most ${max}`;
  return `from ${min} to ${max}`;
}

function rule(min: number, max: number | null): CountRule {
  return { min, max, text: words(min, max) };
}

/** The rule of a count as written in a plan; an Error saying the accepted forms when unreadable. */
export function parseCount(value: number | string | undefined): CountRule {
  if (value === undefined) return rule(1, null);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`must be a whole number ≥ 0 or one of ${COUNT_FORMS}, got ${value}.`);
    }
    return rule(value, value);
  }
  const text = value.trim();
  const range = RANGE.exec(text);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min > max) throw new Error(`the range "${text}" ends before it starts.`);
    return rule(min, max);
  }
  const comparison = COMPARISON.exec(text);
  if (!comparison) throw new Error(`must be one of ${COUNT_FORMS}, got "${value}".`);
  const n = Number(comparison[2]);
  switch (comparison[1]) {
    case '>=':
      return rule(n, null);
    case '>':
      return rule(n + 1, null);
    case '<=':
      return rule(0, n);
    case '<':
      if (n === 0) throw new Error('"<0" can never be met.');
      return rule(0, n - 1);
    default:
      return rule(n, n);
  }
}
