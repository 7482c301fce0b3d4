// The longest text JSON.parse is handed while some work runs: a bound on it shows a long
// text was parsed in pieces (no timing involved). Restore with vi.restoreAllMocks().
import { vi } from 'vitest';

/** Records the longest text JSON.parse is given from now on. */
export function longestParsed(): () => number {
  const parse = JSON.parse.bind(JSON);
  let longest = 0;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver) => {
    longest = Math.max(longest, text.length);
    return parse(text, reviver) as unknown;
  });
  return () => longest;
}
