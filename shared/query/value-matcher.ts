// How `name:value` tests a parameter's value: `>10`, `<=2.5` compare numbers, a value with
// `*` is a wildcard pattern over the whole value, anything else is a case-insensitive
// "contains". The server evaluates queries sent by API clients, so a pattern is matched
// without regular expressions: `*a*a*a…` stays linear instead of backtracking.

export const NUMERIC = /^(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/;

export interface ValueMatcher {
  test: (text: string) => boolean;
  phrase: string;
}

/** Whole-value wildcard match, case-insensitive; `*` stands for any text, even empty. */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const parts = pattern.toLowerCase().split('*');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1).filter(Boolean);
  if (parts.length === 1) return (text) => text.toLowerCase() === first;
  return (raw) => {
    const text = raw.toLowerCase();
    if (text.length < first.length + last.length) return false;
    if (!text.startsWith(first) || !text.endsWith(last)) return false;
    const end = text.length - last.length;
    let at = first.length;
    // Leftmost placement of each middle part leaves the most room for the next ones.
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}

export function valueMatcher(value: string): ValueMatcher {
  const numeric = NUMERIC.exec(value);
  if (numeric) {
    const op = numeric[1];
    const bound = Number(numeric[2]);
    const compare = (n: number) =>
      op === '>' ? n > bound : op === '<' ? n < bound : op === '>=' ? n >= bound : n <= bound;
    return {
      test: (text) => text.trim() !== '' && !Number.isNaN(Number(text)) && compare(Number(text)),
      phrase: `${op} ${bound}`,
    };
  }
  if (value.includes('*')) {
    return { test: wildcardMatcher(value), phrase: `matches ${value}` };
  }
  const lower = value.toLowerCase();
  return {
    test: (text) => text.toLowerCase().includes(lower),
    phrase: `contains "${value}"`,
  };
}
