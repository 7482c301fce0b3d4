// The start of a value's JSON text, for messages that show a value's first characters: a bulk
// entry field of megabytes was written whole as JSON (tens of milliseconds) to keep 60 of its
// characters.
import type { ParamValue } from './types';

interface Budget {
  parts: string[];
  left: number;
}

/** JSON.stringify(value).slice(0, max), writing no more than that of the value. */
export function jsonTextStart(value: ParamValue, max: number): string {
  const out: Budget = { parts: [], left: max };
  write(value, out);
  return out.parts.join('');
}

/** Adds `text`, cut to what is left; false once nothing is left. */
function put(text: string, out: Budget): boolean {
  if (out.left <= 0) return false;
  const piece = text.length > out.left ? text.slice(0, out.left) : text;
  out.parts.push(piece);
  out.left -= piece.length;
  return out.left > 0;
}

/**
 * A string's JSON text, from only its first characters: every character is written as one
 * or more, so the first `left` of the text come from the first `left` characters. One more
 * is kept so that a surrogate pair cut there is still written as a pair, not escaped alone.
 */
function putString(text: string, out: Budget): boolean {
  const start = text.length > out.left + 1 ? text.slice(0, out.left + 1) : text;
  return put(JSON.stringify(start), out);
}

function write(value: ParamValue, out: Budget): boolean {
  if (typeof value === 'string') return putString(value, out);
  if (value === null || typeof value !== 'object') return put(JSON.stringify(value), out);
  if (Array.isArray(value)) {
    if (!put('[', out)) return false;
    for (let n = 0; n < value.length; n++) {
      if (n > 0 && !put(',', out)) return false;
      if (!write(value[n] as ParamValue, out)) return false;
    }
    return put(']', out);
  }
  if (!put('{', out)) return false;
  let first = true;
  for (const key of Object.keys(value)) {
    if (!first && !put(',', out)) return false;
    first = false;
    if (!putString(key, out) || !put(':', out)) return false;
    if (!write(value[key] as ParamValue, out)) return false;
  }
  return put('}', out);
}
