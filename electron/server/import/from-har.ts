// HAR 1.2 files: Hitscope's own export (`GET /api/export?format=har`) and the HAR files
// browser dev tools save, where tracking requests sit among every other request of a page.
// Each entry's request becomes the HTTP request the tracker sent.
import type { RawRequest } from '../../../shared/matomo/types';
import {
  bodyBytes,
  headerRecord,
  quote,
  readTime,
  splitUrl,
  type ImportItem,
  type RecordedExchange,
} from './import-item';

type Json = Record<string, unknown>;

/** True when a parsed JSON document is a HAR log. */
export function isHar(value: unknown): value is { log: Json } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    (value as Json).log !== null &&
    typeof (value as Json).log === 'object'
  );
}

/** A form body from `postData.params`, which HAR allows instead of `text` for forms. */
function formText(params: unknown): string | null {
  if (!Array.isArray(params)) return null;
  return params
    .map((item) => {
      const pair = item as { name?: unknown; value?: unknown } | null;
      const name = encodeURIComponent(String(pair?.name ?? ''));
      return `${name}=${encodeURIComponent(String(pair?.value ?? ''))}`;
    })
    .join('&');
}

/**
 * What the browser recorded for the entry: its answer, or its failure (status 0 with
 * Chrome's `_error`, e.g. `net::ERR_BLOCKED_BY_CLIENT` for a request an ad blocker stopped).
 * Hitscope's own exports (`_hitscope`) carry a prediction, not a recording: none is kept.
 */
function recordedExchange(entry: Json): RecordedExchange | undefined {
  if (entry._hitscope !== undefined) return undefined;
  const response = entry.response as Json | undefined;
  if (response === null || typeof response !== 'object') return undefined;
  const status = typeof response.status === 'number' ? response.status : 0;
  const content = (response.content ?? {}) as Json;
  const headers = headerRecord(response.headers);
  const error = [response._error, entry._error].find((e) => typeof e === 'string' && e !== '');
  const mimeType =
    typeof content.mimeType === 'string' && content.mimeType ? content.mimeType : null;
  return {
    status,
    headers,
    contentType: headers['content-type'] ?? mimeType,
    body: typeof content.text === 'string' && content.encoding !== 'base64' ? content.text : '',
    durationMs: typeof entry.time === 'number' && entry.time >= 0 ? Math.round(entry.time) : 0,
    error: typeof error === 'string' ? error : null,
  };
}

/** The request of one HAR entry, or why it cannot be imported. */
export function harItem(entry: unknown, number: number): ImportItem | string {
  if (entry === null || typeof entry !== 'object') return 'the entry is not an object';
  const request = (entry as Json).request as Json | undefined;
  if (request === null || typeof request !== 'object') return 'the entry has no request';
  if (typeof request.method !== 'string' || request.method === '')
    return 'its request has no method';
  if (typeof request.url !== 'string') return 'its request has no url';
  const where = splitUrl(request.url);
  if (!where) return `its url ${quote(request.url)} cannot be read`;
  const headers = headerRecord(request.headers);
  const post = (request.postData ?? null) as Json | null;
  let body: Uint8Array | string = new Uint8Array(0);
  if (post && typeof post === 'object') {
    if (post._truncated === true) {
      return 'its body was cut when it was exported, so the request cannot be analysed again';
    }
    const text = typeof post.text === 'string' ? post.text : formText(post.params);
    body = bodyBytes(text, post._encoding ?? post.encoding);
    if (typeof body === 'string') return body;
    if (
      headers['content-type'] === undefined &&
      typeof post.mimeType === 'string' &&
      post.mimeType
    ) {
      headers['content-type'] = post.mimeType;
    }
  }
  const raw: RawRequest = {
    method: request.method.toUpperCase(),
    path: where.path,
    query: where.query,
    headers,
    body,
    remoteAddress: '',
  };
  const notes: string[] = [];
  const receivedAt = readTime((entry as Json).startedDateTime, notes);
  const recorded = recordedExchange(entry as Json);
  return {
    raw,
    receivedAt,
    source: 'har',
    place: { entry: number },
    notes,
    ...(recorded ? { recorded } : {}),
  };
}
