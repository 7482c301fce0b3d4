// Hitscope's answers to the oracle corpus, from the same decoder the capture server uses.
// Bundled and run by run.mjs; each answer has the shape matomo-side.php prints.
import { readFloat, readInt, readJson } from '../../shared/matomo/coerce';
import { phpUrlQuery } from '../../shared/matomo/php-parse-url';
import { phpStrtotime } from '../../shared/matomo/php-strtotime';
import { decodeComponent } from '../../shared/matomo/query-string';
import { findParamSpec } from '../../shared/matomo/params';
import { phpEmpty, phpTrim } from '../../shared/matomo/php-text';
import { sanitizeText } from '../../shared/matomo/sanitize';

export interface OracleCase {
  kind: 'getRequestVar' | 'param' | 'trim' | 'empty' | 'strtotime' | 'json_decode' | 'parse_url';
  /** For `param`: the tracking parameter, read with its catalogue type and default. */
  name?: string;
  /** The input as text, or `hex` for bytes that are not UTF-8. */
  input?: string;
  hex?: string;
  type?: 'string' | 'int' | 'float';
  default?: string | number | boolean;
}

const toHex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

const escaped = (hex: string): string => hex.replace(/../g, (byte) => `%${byte}`);

/** The text the decoder makes of a value's bytes (Latin-1 when they are not UTF-8). */
function valueText(item: OracleCase): string {
  if (item.hex === undefined) return item.input ?? '';
  return decodeComponent(escaped(item.hex)).text;
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
    case 'param': {
      // The catalogue's type and default; a Unix-seconds parameter is an int to Matomo, and a
      // float parameter without a default is Matomo's false (the decoder says "not sent").
      const spec = findParamSpec(item.name ?? '');
      const type =
        spec?.type === 'float'
          ? 'float'
          : spec?.type === 'int' || spec?.type === 'timestamp'
            ? 'int'
            : 'string';
      const fallback = spec?.defaultValue ?? (type === 'float' ? false : type === 'int' ? 0 : '');
      return requestVar({ ...item, type, default: fallback });
    }
    case 'trim':
      return toHex(phpTrim(valueText(item)));
    case 'empty':
      return phpEmpty(valueText(item));
    case 'strtotime': {
      const seconds = phpStrtotime(item.input ?? '', nowSeconds);
      return seconds === null ? false : seconds;
    }
    case 'json_decode': {
      // json_decode refuses bytes that are not UTF-8 (json-bytes.ts); otherwise it reads the text.
      if (item.hex !== undefined && decodeComponent(escaped(item.hex)).latin1 === true)
        return false;
      const text = valueText(item);
      return readJson(text).ok || text.trim() === 'null';
    }
    case 'parse_url': {
      const read = phpUrlQuery(item.input ?? '');
      return read.ok ? (read.query ?? null) : false;
    }
  }
}
