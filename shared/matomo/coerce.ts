// How Matomo reads a raw parameter value as a typed one (docs/tracking-protocol.md#coercion). Matomo reads every
// typed parameter through one PHP helper: a missing or empty value gives the default, and a
// value of the wrong type is silently replaced by the default — no error. These functions
// reproduce that, and say *why* a value was refused so the validator can explain it.
import { exceedsJsonDepth, PHP_JSON_DEPTH } from './json-depth';
import type { ParamValue } from './types';
import { parsePhpJson } from './php-json';
import { jsonTextStart } from './json-text-start';
import { parseJsonValueInPieces } from './bulk-json';
import { drain } from '../steps';
import { phpRound } from './php-numbers';

export type Coerced<T> =
  { ok: true; value: T } | { ok: false; reason: 'missing' | 'empty' | 'type' | 'syntax' };

const PHP_SPACE = '[ \\t\\n\\r\\v\\f]*';
/** A PHP 8 "numeric string": optional surrounding whitespace, sign, decimal, exponent. */
const PHP_NUMERIC = new RegExp(
  `^${PHP_SPACE}[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?${PHP_SPACE}$`,
);
/**
 * The check Common::getRequestVar makes of a float (core/Common.php lines 585–594), on the
 * value with its commas turned into dots: no whitespace, optional exponent; PCRE's `$` also
 * matches before a final line feed.
 */
const FLOAT_CHECK = /^[+-]?([0-9]+|[0-9]*\.[0-9]+|[0-9]+\.)([eE][+-]?[0-9]+)?\n?$/;
/** The leading number PHP's (float) cast reads from a string; the rest is ignored. */
const LEADING_FLOAT = /^[ \t\n\r\v\f]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?/;
/** Largest magnitude PHP keeps as a 64-bit integer without losing the comparison. */
const INT_LIMIT = 2 ** 63;

/** PHP `is_numeric`. */
export function isPhpNumeric(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && PHP_NUMERIC.test(value);
}

/** True when Matomo treats the parameter as not sent (missing, null, `""`, or `false`). */
export function isUnset(value: ParamValue | undefined): boolean {
  return value === undefined || value === null || value === '' || value === false;
}

/**
 * PHP 8 loose integer check `value == (string)(int)value`: " 5", "5 ", "5.0", "1e2" (100)
 * pass; "5abc", "1.5", "0x1A", "abc" fail. Bulk numbers pass when integral; `true` reads as 1.
 */
export function readInt(value: ParamValue | undefined): Coerced<number> {
  if (value === undefined || value === null) return { ok: false, reason: 'missing' };
  if (value === '' || value === false) return { ok: false, reason: 'empty' };
  if (value === true) return { ok: true, value: 1 };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { ok: true, value } : { ok: false, reason: 'type' };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'type' };
  // Nearly every integer sent is a few plain digits: exact as a double, no rule to check.
  if (value.length <= 15 && isDigits(value)) return { ok: true, value: Number(value) };
  if (!PHP_NUMERIC.test(value)) return { ok: false, reason: 'syntax' };
  const number = Number(value.trim());
  if (!Number.isFinite(number) || Math.abs(number) >= INT_LIMIT) {
    return { ok: false, reason: 'syntax' };
  }
  const truncated = Math.trunc(number);
  return truncated === number ? { ok: true, value: truncated } : { ok: false, reason: 'syntax' };
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return text.length > 0;
}

/**
 * A float parameter as Common::getRequestVar reads it (core/Common.php lines 585–594, then
 * settype): the check sees commas as dots, but the value kept is PHP's (float) cast of the
 * text as sent, which stops at the comma: "10,50" is 10, ",5" is 0. `true` reads as 1.
 * Refused values (reason "syntax") get the parameter's default, cast to float.
 */
export function readFloat(value: ParamValue | undefined): Coerced<number> {
  if (value === undefined || value === null) return { ok: false, reason: 'missing' };
  if (value === '' || value === false) return { ok: false, reason: 'empty' };
  if (value === true) return { ok: true, value: 1 };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'type' };
  }
  if (typeof value !== 'string') return { ok: false, reason: 'type' };
  const checked = value.indexOf(',') === -1 ? value : value.replace(/,/g, '.');
  if (!FLOAT_CHECK.test(checked)) return { ok: false, reason: 'syntax' };
  const number = phpFloatCast(value);
  return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, reason: 'syntax' };
}

/** PHP's (float) cast of a string: its leading number, or 0. */
export function phpFloatCast(text: string): number {
  const match = LEADING_FLOAT.exec(text);
  return match ? Number(match[0].trim()) : 0;
}

/** PHP's (int) cast of a string: its leading number toward zero, held at the 64-bit limits. */
export function phpIntCast(text: string): number {
  return Math.max(-INT_LIMIT, Math.min(INT_LIMIT, Math.trunc(phpFloatCast(text))));
}

/** Strings as they are; numbers as their decimal text; lists, objects and booleans refused. */
export function readString(value: ParamValue | undefined): Coerced<string> {
  if (value === undefined || value === null) return { ok: false, reason: 'missing' };
  if (value === '' || value === false) return { ok: false, reason: 'empty' };
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { ok: true, value: String(value) }
      : { ok: false, reason: 'type' };
  }
  return { ok: false, reason: 'type' };
}

/**
 * JSON parameters: a string is parsed (invalid JSON reads as null, which Matomo treats as
 * not sent); any other value came from a bulk object and is used as it is.
 */
export function readJson(value: ParamValue | undefined): Coerced<unknown> {
  if (value === undefined || value === null) return { ok: false, reason: 'missing' };
  if (value === '' || value === false) return { ok: false, reason: 'empty' };
  if (typeof value !== 'string') return { ok: true, value };
  if (value.length >= JSON_IN_PIECES_CHARS) return drain(readJsonSteps(value));
  try {
    const parsed = parsePhpJson(value);
    // PHP's json_decode returns null for documents nested deeper than 512 levels; each level
    // takes a character, so a shorter text cannot be that deep.
    if (value.length > PHP_JSON_DEPTH && exceedsJsonDepth(parsed)) {
      return { ok: false, reason: 'syntax' };
    }
    return { ok: true, value: parsed };
  } catch {
    return { ok: false, reason: 'syntax' };
  }
}

/** JSON texts from this many characters are read in pieces, with pauses between them. */
export const JSON_IN_PIECES_CHARS = 64 * 1024;

/**
 * readJson in steps: a text of JSON_IN_PIECES_CHARS or more (a form body may hold `ec_items`
 * of megabytes) is parsed a list item or an object value at a time, as the bulk reader does.
 */
export function* readJsonSteps(value: ParamValue | undefined): Generator<void, Coerced<unknown>> {
  if (typeof value !== 'string' || value.length < JSON_IN_PIECES_CHARS) return readJson(value);
  const read = yield* parseJsonValueInPieces(value);
  return read === null ? { ok: false, reason: 'syntax' } : { ok: true, value: read.value };
}

/** Rounds money like Matomo: integers stay, other values get 2 decimals (docs/tracking-protocol.md#events-goals-ecommerce). */
export function roundMoney(value: number): number {
  return Number.isInteger(value) ? value : phpRound(value, 2);
}

/** Number of characters (code points), as PHP's multibyte functions count them. */
export function charLength(text: string): number {
  // UTF-16 units minus the surrogate pairs (a lone surrogate counts as one character).
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** The first `max` characters (code points) of a text. */
export function cutChars(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

/**
 * showRaw(JSON.stringify(value)) of a decoded JSON value, writing no more of its text than is
 * shown: an item of a JSON parameter may hold megabytes.
 */
export function showJson(value: unknown, max = 60): string {
  const text = jsonTextStart(value as ParamValue, max + 1);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Short printable form of a raw value for messages. */
export function showRaw(value: ParamValue | undefined, max = 60): string {
  const text = typeof value === 'string' ? value : jsonTextStart(value ?? null, max + 1);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
