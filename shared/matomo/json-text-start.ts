// The start of a value's JSON text, for messages that show a value's first characters: a bulk
// entry field of megabytes was written whole as JSON (tens of milliseconds) to keep 60 of its
// characters.
import { jsonPieces } from './json-pieces';
import type { ParamValue } from './types';

/** JSON.stringify(value).slice(0, max), writing little more than that of the value. */
export function jsonTextStart(value: ParamValue, max: number): string {
  const parts: string[] = [];
  let left = max;
  if (left <= 0) return '';
  for (const piece of jsonPieces(value, max)) {
    parts.push(piece.length > left ? piece.slice(0, left) : piece);
    left -= piece.length;
    if (left <= 0) break;
  }
  return parts.join('');
}
