// Characters that change how text displays without being seen: bidirectional controls, which
// can make `gnp.exe` display as `exe.png`, and invisible format characters (zero-width spaces
// and joiners, the byte order mark, the soft hyphen). Matomo stores them as sent: it only
// drops NUL bytes and escapes HTML (core/Common.php, sanitizeString, lines 401–421). The UI
// shows each one as a visible mark, and the validator reports them (value.invisible_control).

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
 * formatControlsIn for a value of megabytes, `sliceChars` at a time, pausing after each slice:
 * one test of a whole 8 MB value held the loop for tens of milliseconds. Every character
 * looked for is a single UTF-16 unit, so a cut anywhere finds the same ones; they are listed
 * in the order they first appear, as formatControlsIn lists them.
 */
export function* formatControlsInSteps(
  text: string,
  sliceChars: number,
): Generator<void, ShownControl[]> {
  const firstAt = new Map<string, number>();
  for (let at = 0; at < text.length; at += sliceChars) {
    const slice = text.slice(at, at + sliceChars);
    if (FORMAT_UNITS.test(slice)) {
      for (const char of FORMAT_CHARS) {
        if (firstAt.has(char)) continue;
        const found = slice.indexOf(char);
        if (found !== -1) firstAt.set(char, at + found);
      }
    }
    yield;
  }
  return [...firstAt].sort((a, b) => a[1] - b[1]).map(([char]) => describeControl(char));
}

/**
 * formatControlsIn(JSON.stringify(value)) for an array or object of megabytes, without building
 * its text, pausing after about `sliceChars` characters read: stringifying an 8 MB list at once
 * held the loop for tens of milliseconds. JSON writes none of these characters itself, and
 * writes each one found in a key or a text as it is, so reading the keys and texts in the
 * order JSON writes them (Object.keys order) lists the same characters in the same order.
 */
export function* formatControlsInValueSteps(
  value: unknown,
  sliceChars: number,
): Generator<void, ShownControl[]> {
  const seen = new Map<string, ShownControl>();
  const note = (found: readonly ShownControl[]) => {
    for (const control of found) if (!seen.has(control.char)) seen.set(control.char, control);
  };
  // What is left to read, the next at the end; an object's keys are read as texts.
  const pending: unknown[] = [value];
  let read = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.length > sliceChars) note(yield* formatControlsInSteps(next, sliceChars));
      else if (hasFormatControl(next)) note(formatControlsIn(next));
      read += next.length;
    } else if (Array.isArray(next)) {
      for (let i = next.length - 1; i >= 0; i--) pending.push(next[i]);
    } else if (typeof next === 'object' && next !== null) {
      const keys = Object.keys(next);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        pending.push((next as Record<string, unknown>)[key], key);
      }
    }
    // Numbers, punctuation and list pushes cost too: about a short text's worth each.
    read += 8;
    if (read >= sliceChars) {
      read = 0;
      yield;
    }
  }
  return [...seen.values()];
}
