// A PHP (PCRE) pattern such as `/bot/i` or `#crawler#`, as far as JavaScript can run it.
// Matomo tries each excluded user agent as a pattern with preg_match and treats the text as a
// pattern whenever PHP accepts it: a delimiter that is not a letter, digit or backslash
// (brackets pair up: `(bot)` is the pattern `bot`), a closing delimiter, known modifiers.
// Patterns JavaScript cannot compile count as not a pattern; PCRE-only syntax is not modelled.

import { LruCache } from './lru';

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const MODIFIERS = /^[imsxADSUXJun\s]*$/;

/** Compiled patterns by text: profile entries are few and tried on every hit. */
const compiled = new LruCache<string, RegExp | null>(500);

/** The pattern as a JavaScript RegExp, or null when PHP would not accept it as a pattern. */
export function phpRegex(text: string): RegExp | null {
  const known = compiled.get(text);
  if (known !== undefined) return known;
  const pattern = compile(text);
  compiled.set(text, pattern);
  return pattern;
}

function compile(text: string): RegExp | null {
  const start = text.search(/\S/);
  if (start === -1) return null;
  const open = text[start] as string;
  if (/[A-Za-z0-9\\]/.test(open)) return null;
  const close = PAIRS[open] ?? open;
  let depth = 0;
  let end = -1;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
    } else if (char === close && depth === 0) {
      end = i;
      break;
    } else if (close !== open && char === open) depth++;
    else if (close !== open && char === close) depth--;
  }
  if (end === -1) return null;
  const modifiers = text.slice(end + 1);
  if (!MODIFIERS.test(modifiers)) return null;
  const flags = [...new Set(modifiers.replace(/[^imsu]/g, ''))].join('');
  try {
    return new RegExp(text.slice(start + 1, end), flags);
  } catch {
    return null;
  }
}
