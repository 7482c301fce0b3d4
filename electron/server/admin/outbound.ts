// The HTTP client behind POST /api/send. It speaks http and https only, never follows
// redirects (the user sees the 3xx itself), gives up after a timeout, and keeps at most a
// capped number of answer bytes, so a hostile or broken target cannot exhaust memory.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { BodyEncoding } from '../../../shared/api/types';
import { ApiError } from './reply';

export interface OutboundLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  timeoutMs: 10_000,
  maxResponseBytes: 5 * 1024 * 1024,
};

export interface OutboundRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  durationMs: number;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function sendOutbound(
  request: OutboundRequest,
  limits: OutboundLimits = DEFAULT_OUTBOUND_LIMITS,
): Promise<OutboundResponse> {
  if (request.url.protocol !== 'http:' && request.url.protocol !== 'https:') {
    return Promise.reject(
      new ApiError(
        400,
        'send.scheme',
        `Only http and https targets are allowed, not ${request.url.protocol}`,
      ),
    );
  }
  const client = request.url.protocol === 'https:' ? https : http;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: ApiError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = client.request(request.url, {
      method: request.method,
      headers: { ...request.headers, 'content-length': String(request.body.length) },
    });
    const timer = setTimeout(
      () =>
        fail(
          new ApiError(
            504,
            'send.timeout',
            `${request.url.origin} did not answer within ${limits.timeoutMs} ms.`,
          ),
        ),
      limits.timeoutMs,
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      fail(
        new ApiError(
          502,
          'send.failed',
          `Could not reach ${request.url.origin}: ${err.code ?? err.message}${err.code ? ` (${err.message})` : ''}`,
        ),
      );
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: flattenHeaders(res.headers),
          body: Buffer.concat(chunks),
          truncated,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        });
      };
      res.on('data', (chunk: Buffer) => {
        const room = limits.maxResponseBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          truncated = true;
          done();
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      const brokeOff = (detail: string) =>
        fail(
          new ApiError(
            502,
            'send.failed',
            `The answer from ${request.url.origin} broke off${detail}.`,
          ),
        );
      res.on('error', (err) => {
        if (!truncated) brokeOff(`: ${err.message}`);
      });
      res.on('close', () => {
        if (!truncated && !res.complete) brokeOff('');
      });
    });
    req.end(request.body);
  });
}

const TEXT_TYPE =
  /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Text answers as UTF-8, anything else (the GIF, unknown bytes) as base64. */
export function encodeBody(
  body: Buffer,
  contentType: string | undefined,
): { body: string; bodyEncoding: BodyEncoding } {
  if (body.length === 0) return { body: '', bodyEncoding: 'utf8' };
  const looksText = contentType ? TEXT_TYPE.test(contentType) : true;
  if (looksText) {
    try {
      return { body: new TextDecoder('utf-8', { fatal: true }).decode(body), bodyEncoding: 'utf8' };
    } catch {
      // Not valid UTF-8 despite the type: fall through to base64 so no byte is lost.
    }
  }
  return { body: body.toString('base64'), bodyEncoding: 'base64' };
}
