// Whether a user agent is a bot, decided as DeviceDetector 6.4.1 decides it (the release
// Matomo 5 pins), with its own pattern list (patterns.ts):
// - each pattern only matches at the start of the text or after a character that is not a
//   letter, digit, `_` or `-` (Parser/AbstractParser.php lines 310–330 at 6.4.1);
// - one combined pattern, every entry joined with `|` (last entry first), is tried before the
//   entries one by one (Parser/Bot.php lines 40–60; AbstractParser.php lines 390–412). Here
//   the combination is split in groups of consecutive entries: "some entry matches" is the
//   same question, the first entry that matches is in the first group that does, and each
//   group compiles in a few milliseconds where the whole list took ~200 ms in one piece, a
//   stall a server cannot afford (warmBotPatternSteps compiles them one by one);
// - the first entry that matches names the bot, its name taken as written.
// PHP runs the patterns with PCRE on bytes, case-insensitively, without the `u` and `D`
// modifiers; the translation below keeps what differs in JavaScript (see toJsPattern).
import { BOT_PATTERNS } from './patterns';
import { patternInUse, warmPattern } from '../warm-patterns';

const PREFIX = '(?:^|[^A-Z0-9_-]|[^A-Z0-9-]_|sprd-|MZ-)';

/** Entries per combined pattern: small enough to compile well within one event-loop turn. */
const GROUP_SIZE = 48;

interface Compiled {
  groups: { overall: RegExp; entries: { pattern: RegExp; name: string }[] }[];
}
let compiled: Compiled | null = null;

/** The name of the bot whose pattern matches the user agent, or null for no bot. */
export function botNameOf(userAgent: string): string | null {
  compiled ??= compile();
  for (const group of compiled.groups) {
    patternInUse(group.overall);
    if (!group.overall.test(userAgent)) continue;
    for (const { pattern, name } of group.entries) {
      patternInUse(pattern);
      if (pattern.test(userAgent)) return name;
    }
    // The combined pattern matched and no entry did: DeviceDetector reports no bot then.
    return null;
  }
  return null;
}

/**
 * Compiles every pattern now: a server does it at startup rather than on a request. The
 * engine compiles a pattern on its first runs, so each one is run on a text it does not
 * match (warmPattern); uncompiled, the first user agent that reached the last entries took
 * ~250 ms.
 */
export function compileBotPatterns(): void {
  for (const step of warmBotPatternSteps()) step();
}

/** The same work as compileBotPatterns, a few patterns per step (a few ms each). */
export function* warmBotPatternSteps(): Generator<() => void> {
  compiled ??= compile();
  for (const group of compiled.groups) {
    yield () => warmPattern(group.overall);
    for (let start = 0; start < group.entries.length; start += 8) {
      const slice = group.entries.slice(start, start + 8);
      yield () => slice.forEach(({ pattern }) => warmPattern(pattern));
    }
  }
}

function compile(): Compiled {
  const sources = BOT_PATTERNS.map(([source]) => toJsPattern(source));
  const groups: Compiled['groups'] = [];
  for (let start = 0; start < sources.length; start += GROUP_SIZE) {
    const own = sources.slice(start, start + GROUP_SIZE);
    groups.push({
      overall: new RegExp(`${PREFIX}(?:${own.join('|')})`, 'i'),
      entries: BOT_PATTERNS.slice(start, start + GROUP_SIZE).map(([, name], index) => ({
        pattern: new RegExp(`${PREFIX}(?:${own[index]})`, 'i'),
        name,
      })),
    });
  }
  return { groups };
}

/**
 * A PCRE pattern (no `s`, `m`, `D` or `u` modifier) as a JavaScript pattern of the same
 * meaning, for the syntax the bot list uses:
 * - `.` matches any character but a line feed in PCRE; in JavaScript it also stops at `\r`,
 *   U+2028 and U+2029, so it becomes `[^\n]`;
 * - `$` matches at the end and before a final line feed in PCRE, only at the end in
 *   JavaScript, so it becomes `(?=\n?$)`.
 * Escapes and character classes are copied as they are (`\d`, `\w` and `\b` are ASCII in
 * both; the list has no `\s`, POSIX class, possessive quantifier or inline flag — the test
 * checks). PCRE reads bytes where JavaScript reads UTF-16 units: the patterns are ASCII and
 * only ask whether a character is (not) a given ASCII one, which both answer alike.
 */
export function toJsPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal member in both dialects.
      const negated = source[i + 1] === '^';
      out += negated ? '[^' : '[';
      if (negated) i++;
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (char === '.') {
      out += '[^\\n]';
    } else if (char === '$') {
      out += '(?=\\n?$)';
    } else {
      out += char;
    }
  }
  return out;
}
