// How a goal pattern is tested against a text (core/Tracker/GoalManager.php lines 852–990):
// contains is strpos/stripos, exact is strcmp/strcasecmp (ASCII case folding, as PHP 8 does),
// regex is preg_match on the pattern wrapped in slashes, with /i unless case-sensitive. A
// pattern that does not match is tried once more URL-decoded (lines 852–866), since users
// often paste an encoded URL.
import { asciiLower } from '../php-text';
import { phpRegex } from '../php-regex';
import { decodeComponent } from '../query-string';
import type { GoalPatternType } from './goal-definition';

/** GoalManager::formatRegex (lines 979–988): slashes escaped unless some already are. */
export function goalRegexSource(pattern: string, caseSensitive = true): string {
  const body =
    pattern.includes('/') && !pattern.includes('\\/') ? pattern.replace(/\//g, '\\/') : pattern;
  return `/${body}/${caseSensitive ? '' : 'i'}`;
}

function testOnce(
  type: GoalPatternType,
  pattern: string,
  text: string,
  caseSensitive: boolean,
): boolean {
  switch (type) {
    case 'regex':
      return phpRegex(goalRegexSource(pattern, caseSensitive))?.test(text) ?? false;
    case 'contains':
      return caseSensitive
        ? text.includes(pattern)
        : asciiLower(text).includes(asciiLower(pattern));
    case 'exact':
      return caseSensitive ? text === pattern : asciiLower(text) === asciiLower(pattern);
    default:
      return false;
  }
}

/** isUrlMatchingGoal: the pattern as written, then URL-decoded. */
export function goalPatternMatches(
  type: GoalPatternType,
  pattern: string,
  text: string,
  caseSensitive: boolean,
): boolean {
  if (testOnce(type, pattern, text, caseSensitive)) return true;
  const decoded = decodeComponent(pattern).text;
  return decoded !== pattern && testOnce(type, decoded, text, caseSensitive);
}
