// Writing admin answers: JSON bodies, JSON errors with a real status, and the headers every
// admin answer carries. Never a CORS header: admin data must not be readable cross-origin.
import type { ServerResponse } from 'node:http';
import type { ApiErrorDto } from '../../../shared/api/types';

/** An error an admin route reports to its caller as `{"error":{"code","message"}}`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Headers on every admin and UI answer. */
export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(value);
  setBaseHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body: ApiErrorDto = { error: { code, message } };
  sendJson(res, status, body, headers);
}

export function sendApiError(res: ServerResponse, error: ApiError): void {
  sendError(res, error.status, error.code, error.message, error.headers);
}
