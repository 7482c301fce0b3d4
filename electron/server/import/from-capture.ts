// Captured HTTP requests, one JSON object per line: the capture files of real trackers
// (`shared/matomo/__fixtures__/real-clients/*.ndjson`: method, path/url, query, headers,
// body, bodyEncoding, ts) and request records as Hitscope stores them (`receivedAt`,
// `remoteAddress`; a data file line `{"v":1,"request":…}` carries one in `request`).
import type { RawRequest } from '../../../shared/matomo/types';
import { joinHeader } from '../tracking/raw-request';
import { bodyBytes, headerRecord, quote, readTime, splitUrl, type ImportItem } from './import-item';

type Json = Record<string, unknown>;

/** True when the object reads as a captured request (rather than an exported hit). */
export function looksLikeCapture(value: Json): boolean {
  return typeof value.method === 'string' && (typeof value.path === 'string' || 'url' in value);
}

/** The request of a data file line, when the object is one. */
export function dataFileRequest(value: Json): Json | null {
  const request = value.request;
  return typeof value.v === 'number' && request !== null && typeof request === 'object'
    ? (request as Json)
    : null;
}

function target(value: Json): { path: string; query: string } | string {
  if (typeof value.path === 'string') {
    if (!value.path.startsWith('/')) return `its path ${quote(value.path)} does not start with /`;
    const fromUrl = typeof value.url === 'string' ? splitUrl(value.url) : null;
    const query =
      typeof value.query === 'string' ? value.query.replace(/^\?/, '') : (fromUrl?.query ?? '');
    return { path: value.path, query };
  }
  if (typeof value.url !== 'string') return 'it has neither a path nor a url';
  return splitUrl(value.url) ?? `its url ${quote(value.url)} is neither a path nor an http URL`;
}

/** The request of one capture line, or why it cannot be imported. */
export function captureItem(value: Json, line: number): ImportItem | string {
  if (value.bodyTruncated === true) {
    return 'its body was cut when it was stored, so the request cannot be analysed again';
  }
  const where = target(value);
  if (typeof where === 'string') return where;
  const body = bodyBytes(value.body, value.bodyEncoding);
  if (typeof body === 'string') return body;
  const headers = headerRecord(
    value.headers ?? (Array.isArray(value.rawHeaders) ? pairsOf(value.rawHeaders) : undefined),
  );
  const remote = value.remoteAddress ?? value.remote;
  const raw: RawRequest = {
    method: (value.method as string).toUpperCase(),
    path: where.path,
    query: where.query,
    headers,
    body,
    remoteAddress: typeof remote === 'string' ? remote : '',
  };
  const notes: string[] = [];
  const receivedAt = readTime(value.receivedAt ?? value.ts ?? value.time, notes);
  return { raw, receivedAt, source: 'capture', place: { lines: [line] }, notes };
}

/** Node's rawHeaders (`[name, value, name, value, …]`) as an object, repeats joined. */
function pairsOf(raw: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    out[name] = joinHeader(name, out[name], String(raw[i + 1]));
  }
  return out;
}
