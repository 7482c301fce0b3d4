// Characters that change how text displays without being seen: bidirectional controls, which
// can make `gnp.exe` display as `exe.png`, and invisible format characters (zero-width spaces
// and joiners, the byte order mark, the soft hyphen). Matomo stores them as sent: it only
// drops NUL bytes and escapes HTML (core/Common.php, sanitizeString, lines 401–421). The UI
// shows each one as a visible mark, and the validator reports them (value.invisible_control).
import { jsonPieces } from './json-pieces';
import type { ParamValue } from './types';

/** The name and short label of each such character. */
const NAMED: Record<number, [label: string, name: string]> = {
  0x00ad: ['SHY', 'soft hyphen'],
  0x061c: ['ALM', 'Arabic letter mark'],
  0x180e: ['MVS', 'Mongolian vowel separator'],
  0x200b: ['ZWSP', 'zero width space'],
  0x200c: ['ZWNJ', 'zero width non-joiner'],
  0x200d: ['ZWJ', 'zero width joiner'],
  0x200e: ['LRM', 'left-to-right mark'],
  0x200f: ['RLM', 'right-to-left mark'],
  0x202a: ['LRE', 'left-to-right embedding'],
  0x202b: ['RLE', 'right-to-left embedding'],
  0x202c: ['PDF', 'pop directional formatting'],
  0x202d: ['LRO', 'left-to-right override'],
  0x202e: ['RLO', 'right-to-left override'],
  0x2060: ['WJ', 'word joiner'],
  0x2061: ['FA', 'function application'],
  0x2062: ['IT', 'invisible times'],
  0x2063: ['IS', 'invisible separator'],
  0x2064: ['IP', 'invisible plus'],
  0x2066: ['LRI', 'left-to-right isolate'],
  0x2067: ['RLI', 'right-to-left isolate'],
  0x2068: ['FSI', 'first strong isolate'],
  0x2069: ['PDI', 'pop directional isolate'],
  0xfeff: ['BOM', 'zero width no-break space (byte order mark)'],
};

/** The characters above, and C0/C1 control characters other than tab, line feed and return. */
const SHOWN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const SHOWN_ALL = new RegExp(SHOWN.source, 'gu');

/** Only the bidirectional and invisible format characters (what the validator reports). */
const FORMAT = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

export interface ShownControl {
  /** The character itself. */
  char: string;
  /** A short visible label: `RLO`, `ZWSP`, or `U+0007` for other control characters. */
  label: string;
  /** `U+202E right-to-left override`. */
  title: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

export function describeControl(char: string): ShownControl {
  const code = char.codePointAt(0) ?? 0;
  const named = NAMED[code];
  return named
    ? { char, label: named[0], title: `${hex(code)} ${named[1]}` }
    : { char, label: hex(code), title: `${hex(code)} control character` };
}

/** `text` cut around the characters to show: strings as they are, controls described. */
export function splitControls(text: string): (string | ShownControl)[] {
  if (!SHOWN.test(text)) return [text];
  const parts: (string | ShownControl)[] = [];
  let at = 0;
  for (const match of text.matchAll(SHOWN_ALL)) {
    if (match.index > at) parts.push(text.slice(at, match.index));
    parts.push(describeControl(match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

// The same class without the u flag, which is quicker to run: every character in it is a
// single UTF-16 unit, so reading the text unit by unit finds the same ones.
const FORMAT_UNITS = new RegExp(FORMAT.source);

/** Whether `text` holds a bidirectional or invisible format character. */
export const hasFormatControl = (text: string): boolean => FORMAT_UNITS.test(text);

/** The bidirectional and invisible format characters in `text`, each once, in order. */
export function formatControlsIn(text: string): ShownControl[] {
  if (!FORMAT.test(text)) return [];
  const seen = new Map<string, ShownControl>();
  for (const char of text) {
    if (FORMAT.test(char) && !seen.has(char)) seen.set(char, describeControl(char));
  }
  return [...seen.values()];
}

/** The characters FORMAT finds, each a single UTF-16 unit. */
const FORMAT_CHARS = Object.keys(NAMED)
  .map(Number)
  .filter((code) => FORMAT.test(String.fromCharCode(code)))
  .map((code) => String.fromCharCode(code));

/**
 * formatControlsIn of a text read a slice at a time: every character looked for is a single
 * UTF-16 unit, so a cut anywhere finds the same ones; they are listed in the order they first
 * appear, as formatControlsIn lists them.
 */
class FormatControlScan {
  /** Each character found, with where it was first found. */
  private readonly firstAt = new Map<string, number>();
  private read = 0;

  /** Reads the next slice of the text. */
  add(slice: string): void {
    if (FORMAT_UNITS.test(slice)) {
      for (const char of FORMAT_CHARS) {
        if (this.firstAt.has(char)) continue;
        const found = slice.indexOf(char);
        if (found !== -1) this.firstAt.set(char, this.read + found);
      }
    }
    this.read += slice.length;
  }

  found(): ShownControl[] {
    return [...this.firstAt].sort((a, b) => a[1] - b[1]).map(([char]) => describeControl(char));
  }
}

/**
 * formatControlsIn for a value of megabytes, `sliceChars` at a time, pausing after each slice:
 * one test of a whole 8 MB value held the loop for tens of milliseconds.
 */
export function* formatControlsInSteps(
  text: string,
  sliceChars: number,
): Generator<void, ShownControl[]> {
  const scan = new FormatControlScan();
  for (let at = 0; at < text.length; at += sliceChars) {
    scan.add(text.slice(at, at + sliceChars));
    yield;
  }
  return scan.found();
}

/**
 * formatControlsIn(JSON.stringify(value)) for a value of megabytes, its JSON text read a piece
 * of about `sliceChars` at a time (json-pieces.ts), a pause after each: stringifying an 8 MB
 * list at once held the loop for tens of milliseconds.
 */
export function* formatControlsInValueSteps(
  value: ParamValue,
  sliceChars: number,
): Generator<void, ShownControl[]> {
  // JSON writes none of these characters itself and each one of a text as it is: a text is
  // read as it is, without the copy escaping it would make.
  if (typeof value === 'string') return yield* formatControlsInSteps(value, sliceChars);
  const scan = new FormatControlScan();
  for (const piece of jsonPieces(value, sliceChars)) {
    scan.add(piece);
    // Only the last piece is shorter: a small value goes without a pause.
    if (piece.length >= sliceChars) yield;
  }
  return scan.found();
}
