// POST /api/validate: decode and validate a request without storing it, and say what
// Matomo would answer. The composer uses it for "check before sending".
import { API_ROUTES } from '../../../shared/api/routes';
import type { ValidateRequestDto, ValidateResponseDto } from '../../../shared/api/types';
import type { RawRequest } from '../../../shared/matomo/types';
import { expectObject } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

const DEFAULT_PATH = '/matomo.php';
const FIELDS = ['url', 'query', 'body', 'contentType', 'method', 'headers', 'path'];

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new ApiError(400, 'validate.invalid', `${name} must be a string.`);
  return value;
}

/** Splits `http://host/matomo.php?a=1`, `/matomo.php?a=1`, `?a=1` or `a=1` into path and query. */
export function splitTrackingUrl(input: string): { path: string; query: string } {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new ApiError(400, 'validate.invalid', `url "${text}" is not a valid URL.`);
    }
    return { path: url.pathname, query: url.search.replace(/^\?/, '') };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !text.includes('=')) {
    throw new ApiError(
      400,
      'validate.invalid',
      'url must be http(s)://…, a path with a query, or a query string.',
    );
  }
  const hash = text.indexOf('#');
  const clean = hash >= 0 ? text.slice(0, hash) : text;
  if (clean.startsWith('/')) {
    const q = clean.indexOf('?');
    return q < 0
      ? { path: clean, query: '' }
      : { path: clean.slice(0, q), query: clean.slice(q + 1) };
  }
  return { path: DEFAULT_PATH, query: clean.replace(/^\?/, '') };
}

function headersFrom(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(
      400,
      'validate.invalid',
      'headers must be an object of name: value strings.',
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw new ApiError(400, 'validate.invalid', `header ${name} must be a string.`);
    headers[name.toLowerCase()] = v;
  }
  return headers;
}

/** Builds the request the tracking endpoint would have received. */
export function rawRequestFromValidate(value: unknown, remoteAddress: string): RawRequest {
  const body = expectObject(value);
  for (const key of Object.keys(body)) {
    if (!FIELDS.includes(key)) {
      throw new ApiError(
        400,
        'validate.invalid',
        `Unknown field "${key}"; expected ${FIELDS.join(', ')}.`,
      );
    }
  }
  const dto: ValidateRequestDto = {};
  for (const name of ['url', 'query', 'body', 'contentType', 'method', 'path'] as const) {
    const v = optionalString(body, name);
    if (v !== undefined) dto[name] = v;
  }
  const headers = headersFrom(body.headers);
  if (dto.url === undefined && dto.query === undefined && dto.body === undefined) {
    throw new ApiError(
      400,
      'validate.invalid',
      'Send {url}, {query} or {body, contentType} to validate.',
    );
  }
  let path = dto.path ?? DEFAULT_PATH;
  let query = dto.query?.replace(/^\?/, '') ?? '';
  if (dto.url !== undefined) {
    const split = splitTrackingUrl(dto.url);
    path = dto.path ?? split.path;
    query = dto.query === undefined ? split.query : query;
  }
  const method = (dto.method ?? (dto.body === undefined ? 'GET' : 'POST')).toUpperCase();
  if (!/^[A-Z]+$/.test(method))
    throw new ApiError(400, 'validate.invalid', `method "${dto.method}" is not an HTTP method.`);
  if (dto.contentType !== undefined) headers['content-type'] = dto.contentType;
  else if (dto.body !== undefined && headers['content-type'] === undefined) {
    // What navigator.sendBeacon and the JS tracker's POST use for a query-string body.
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
  }
  const bytes = new TextEncoder().encode(dto.body ?? '');
  if (bytes.length > 0) headers['content-length'] = String(bytes.length);
  return { method, path, query, headers, body: bytes, remoteAddress };
}

export const validateRoutes: Route[] = [
  {
    method: 'POST',
    path: API_ROUTES.validate,
    handle: async ({ req, res, ctx, readJson }) => {
      const raw = rawRequestFromValidate(await readJson(), req.socket.remoteAddress ?? '127.0.0.1');
      const analysis = ctx.analyze(raw);
      const { hits } = ctx.toDtos(raw, analysis);
      const answer: ValidateResponseDto = {
        hits,
        response: {
          status: analysis.response.status,
          contentType: analysis.response.contentType,
          body: analysis.response.body ?? '',
          bodyKind: analysis.response.bodyKind,
        },
        issues: analysis.parsed.issues,
      };
      sendJson(res, 200, answer);
    },
  },
];
