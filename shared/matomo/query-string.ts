// Tolerant decoder for query strings and form bodies, as PHP fills $_GET / $_POST for Matomo
// (docs/tracking-protocol.md#parameter-sources). It never throws: malformed input is kept as received and reported.
//
// - `+` is a space; `%XY` is a byte; a `%` not followed by two hex digits stays literal.
// - A decoded value whose bytes are not UTF-8 is read as Latin-1, as Matomo's sanitising does
//   (`%E9t%E9` is `été`), and reported (`encoding.invalid`); such a name shows U+FFFD.
// - Characters that a correct encoder always escapes (space, `"`, `<`, `>`, `{`, …, non-ASCII)
//   are reported when they arrive raw (`encoding.unescaped`).
// - Names follow PHP: leading spaces dropped, `.` and spaces become `_`, `name[key]` is an
//   array (kept under its received name and reported), an empty name is ignored.
//
// This is the hot path of the capture server (a bulk can carry 10,000 entries), so the common
// case — nothing to escape, nothing malformed — costs one native regex test per new pair and
// `decodeURIComponent` per component; the careful byte-level decoder runs only when needed.
// A pair that repeats at the same place of the query before (recent-pairs.ts) costs a compare
// and nothing else: only pairs without any finding are kept, unescaped characters included.
import { makeIssue } from './issue-codes';
import type { Issue, ParamOccurrence, ParamSource } from './types';
import { decodeUtf8, encodeUtf8 } from './utf8';
import { recentName, recentPair, rememberPair, type RecentPair } from './recent-pairs';

export interface DecodedQuery {
  occurrences: ParamOccurrence[];
  issues: Issue[];
}

// Control characters are exactly what these classes look for.
/* eslint-disable no-control-regex */
/** Characters that must not appear raw in a value (RFC 3986 / what encodeURIComponent escapes). */
export const UNSAFE_IN_VALUE = /[\u0000-\u0020"#<>[\\\]^`{|}\u007f-\uffff]/;
/** Same for names, where `[` and `]` are PHP array syntax and reported as such instead. */
const UNSAFE_IN_NAME = /[\u0000-\u0020"#<>\\^`{|}\u007f-\uffff]/;
const UNSAFE_CHAR_GLOBAL = /[\u0000-\u0020"#<>[\\\]^`{|}\u007f-\uffff]/gu;
/** Names PHP changes or reads specially: NUL, spaces, dots, `[` (see phpName). */
const SPECIAL_NAME = /[\u0000 .[]/;
/* eslint-enable no-control-regex */
const PLUS = /\+/g;

/** Where a parameter came from, in the words of issue messages. */
export const SOURCE_WORDS: Record<ParamSource, string> = {
  query: 'the URL query',
  body: 'the form body',
  bulk: 'the bulk entry',
};

/**
 * PHP's `max_input_vars` (1000 unless php.ini says otherwise — the built-in default and the
 * value in both php.ini files PHP ships): PHP fills $_GET, $_POST and the array parse_str
 * makes (bulk entries sent as URLs) with the first that many variables only, warns, and
 * ignores the rest (docs/tracking-protocol.md#parameter-sources).
 */
export const MAX_INPUT_VARS = 1000;

/** How far PHP reads a source: the pieces it may still register, and those it ignored. */
export interface InputVarsLeft {
  left: number;
  ignored: number;
}

/**
 * The count PHP starts from. The URL query and parse_str count non-empty pieces and stop
 * before the 1001st; the form body reader counts every piece, empty ones too, and stops only
 * after registering the 1001st. A multipart body's text fields stop before the 1001st
 * (MAX_INPUT_VARS: the multipart reader cuts them before they become a query).
 */
export function inputVarsOf(source: ParamSource): InputVarsLeft {
  return { left: varsReadOf(source), ignored: 0 };
}

/** How many variables PHP registers from `source` before it stops. */
const varsReadOf = (source: ParamSource): number =>
  source === 'body' ? MAX_INPUT_VARS + 1 : MAX_INPUT_VARS;

/** Splits and decodes `a=1&b=2` into occurrences in received order, plus encoding issues. */
export function decodeQuery(query: string, source: ParamSource): DecodedQuery {
  const decoded: DecodedQuery = { occurrences: [], issues: [] };
  const vars = inputVarsOf(source);
  decodeQueryInto(query, source, vars, decoded);
  const ignored = inputVarsIssue(vars, source);
  if (ignored !== null) decoded.issues.push(ignored);
  return decoded;
}

/**
 * Decodes the pieces PHP still reads (`vars` counts down across calls) into `into`
 * (`followedByAmp`: the text is a part of a longer one, cut before an `&`); the pieces past
 * the limit are only counted, so a request of 100,000 parameters costs no more
 * to analyse than one of a thousand. The text itself stays as sent (`rawQuery`).
 */
export function decodeQueryInto(
  query: string,
  source: ParamSource,
  vars: InputVarsLeft,
  into: DecodedQuery,
  followedByAmp = false,
  longValues?: LongValues,
): void {
  if (query.length === 0) return;
  const everyPieceCounts = source === 'body';
  let start = 0;
  let place = 0;
  const end = query.length;
  while (start <= end) {
    let amp = query.indexOf('&', start);
    if (amp === -1) amp = end;
    // The form body reader counts an empty piece too, unless it ends the text.
    const counted = amp > start || (everyPieceCounts && (amp < end || followedByAmp));
    if (counted && vars.left <= 0) {
      if (amp > start) vars.ignored++;
    } else if (counted) {
      vars.left--;
      if (amp > start) {
        const raw = query.slice(start, amp);
        const known = recentPair(place, raw);
        if (known !== undefined) {
          // The same occurrence serves every query that repeats it (none is ever changed).
          into.occurrences.push(
            known.source === source
              ? known
              : { name: known.name, value: known.value, raw: known.raw, source },
          );
        } else {
          const clean = decodeSegment(raw, source, into, longValues, recentName(place, raw));
          if (clean !== null) rememberPair(place, end, clean);
        }
        place++;
      }
    }
    start = amp + 1;
  }
}

/**
 * The start of `query` that holds every piece PHP reads of it (all of it when PHP reads it
 * whole): decoding it gives exactly what decoding `query` gives, less the count of ignored
 * pieces. Found without reading past it, so a stored hit of megabytes is read back at the
 * cost of the variables Matomo saw.
 */
export function partReadByPhp(query: string, source: ParamSource): string {
  // A text this short holds no more pieces than PHP reads (a form body's `&`s alone make at
  // most one piece more than its length, the others' pieces take two characters each): told
  // without the walk, which ran for every hit read back.
  if (query.length <= MAX_INPUT_VARS) return query;
  const vars = inputVarsOf(source);
  const everyPieceCounts = source === 'body';
  let start = 0;
  while (start < query.length) {
    let amp = query.indexOf('&', start);
    if (amp === -1) amp = query.length;
    if (amp > start || everyPieceCounts) {
      if (vars.left === 0) return query.slice(0, Math.max(0, start - 1));
      vars.left--;
    }
    start = amp + 1;
  }
  return query;
}

/** The finding for the pieces PHP ignored, or null when it read them all. */
export function inputVarsIssue(
  vars: InputVarsLeft,
  source: ParamSource,
  kept = varsReadOf(source),
): Issue | null {
  if (vars.ignored === 0) return null;
  const count = vars.ignored === 1 ? '1 parameter' : `${vars.ignored} parameters`;
  return makeIssue('param.input_limit', {
    message: `${count} in ${SOURCE_WORDS[source]} come after the first ${kept}: PHP stops reading a request's variables at max_input_vars (1000 by default), so Matomo never sees them.`,
  });
}

/**
 * Decodes one `name=value` pair into `occurrences` and its findings into `issues`; returns
 * its occurrence when it decoded cleanly and raised no finding (recent-pairs.ts may keep it).
 */
function decodeSegment(
  raw: string,
  source: ParamSource,
  { occurrences, issues }: DecodedQuery,
  longValues?: LongValues,
  knownName?: string,
): RecentPair | null {
  const eq = raw.indexOf('=');
  // A name known clean (recentName) is neither sliced nor decoded: only a finding's text
  // needs it as sent.
  const rawName = knownName !== undefined ? null : eq === -1 ? raw : raw.slice(0, eq);
  const rawValue = eq === -1 ? '' : raw.slice(eq + 1);
  // Fast path (almost every parameter): plain text, or escapes that decode cleanly.
  let decodedName = rawName === null ? (knownName as string) : decodeClean(rawName);
  const long = eq === -1 ? undefined : longValues?.get(rawValue);
  let value = long !== undefined ? long.text : decodeClean(rawValue);
  let nameProblem: string | null = null;
  let valueProblem: string | null = null;
  if (decodedName === null) {
    const slow = decodeBytewise(rawName as string, false);
    decodedName = slow.text;
    nameProblem = slow.problem;
  }
  if (value === null) {
    const slow = decodeBytewise(rawValue, true);
    value = slow.text;
    valueProblem = slow.problem;
  }
  const php =
    rawName !== null && (decodedName === '' || SPECIAL_NAME.test(decodedName))
      ? phpName(decodedName)
      : null;
  const name = php === null ? decodedName : php.name;
  const occurrence = { name, value, raw, source };
  occurrences.push(occurrence);
  // Tested per new pair, not over the whole query: the pairs found again (recent-pairs.ts)
  // were safe, and most of a query's text is theirs. The whole pair first: nearly always
  // safe, and then one test settles it. A long value was tested in steps: `=` is safe, and
  // what is unsafe in a name is unsafe in a value, so the test is the name's or the value's.
  const nameUnsafe = rawName !== null && UNSAFE_IN_NAME.test(rawName);
  const unsafe =
    long !== undefined
      ? nameUnsafe || long.unsafe
      : UNSAFE_IN_VALUE.test(raw) && (nameUnsafe || UNSAFE_IN_VALUE.test(rawValue));
  if (php === null && nameProblem === null && valueProblem === null && !unsafe) return occurrence;

  const nameSent = rawName ?? (eq === -1 ? raw : raw.slice(0, eq));
  const label = name === '' ? nameSent : name;
  const where = `in ${SOURCE_WORDS[source]}`;
  if (php !== null && php.kind !== 'plain') issues.push(nameIssue(php, decodedName, where));
  if (nameProblem !== null || valueProblem !== null) {
    const parts = [nameProblem, valueProblem].filter((p) => p !== null);
    issues.push(
      makeIssue('encoding.invalid', {
        param: label,
        message: `${label} ${where}: ${parts.join('; ')}.`,
      }),
    );
  }
  if (unsafe) {
    issues.push(
      makeIssue('encoding.unescaped', {
        param: label,
        message: `${label} ${where} contains ${describeUnsafe(raw, nameSent)} sent without percent-encoding.`,
      }),
    );
  }
  return null;
}

/**
 * Raw values of megabytes decoded and checked beforehand, a piece per step
 * (query-string-steps.ts), by their raw text: what decodeClean gives for each, and whether
 * UNSAFE_IN_VALUE finds a character in it.
 */
export type LongValues = Map<string, { text: string | null; unsafe: boolean }>;

/** The decoded text when decoding is clean, or null when the careful path must run. */
export function decodeClean(raw: string): string | null {
  const hasPlus = raw.indexOf('+') !== -1;
  const hasPercent = raw.indexOf('%') !== -1;
  if (!hasPlus && !hasPercent) return raw;
  const spaced = hasPlus ? raw.replace(PLUS, ' ') : raw;
  if (!hasPercent) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}

interface DecodedComponent {
  text: string;
  /** What was wrong, in words, or null. */
  problem: string | null;
  /** The bytes were not UTF-8 and were read as Latin-1. */
  latin1?: boolean;
}

/** Decodes one value: `+` → space, `%XY` → byte, bytes → UTF-8 (else Latin-1, as Matomo). */
export function decodeComponent(raw: string): DecodedComponent {
  const clean = decodeClean(raw);
  return clean === null ? decodeBytewise(raw, true) : { text: clean, problem: null };
}

/**
 * The careful path (`+` is a space): malformed escapes stay literal. Bytes that are not UTF-8
 * make a value Latin-1 text, whole: Matomo's sanitising finds that htmlspecialchars refuses
 * the value and converts it with utf8_encode (core/Common.php lines 411–420), so valid UTF-8
 * beside the bad bytes is converted too (`%C3%A9%E9` is `Ã©é`). Names are not sanitised:
 * their bad bytes show as U+FFFD.
 */
function decodeBytewise(text: string, isValue: boolean): DecodedComponent {
  const bytes: number[] = [];
  const badEscapes: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2b) {
      bytes.push(0x20);
    } else if (code === 0x25) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        bytes.push(hi * 16 + lo);
        i += 2;
        continue;
      }
      if (badEscapes.length < 3) badEscapes.push(text.slice(i, i + 3));
      bytes.push(code);
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const cp = text.codePointAt(i) as number;
      const chunk = String.fromCodePoint(cp);
      for (const b of encodeUtf8(chunk)) bytes.push(b);
      i += chunk.length - 1;
    }
  }
  const decoded = decodeUtf8(Uint8Array.from(bytes));
  if (!decoded.valid && isValue) decoded.text = latin1Text(bytes);
  const problems: string[] = [];
  if (badEscapes.length > 0) {
    problems.push(
      `${badEscapes.map((e) => JSON.stringify(e)).join(', ')} is not a valid percent-escape and is kept as literal text`,
    );
  }
  if (!decoded.valid) {
    problems.push(
      isValue
        ? `the decoded bytes are not valid UTF-8, so Matomo reads them as Latin-1: ${JSON.stringify(showStart(decoded.text))}`
        : 'the decoded bytes are not valid UTF-8 (shown here with � replacement characters)',
    );
  }
  const problem = problems.length > 0 ? problems.join('; ') : null;
  return !decoded.valid && isValue
    ? { text: decoded.text, problem, latin1: true }
    : { text: decoded.text, problem };
}

/** PHP utf8_encode: every byte is the Latin-1 character of the same number. */
function latin1Text(bytes: readonly number[]): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.slice(i, i + 4096));
  }
  return text;
}

const showStart = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

type PhpName =
  | { kind: 'plain'; name: string }
  | { kind: 'mangled'; name: string }
  | { kind: 'array'; name: string; arrayName: string; mangled: boolean }
  | { kind: 'ignored'; name: '' };

/**
 * The name PHP registers for a decoded name (docs/tracking-protocol.md#parameter-sources): everything after a NUL byte is lost,
 * leading spaces are dropped, `.` and spaces before the first `[` become `_`; `a[k]` is an
 * array named `a` (we keep the received name so the UI shows what was sent); a `[` without a
 * closing `]` becomes `_` and the rest is kept.
 */
export function phpName(decoded: string): PhpName {
  let name = decoded;
  const nul = name.indexOf('\u0000');
  if (nul !== -1) name = name.slice(0, nul);
  let lead = 0;
  while (lead < name.length && name.charCodeAt(lead) === 0x20) lead++;
  if (lead > 0) name = name.slice(lead);
  const bracket = name.indexOf('[');
  const head = bracket === -1 ? name : name.slice(0, bracket);
  const cleanHead = head.replace(/[ .]/g, '_');
  if (cleanHead === '') return { kind: 'ignored', name: '' };
  const changed = cleanHead !== head || lead > 0 || nul !== -1;
  if (bracket === -1)
    return changed ? { kind: 'mangled', name: cleanHead } : { kind: 'plain', name };
  const tail = name.slice(bracket);
  if (tail.indexOf(']') === -1) return { kind: 'mangled', name: `${cleanHead}_${tail.slice(1)}` };
  return { kind: 'array', name: cleanHead + tail, arrayName: cleanHead, mangled: changed };
}

function nameIssue(name: PhpName, decoded: string, where: string): Issue {
  const shown = JSON.stringify(decoded);
  if (name.kind === 'ignored') {
    return makeIssue('param.name_mangled', {
      message: `A parameter ${where} has the name ${shown}, which is empty once PHP has cleaned it: Matomo ignores it.`,
      hint: 'Give every parameter a name, e.g. idsite=1 (a bare "=value" or "&&" is dropped).',
    });
  }
  if (name.kind === 'array') {
    const flat = name.arrayName + name.name.slice(name.arrayName.length).replace(/[[\]]/g, '');
    return makeIssue('param.array', {
      param: name.name,
      message: `${shown} ${where} is PHP array syntax: Matomo receives an array named "${name.arrayName}", not a parameter called ${JSON.stringify(flat)}, and no tracking parameter accepts an array.`,
      hint: `Use the flat name, e.g. ${flat}=… instead of ${name.name}=…`,
    });
  }
  return makeIssue('param.name_mangled', {
    param: name.name,
    message: `The parameter name ${shown} ${where} reaches Matomo as "${name.name}" (PHP drops leading spaces and turns dots and spaces into underscores).`,
  });
}

/** Names the unescaped characters of a segment, e.g. `space, “ and ”`. */
function describeUnsafe(raw: string, rawName: string): string {
  // Each character described once: a value of thousands of raw `é`s described each of them,
  // a large part of a turn of the analysis.
  const seen = new Map<string, string>();
  UNSAFE_CHAR_GLOBAL.lastIndex = 0;
  for (const match of raw.matchAll(UNSAFE_CHAR_GLOBAL)) {
    const ch = match[0];
    if ((ch === '[' || ch === ']') && (match.index ?? 0) < rawName.length) continue;
    if (!seen.has(ch)) seen.set(ch, describeChar(ch));
    if (seen.size >= 6) break;
  }
  const list = [...seen.values()];
  if (list.length <= 1) return list[0] ?? 'characters';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

function describeChar(ch: string): string {
  if (ch === ' ') return 'raw spaces';
  const cp = ch.codePointAt(0) as number;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || cp === 0x7f) return `the control character ${hex}`;
  return `${ch} (${hex})`;
}
