// token_auth grants write access to a Matomo: exports get attached to tickets and shared,
// so its values are masked unless the user explicitly asks for them (ARCHITECTURE.md §7).
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';

export const TOKEN_MASK = '********';
const TOKEN_PARAM = 'token_auth';

/** Masks `token_auth=…` in query-string text (also inside bulk JSON strings). */
export function maskQueryText(text: string): string {
  return text.replace(
    /(^|[?&"])(token_auth=)([^&#"\s]*)/g,
    (_m, lead: string, name: string, value: string) =>
      value === '' ? `${lead}${name}` : `${lead}${name}${TOKEN_MASK}`,
  );
}

/** Masks `"token_auth": "…"` members of JSON text and query strings inside it. */
export function maskJsonText(text: string): string {
  const masked = text.replace(
    /("token_auth"\s*:\s*")((?:[^"\\]|\\.)*)(")/g,
    (_m, a: string, v: string, b: string) => (v === '' ? `${a}${b}` : `${a}${TOKEN_MASK}${b}`),
  );
  return maskQueryText(masked);
}

export function maskHit(hit: HitDto): HitDto {
  const hasToken =
    Object.hasOwn(hit.params, TOKEN_PARAM) || hit.occurrences.some((o) => o.name === TOKEN_PARAM);
  if (!hasToken) return hit;
  const params = { ...hit.params };
  if (Object.hasOwn(params, TOKEN_PARAM)) params[TOKEN_PARAM] = TOKEN_MASK;
  const decoded = { ...hit.decoded };
  const decodedToken = decoded[TOKEN_PARAM];
  if (decodedToken) {
    decoded[TOKEN_PARAM] = {
      ...decodedToken,
      raw: TOKEN_MASK,
      value: TOKEN_MASK,
      display: TOKEN_MASK,
    };
  }
  return {
    ...hit,
    params,
    decoded,
    rawQuery: maskQueryText(hit.rawQuery),
    occurrences: hit.occurrences.map((o) =>
      o.name === TOKEN_PARAM
        ? { ...o, value: TOKEN_MASK, ...(o.raw === undefined ? {} : { raw: maskQueryText(o.raw) }) }
        : o,
    ),
  };
}

export function maskRequest(request: RequestRecordDto): RequestRecordDto {
  const headers = { ...request.headers };
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'authorization') headers[name] = TOKEN_MASK;
  }
  return {
    ...request,
    url: maskQueryText(request.url),
    query: maskQueryText(request.query),
    headers,
    body: request.bodyEncoding === 'utf8' ? maskJsonText(request.body) : request.body,
  };
}
