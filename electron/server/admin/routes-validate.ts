// POST /api/validate: decode and validate a request without storing it, and say what
// Matomo would answer. The composer uses it for "check before sending".
import { API_ROUTES } from '../../../shared/api/routes';
import { validateRequestSchema } from '../../../shared/api/bodies';
import type { ValidateResponseDto } from '../../../shared/api/types';
import type { RawRequest } from '../../../shared/matomo/types';
import { decodeJsonBody } from './body';
import { ApiError, sendJsonInPieces } from './reply';
import type { Route } from './router';

const DEFAULT_PATH = '/matomo.php';

/**
 * Splits `http://host/matomo.php?a=1`, `/matomo.php?a=1`, `?a=1` or `a=1` into path and query,
 * as the characters were given: a full URL is not normalised (the URL parser would
 * percent-encode raw spaces and quotes, hiding what a tracker sending them does wrong).
 */
export function splitTrackingUrl(input: string): { path: string; query: string } {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    const hash = text.indexOf('#');
    const clean = hash >= 0 ? text.slice(0, hash) : text;
    const authority = clean.indexOf('//') + 2;
    const stops = [clean.indexOf('/', authority), clean.indexOf('?', authority)].filter(
      (at) => at >= 0,
    );
    const end = stops.length > 0 ? Math.min(...stops) : clean.length;
    if (end === authority) {
      throw new ApiError(400, 'validate.invalid', `url "${text}" has no host.`);
    }
    const rest = clean.slice(end);
    const q = rest.indexOf('?');
    if (q < 0) return { path: rest || '/', query: '' };
    return { path: rest.slice(0, q) || '/', query: rest.slice(q + 1) };
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

/** Builds the request the tracking endpoint would have received. */
export function rawRequestFromValidate(value: unknown, remoteAddress: string): RawRequest {
  const dto = decodeJsonBody(value, validateRequestSchema, 'validate.invalid');
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(dto.headers ?? {})) headers[name.toLowerCase()] = v;
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
      // A composed request may be as large as a tracked one: analysed the same way, in slices.
      const analysis = ctx.analyzeInSlices
        ? await ctx.analyzeInSlices(raw, Date.now())
        : ctx.analyze(raw);
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
      await sendJsonInPieces(res, answer);
    },
  },
];
