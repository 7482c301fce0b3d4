// The RawRequest the protocol engine reads, built from Node's request: header names
// lower-cased, repeated headers joined with ", " (cookies with "; "), as the engine expects.
import type { IncomingMessage } from 'node:http';
import type { ParamValue, RawRequest, RequestAnalysis } from '../../../shared/matomo/types';
import { isBuiltOnRead } from '../../../shared/matomo/built-on-read';

export const EMPTY_BODY = new Uint8Array(0);

/**
 * A header's value once `value` is added to what was `seen` under the same (lower-cased) name:
 * repeated headers read as one list joined with ", ", cookies with "; " as one Cookie header.
 */
export function joinHeader(name: string, seen: string | undefined, value: string): string {
  return seen === undefined ? value : `${seen}${name === 'cookie' ? '; ' : ', '}${value}`;
}

/**
 * Node's own header object when it reads exactly as headersOf would make it: Node 20 builds it
 * for every HTTP/1.1 request (its parser looks up Host and Expect there), and with no name
 * repeated (Node keeps the first of some, joins others its own way) and no Set-Cookie (always
 * a list there) it holds the same names, in the same order, with the same values. A second
 * object of the same headers was made for every hit.
 */
function nodeHeadersAsJoined(req: IncomingMessage): Record<string, string> | null {
  const headers = req.headers;
  let count = 0;
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return null;
    count++;
  }
  return count * 2 === req.rawHeaders.length ? (headers as Record<string, string>) : null;
}

export function headersOf(req: IncomingMessage): Record<string, string> {
  return nodeHeadersAsJoined(req) ?? joinedHeaders(req);
}

function joinedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    headers[name] = joinHeader(name, headers[name], raw[i + 1] as string);
  }
  return headers;
}

/** Splits a request target into path and query (without the `?`), as received. */
export function splitTarget(target: string): { path: string; query: string } {
  const at = target.indexOf('?');
  return at < 0
    ? { path: target, query: '' }
    : { path: target.slice(0, at), query: target.slice(at + 1) };
}

export function rawRequestOf(
  req: IncomingMessage,
  target: { path: string; query: string },
  body: Uint8Array = EMPTY_BODY,
): RawRequest {
  return {
    method: req.method ?? 'GET',
    path: target.path,
    query: target.query,
    headers: headersOf(req),
    body,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
}

/** A quick look at a body (before or without parsing) to answer refusals in the bulk format. */
export function looksLikeBulk(body: Uint8Array): boolean {
  const text = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 4096)).toString(
    'latin1',
  );
  return text.includes('"requests"') || text.includes("'requests'");
}

function valueLength(value: ParamValue): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return String(value).length;
  return JSON.stringify(value).length;
}

/** The first parameter whose value is longer than `max`, if any. */
export function oversizedParam(
  analysis: RequestAnalysis,
  max: number,
): { name: string; length: number } | null {
  for (const entry of analysis.parsed.entries) {
    // A query entry's values are decoded from its text, never longer than it: occurrences made
    // when read (built-on-read.ts) are not made only to be measured.
    if (isBuiltOnRead(entry.occurrences) && entry.rawQuery.length <= max) continue;
    for (const occurrence of entry.occurrences) {
      const length = valueLength(occurrence.value);
      if (length > max) return { name: occurrence.name, length };
    }
  }
  return null;
}
