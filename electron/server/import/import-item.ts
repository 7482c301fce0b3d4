// What the readers of import files produce: HTTP requests as the protocol engine reads them,
// with the time they arrived (when the file says) and where in the file they came from.
import type { ImportSkipDto, ImportSourceKind } from '../../../shared/api/types';
import type { Outcome, RawRequest } from '../../../shared/matomo/types';
import { joinHeader, splitTarget } from '../tracking/raw-request';

/** Where in the file: NDJSON lines or a HAR entry (1-based). */
export interface ImportPlace {
  lines?: number[];
  entry?: number;
}

export interface ImportItem {
  raw: RawRequest;
  /** The time from the file; null when it had none or one that cannot be read. */
  receivedAt: Date | null;
  source: ImportSourceKind;
  place: ImportPlace;
  /** Facts worth keeping on the request (unreadable time, a bulk only partly in the file). */
  notes: string[];
  /** Exported hits: the outcome each had in the file, in bulk order (compared after analysis). */
  outcomes?: (Outcome | null)[];
  /** A browser's HAR: what really happened to the request, kept instead of a prediction. */
  recorded?: RecordedExchange;
}

/** The answer (or the failure) a browser recorded for a request. */
export interface RecordedExchange {
  /** HTTP status; 0 when no answer came (blocked, failed, cancelled). */
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  body: string;
  durationMs: number;
  /** The browser's reason for a request without an answer (`net::ERR_BLOCKED_BY_CLIENT`). */
  error: string | null;
}

/**
 * Collects skipped lines and entries: every one is counted, the first ones in file order are
 * listed. Skips are found in several passes (lines, then duplicate hits, then paths), so the
 * list is kept sorted and bounded: a file of millions of bad lines costs a counter, not memory.
 */
export class SkipList {
  private readonly first: ImportSkipDto[] = [];
  count = 0;

  constructor(private readonly maxListed = 200) {}

  add(place: { line?: number; entry?: number }, reason: string): void {
    this.count++;
    const at = positionOf(place);
    const list = this.first;
    if (list.length >= this.maxListed && at >= positionOf(list[list.length - 1] as ImportSkipDto)) {
      return;
    }
    let i = list.length;
    while (i > 0 && positionOf(list[i - 1] as ImportSkipDto) > at) i--;
    list.splice(i, 0, { ...place, reason });
    if (list.length > this.maxListed) list.pop();
  }

  listed(): ImportSkipDto[] {
    return this.first.slice();
  }
}

function positionOf(place: { line?: number; entry?: number }): number {
  return place.line ?? place.entry ?? 0;
}

/** Text from the file inside a message, cut so a huge value keeps the message readable. */
export function cut(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A value from the file inside a message: quoted and cut. */
export function quote(value: unknown, max = 80): string {
  return JSON.stringify(
    cut(typeof value === 'string' ? value : String(JSON.stringify(value)), max),
  );
}

/** Reads a time from the file: an ISO text or epoch milliseconds; null when absent. */
export function readTime(value: unknown, notes: string[]): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const time =
    typeof value === 'number'
      ? new Date(value)
      : typeof value === 'string'
        ? new Date(value)
        : null;
  if (time && Number.isFinite(time.getTime())) return time;
  notes.push(`Its time ${quote(value)} could not be read; the import time is used.`);
  return null;
}

/** Header names lower-cased and values as text, as the engine expects (raw-request.ts). */
export function headerRecord(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (value === null || typeof value !== 'object') return headers;
  const add = (name: string, text: string) => {
    const key = name.toLowerCase();
    headers[key] = joinHeader(key, headers[key], text);
  };
  if (Array.isArray(value)) {
    // HAR style: [{ name, value }]; HTTP/2 pseudo-headers (`:authority`) are not headers.
    for (const item of value as unknown[]) {
      const pair = item as { name?: unknown; value?: unknown } | null;
      if (typeof pair?.name !== 'string' || pair.name.startsWith(':')) continue;
      add(pair.name, String(pair.value ?? ''));
    }
    return headers;
  }
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(item)) {
      const joined = item
        .map(String)
        .reduce<string | undefined>((seen, text) => joinHeader(name, seen, text), undefined);
      add(name, joined ?? '');
    } else if (item !== undefined && item !== null) add(name, String(item));
  }
  return headers;
}

/** Path and query (without `?`, fragment dropped) of a request target or an absolute URL. */
export function splitUrl(url: string): { path: string; query: string } | null {
  let target = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (scheme) target = url.slice(scheme[0].length) || '/';
  if (!target.startsWith('/')) return null;
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  return splitTarget(target);
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** Body bytes from text and its encoding; a reason when they cannot be read. */
export function bodyBytes(text: unknown, encoding: unknown): Uint8Array | string {
  if (text === undefined || text === null) return new Uint8Array(0);
  if (typeof text !== 'string') return 'its body is not a text';
  if (encoding === 'base64') {
    if (!BASE64.test(text)) return 'its body is marked base64 but is not base64';
    return new Uint8Array(Buffer.from(text, 'base64'));
  }
  if (encoding !== undefined && encoding !== null && encoding !== 'utf8' && encoding !== 'utf-8') {
    return `its body encoding ${quote(encoding)} is not utf8 or base64`;
  }
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
