// token_auth grants write access to a Matomo: exports get attached to tickets and shared,
// so its values are masked unless the user explicitly asks for them (ARCHITECTURE.md §7).
// Every place a hit or a request keeps the token is masked, under every name PHP reads as
// token_auth (see mask-text.ts).
import type { DecodedParam } from '../../../shared/matomo/types';
import { isBulkBody } from '../../../shared/matomo/bulk';
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import {
  isTokenName,
  maskFreeText,
  maskJsonText,
  maskMultipartText,
  maskQueryText,
  maskUrlText,
  TOKEN_MASK,
  type FoundTokens,
} from './mask-text';

export { maskJsonText, maskQueryText, maskUrlText, TOKEN_MASK } from './mask-text';

function maskDecoded(decoded: DecodedParam): DecodedParam {
  return { ...decoded, raw: TOKEN_MASK, value: TOKEN_MASK, display: TOKEN_MASK };
}

export function maskHit(hit: HitDto): HitDto {
  const rawQuery = maskQueryText(hit.rawQuery);
  const tokenNames = Object.keys(hit.params).filter(isTokenName);
  const occurrences = hit.occurrences.some((o) => isTokenName(o.name))
    ? hit.occurrences.map((o) =>
        isTokenName(o.name)
          ? {
              ...o,
              value: o.value === '' ? o.value : TOKEN_MASK,
              ...(o.raw === undefined ? {} : { raw: maskQueryText(o.raw) }),
            }
          : o,
      )
    : hit.occurrences;
  if (tokenNames.length === 0 && rawQuery === hit.rawQuery && occurrences === hit.occurrences) {
    return hit;
  }
  const params = { ...hit.params };
  for (const name of tokenNames) params[name] = TOKEN_MASK;
  const decoded = { ...hit.decoded };
  for (const [name, value] of Object.entries(decoded)) {
    if (isTokenName(name)) decoded[name] = maskDecoded(value);
  }
  return { ...hit, params, decoded, rawQuery, occurrences };
}

function headerValue(headers: Record<string, string>, name: string): string {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

/** A body as text, the way the parser chooses how to read it (shared/matomo/parse.ts). */
function maskBodyText(body: string, contentType: string, found: FoundTokens): string {
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isBulkBody(body)) return maskJsonText(body, found);
  if (mime === 'multipart/form-data') return maskMultipartText(body, contentType, found);
  if (mime !== 'application/x-www-form-urlencoded' && /^\s*[[{]/.test(body)) {
    return maskJsonText(body, found);
  }
  return maskQueryText(body, found);
}

/**
 * A body that is not UTF-8 is kept as base64; PHP still reads the ASCII parts of it. Read as
 * Latin-1, each byte is one character, so masking changes only the token and every other
 * byte goes back as it came.
 */
function maskBody(request: RequestRecordDto, found: FoundTokens): string {
  const contentType = headerValue(request.headers, 'content-type');
  if (request.bodyEncoding === 'utf8') return maskBodyText(request.body, contentType, found);
  const bytes = Buffer.from(request.body, 'base64').toString('latin1');
  const masked = maskBodyText(bytes, contentType, found);
  return masked === bytes ? request.body : Buffer.from(masked, 'latin1').toString('base64');
}

export function maskRequest(request: RequestRecordDto): RequestRecordDto {
  const found: FoundTokens = new Set();
  const url = maskUrlText(request.url, found);
  const query = maskQueryText(request.query, found);
  const body = maskBody(request, found);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] =
      name.toLowerCase() === 'authorization' ? TOKEN_MASK : maskFreeText(value, found);
  }
  const response = request.response;
  return {
    ...request,
    url,
    query,
    headers,
    body,
    response: { ...response, body: maskFreeText(response.body, found) },
  };
}
