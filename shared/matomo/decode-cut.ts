// Decoding a long value again from the beginning of its text. The answers meant for reading
// carry the first TEXT_PREFIX_CHARS of a long value (docs/api.md#long-values), and its decoded
// view is rebuilt from that beginning too, not to decode megabytes on every read. A JSON text
// cut anywhere is no valid JSON: decoded as it is, it would read as invalid and ignored, which
// the whole value, analysed on arrival, need not be. The beginning is read up to its last
// whole member instead (a list item, an object key), and decoded as Matomo decodes the whole.
import { decodeValue } from './decode';
import { findParamSpec } from './params';
import type { CutForReading, DecodedParam, Issue } from './types';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isOpener = (code: number): boolean => code === 0x5b || code === 0x7b; // [ {
const isCloser = (code: number): boolean => code === 0x5d || code === 0x7d; // ] }

/** The beginning of a JSON list or object, up to its last whole member, closed again. */
export interface WholeMembers {
  json: string;
  members: number;
}

/**
 * `text` (the beginning of a JSON list or object) up to its last whole top-level member and
 * closed again; null when it is neither, or holds no whole member. A text that is whole is
 * answered as it is.
 */
export function wholeMembersOf(text: string): WholeMembers | null {
  const start = text.search(/\S/);
  if (start < 0 || !isOpener(text.charCodeAt(start))) return null;
  const close = text[start] === '[' ? ']' : '}';
  let depth = 0;
  let inString = false;
  let members = 0;
  let lastEnd = -1;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (isOpener(code)) {
      depth++;
    } else if (isCloser(code)) {
      depth--;
      if (depth === 0) {
        const empty = text.slice(start + 1, i).trim() === '';
        return { json: text.slice(start, i + 1), members: empty ? 0 : members + 1 };
      }
    } else if (code === COMMA && depth === 1) {
      lastEnd = i;
      members++;
    }
  }
  return lastEnd < 0 ? null : { json: `${text.slice(start, lastEnd)}${close}`, members };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Whether Matomo reads this parameter's text as JSON. */
const readsJson = (name: string, raw: string): boolean =>
  findParamSpec(name)?.type === 'json' || (name === '_pkc' && raw.startsWith('["'));

/**
 * `decoded`, decoded again from the beginning of its text only (its `raw`), marked as cut for
 * reading. `wholeChars` is the length of the whole value; `issues` are the hit's, found on
 * arrival from the whole value. A JSON value shows what its whole members decode to; one whose
 * first member is not whole yet says it is too long to decode for display. Only a value found
 * invalid on arrival keeps the invalid state.
 */
export function decodedCutForReading(
  decoded: DecodedParam,
  wholeChars: number,
  issues: readonly Issue[],
): DecodedParam {
  const { name, raw } = decoded;
  const cut: CutForReading = {
    chars: wholeChars,
    decodedChars: typeof raw === 'string' ? raw.length : 0,
  };
  if (typeof raw !== 'string' || !readsJson(name, raw)) return { ...decoded, cutForReading: cut };
  const invalidOnArrival = issues.some(
    (issue) => issue.param === name && issue.code === 'json.invalid',
  );
  if (invalidOnArrival) return { ...decoded, cutForReading: cut };
  const found = wholeMembersOf(raw);
  const again = found && decodeValue(name, findParamSpec(name), found.json, 0);
  const from = `first ${count(cut.decodedChars)} of ${count(wholeChars)} characters`;
  if (!found || !again || again.problems.some((problem) => problem.code === 'json.invalid')) {
    return {
      ...decoded,
      value: undefined,
      display: `too long to decode for display (${count(wholeChars)} characters; read whole on arrival)`,
      cutForReading: { ...cut, wholeMembers: 0 },
    };
  }
  return {
    ...decoded,
    value: again.value,
    display: `cut for reading, from its ${from}: ${again.display}`,
    cutForReading: { ...cut, wholeMembers: found.members },
  };
}
