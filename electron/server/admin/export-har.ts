// HAR 1.2 export of the stored HTTP requests with the answers they got (those that carried
// no hit too: preflights, requests without parameters, refused requests), so they can be
// opened in browser dev tools or replayed by HAR-aware tools.
import { STATUS_CODES } from 'node:http';
import type { RequestRecordDto } from '../../../shared/api/types';

interface HarNameValue {
  name: string;
  value: string;
}

function nameValues(record: Record<string, string>): HarNameValue[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function queryPairs(query: string): HarNameValue[] {
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}

export function harLogOpening(version: string): string {
  const creator = JSON.stringify({ name: 'Hitscope', version });
  return `{"log":{"version":"1.2","creator":${creator},"entries":[`;
}

export const HAR_LOG_CLOSING = ']}}\n';

/** One HAR entry; `origin` (http://host:port) completes the stored path into a URL. */
export function harEntry(request: RequestRecordDto, origin: string): Record<string, unknown> {
  const host = header(request.headers, 'host');
  const base = host ? `http://${host}` : origin;
  const contentType = header(request.headers, 'content-type') ?? '';
  const response = request.response;
  const postData =
    request.body === '' && request.bodySize === 0
      ? undefined
      : {
          mimeType: contentType,
          text: request.body,
          ...(contentType.startsWith('application/x-www-form-urlencoded') &&
          request.bodyEncoding === 'utf8'
            ? { params: queryPairs(request.body) }
            : {}),
          ...(request.bodyEncoding === 'base64' ? { _encoding: 'base64' } : {}),
          ...(request.bodyTruncated ? { _truncated: true } : {}),
        };
  const responseSize = Number(
    header(response.headers, 'content-length') ?? Buffer.byteLength(response.body),
  );
  return {
    startedDateTime: request.receivedAt,
    time: response.durationMs,
    request: {
      method: request.method,
      url: base + request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(request.headers),
      queryString: queryPairs(request.query),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: request.bodySize,
    },
    response: {
      status: response.status,
      statusText: STATUS_CODES[response.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(response.headers),
      content: {
        size: Number.isFinite(responseSize) ? responseSize : 0,
        mimeType: response.contentType ?? '',
        ...(response.body === '' ? {} : { text: response.body }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: Number.isFinite(responseSize) ? responseSize : -1,
    },
    cache: {},
    timings: { send: 0, wait: Math.max(0, response.durationMs), receive: 0 },
    _hitscope: {
      requestId: request.id,
      hitIds: request.hitIds,
      ...(request.lostHitIds ? { lostHitIds: request.lostHitIds } : {}),
      transport: request.transport,
      ...(request.error ? { error: request.error } : {}),
    },
  };
}
