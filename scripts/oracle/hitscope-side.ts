// Hitscope's answers to the oracle corpus, from the same decoder the capture server uses.
// Bundled and run by run.mjs; each answer has the shape matomo-side.php prints.
import { readFloat, readInt, readJson } from '../../shared/matomo/coerce';
import { phpUrlQuery } from '../../shared/matomo/php-parse-url';
import { phpStrtotime } from '../../shared/matomo/php-strtotime';
import { decodeComponent } from '../../shared/matomo/query-string';
import { sanitizeText } from '../../shared/matomo/sanitize';

export interface OracleCase {
  kind: 'getRequestVar' | 'strtotime' | 'json_decode' | 'parse_url';
  /** The input as text, or `hex` for bytes that are not UTF-8. */
  input?: string;
  hex?: string;
  type?: 'string' | 'int' | 'float';
  default?: string | number | boolean;
}

const toHex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

/** The text the decoder makes of a value's bytes (Latin-1 when they are not UTF-8). */
function valueText(item: OracleCase): string {
  if (item.hex === undefined) return item.input ?? '';
  return decodeComponent(item.hex.replace(/../g, (byte) => `%${byte}`)).text;
}

function phpValue(value: unknown): { type: string; value: unknown } {
  if (typeof value === 'string') return { type: 'string', value: toHex(value) };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'number', value };
  return { type: 'NULL', value: null };
}

function requestVar(item: OracleCase): { type: string; value: unknown } {
  const text = valueText(item);
  const fallback = item.default;
  if (item.type === 'float') {
    const read = readFloat(text);
    if (read.ok) return phpValue(read.value);
    // An empty value returns the default as it is; a refused one the default cast to float.
    if (read.reason === 'empty') return phpValue(fallback);
    return phpValue(Number(fallback) || 0);
  }
  if (item.type === 'int') {
    const read = readInt(text);
    return phpValue(read.ok ? read.value : Math.trunc(Number(fallback) || 0));
  }
  return phpValue(text === '' ? String(fallback ?? '') : sanitizeText(text));
}

export function answer(item: OracleCase, nowSeconds: number): unknown {
  switch (item.kind) {
    case 'getRequestVar':
      return requestVar(item);
    case 'strtotime': {
      const seconds = phpStrtotime(item.input ?? '', nowSeconds);
      return seconds === null ? false : seconds;
    }
    case 'json_decode':
      return readJson(item.input ?? '').ok || (item.input ?? '').trim() === 'null';
    case 'parse_url': {
      const read = phpUrlQuery(item.input ?? '');
      return read.ok ? (read.query ?? null) : false;
    }
  }
}
