// A value's JSON written piece by piece into chunks of bytes (byte-chunks.ts), the bytes those
// of JSON.stringify encoded as UTF-8. An exported hit is some 8 KB of JSON, two-byte text as
// soon as one value is not Latin-1: stringified whole, then encoded, each hit of an export of
// 300,000 left some 30 KB behind, and the collector's pauses held the server for over 50 ms.
// Written so, a hit leaves only the few texts that need escapes.
import type { ByteChunks } from './byte-chunks';
import { unwritable } from '../storage/json-in-slices';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function writeString(out: ByteChunks, text: string): void {
  if (!out.quoted(text)) out.text(JSON.stringify(text));
}

/** The value JSON.stringify writes for `value` under `key`: its toJSON's, if it has one. */
function resolved(key: string | number, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  // A list's index is made a text only for a toJSON to read.
  return typeof toJSON === 'function'
    ? (toJSON as (key: string) => unknown).call(value, String(key))
    : value;
}

/** Writes a resolved value that is not unwritable. */
function writeValue(out: ByteChunks, value: unknown): void {
  if (typeof value === 'string') writeString(out, value);
  else if (typeof value === 'number') {
    if (Number.isFinite(value)) out.number(value);
    else out.ascii('null');
  } else if (typeof value === 'boolean') out.ascii(value ? 'true' : 'false');
  else if (value === null) out.ascii('null');
  else if (
    typeof value !== 'object' ||
    value instanceof Number ||
    value instanceof String ||
    value instanceof Boolean
  ) {
    // A bigint (JSON.stringify throws the same error) or a boxed primitive: rare enough.
    out.text(JSON.stringify(value) as string);
  } else if (Array.isArray(value)) writeList(out, value);
  else writeRecord(out, value as Record<string, unknown>);
}

function writeList(out: ByteChunks, list: readonly unknown[]): void {
  out.byte(OPEN_BRACKET);
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out.byte(COMMA);
    const value = resolved(i, list[i]);
    if (unwritable(value)) out.ascii('null');
    else writeValue(out, value);
  }
  out.byte(CLOSE_BRACKET);
}

function writeRecord(out: ByteChunks, record: Record<string, unknown>): void {
  out.byte(OPEN_BRACE);
  let first = true;
  // for…in visits the own keys in the order JSON.stringify writes them, without a list of
  // them made first; inherited ones are passed over, as JSON.stringify does.
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const value = resolved(key, record[key]);
    if (unwritable(value)) continue;
    if (!first) out.byte(COMMA);
    writeString(out, key);
    out.byte(COLON);
    first = false;
    writeValue(out, value);
  }
  out.byte(CLOSE_BRACE);
}

/**
 * Writes JSON.stringify(value)'s bytes into `out`. For plain data (no cycles: a value holding
 * itself overflows the stack instead of throwing JSON.stringify's error).
 */
export function writeJson(out: ByteChunks, value: unknown): void {
  const json = resolved('', value);
  if (unwritable(json)) throw new TypeError('writeJson: the value has no JSON text');
  writeValue(out, json);
}
