// Whether a user agent is a bot, decided as DeviceDetector 6.4.1 decides it (the release
// Matomo 5 pins), with its own pattern list (patterns.ts):
// - each pattern only matches at the start of the text or after a character that is not a
//   letter, digit, `_` or `-` (Parser/AbstractParser.php lines 310–330 at 6.4.1);
// - one combined pattern, every entry joined with `|` (last entry first), is tried before the
//   entries one by one (Parser/Bot.php lines 40–60; AbstractParser.php lines 390–412);
// - the first entry that matches names the bot, its name taken as written.
// PHP runs the patterns with PCRE on bytes, case-insensitively, without the `u` and `D`
// modifiers; the translation below keeps what differs in JavaScript (see toJsPattern).
import { BOT_PATTERNS } from './patterns';

const PREFIX = '(?:^|[^A-Z0-9_-]|[^A-Z0-9-]_|sprd-|MZ-)';

interface Compiled {
  overall: RegExp;
  entries: { pattern: RegExp; name: string }[];
}
let compiled: Compiled | null = null;

/** The name of the bot whose pattern matches the user agent, or null for no bot. */
export function botNameOf(userAgent: string): string | null {
  compiled ??= compile();
  if (!compiled.overall.test(userAgent)) return null;
  for (const { pattern, name } of compiled.entries) {
    if (pattern.test(userAgent)) return name;
  }
  // The combined pattern matched and no entry did: DeviceDetector reports no bot then.
  return null;
}

/**
 * Compiles every pattern now: a server does it at startup rather than on a request. The
 * engine compiles a pattern on its first runs, so each one is run on texts it does not
 * match; uncompiled, the first user agent that reached the last entries took ~250 ms.
 */
export function compileBotPatterns(): void {
  compiled ??= compile();
  // The first run is interpreted, the second compiles to machine code.
  for (let run = 0; run < 2; run++) {
    compiled.overall.test('Hitscope warm-up');
    for (const { pattern } of compiled.entries) pattern.test('Hitscope warm-up');
  }
}

function compile(): Compiled {
  const sources = BOT_PATTERNS.map(([source]) => toJsPattern(source));
  return {
    overall: new RegExp(`${PREFIX}(?:${[...sources].reverse().join('|')})`, 'i'),
    entries: BOT_PATTERNS.map(([, name], index) => ({
      pattern: new RegExp(`${PREFIX}(?:${sources[index]})`, 'i'),
      name,
    })),
  };
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
