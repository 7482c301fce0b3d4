// token_auth masking for everything the admin API hands out and the UI shows: request
// records, hit issues, and the texts of shared/matomo/token-mask-text.ts bound to one mask.
//
// Threat model: token_auth grants write access to a Matomo. Exports get attached to tickets
// and shared, and the UI is screen-shared and copied from, so both hide the token unless the
// user asks for it (docs/architecture.md#security). Credential headers (Authorization, Cookie, Set-Cookie) are masked with it
// (credential-mask.ts). Both sides mask through this module, each with its
// own mask string (an export uses ASCII, the UI a glyph), so whatever the export hides, under
// whichever name PHP reads as token_auth, the UI hides too.
import {
  isTokenName,
  maskBodyText,
  maskFreeText,
  maskJsonText,
  maskMultipartText,
  maskQueryText,
  maskUrlText,
  type FoundTokens,
} from '../matomo/token-mask-text';
import type { Issue, ParamValue } from '../matomo/types';
import { maskCredentialHeaders } from './credential-mask';
import { encodeUtf8 } from '../matomo/utf8';
import type { HitDto, RequestRecordDto } from './types';

export { decodedNameIsToken, isTokenName, type FoundTokens } from '../matomo/token-mask-text';

/** The masking functions with the mask string bound. */
export interface TokenMasking {
  readonly mask: string;
  maskQueryText(query: string, found?: FoundTokens): string;
  maskUrlText(url: string, found?: FoundTokens): string;
  maskJsonText(text: string, found?: FoundTokens): string;
  maskMultipartText(body: string, contentType: string, found?: FoundTokens): string;
  maskBodyText(body: string, contentType: string, found?: FoundTokens): string;
  maskFreeText(text: string, found?: ReadonlySet<string>): string;
  /** Every text of a request; the token values read from it are added to `found`. */
  maskRequest(request: RequestRecordDto, found?: FoundTokens): RequestRecordDto;
  /** The hit's issues with its token values masked (a duplicate quotes the value it keeps). */
  maskIssues(hit: Pick<HitDto, 'params' | 'occurrences' | 'issues'>): Issue[];
}

// atob and btoa exist in Node and in browsers; shared/ has neither's typings.
const runtime = globalThis as unknown as {
  atob(data: string): string;
  btoa(data: string): string;
};

function headerValue(headers: Record<string, string>, name: string): string {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}

/**
 * A body that is not UTF-8 is kept as base64; PHP still reads the ASCII parts of it. Read as
 * Latin-1, each byte is one character, so masking changes only the token and every other
 * byte goes back as it came; the mask goes in as its UTF-8 bytes.
 */
function maskBody(request: RequestRecordDto, mask: string, found: FoundTokens): string {
  const contentType = headerValue(request.headers, 'content-type');
  if (request.bodyEncoding === 'utf8') return maskBodyText(request.body, contentType, mask, found);
  let bytes: string;
  try {
    bytes = runtime.atob(request.body);
  } catch {
    // Not base64 after all: masked as text, so a token in it is still hidden.
    return maskBodyText(request.body, contentType, mask, found);
  }
  const byteMask = String.fromCharCode(...encodeUtf8(mask));
  const masked = maskBodyText(bytes, contentType, byteMask, found);
  return masked === bytes ? request.body : runtime.btoa(masked);
}

function maskRequest(
  request: RequestRecordDto,
  mask: string,
  found: FoundTokens = new Set(),
): RequestRecordDto {
  const url = maskUrlText(request.url, mask, found);
  const query = maskQueryText(request.query, mask, found);
  const body = maskBody(request, mask, found);
  const maskHeaders = (headers: Record<string, string>) =>
    maskCredentialHeaders(headers, mask, (value) => maskFreeText(value, mask, found));
  const response = request.response;
  return {
    ...request,
    url,
    query,
    headers: maskHeaders(request.headers),
    body,
    response: {
      ...response,
      headers: maskHeaders(response.headers),
      body: maskFreeText(response.body, mask, found),
    },
  };
}

function valueText(value: ParamValue | undefined): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function maskIssues(hit: Pick<HitDto, 'params' | 'occurrences' | 'issues'>, mask: string): Issue[] {
  if (hit.issues.length === 0) return hit.issues;
  // Looped over rather than listed (Object.entries): an export asks this of every hit.
  const found = new Set<string>();
  for (const occurrence of hit.occurrences) {
    if (isTokenName(occurrence.name)) found.add(valueText(occurrence.value));
  }
  const params = hit.params;
  for (const name in params) {
    if (Object.hasOwn(params, name) && isTokenName(name)) found.add(valueText(params[name]));
  }
  found.delete('');
  if (found.size === 0) return hit.issues;
  let changed = false;
  const issues = hit.issues.map((issue) => {
    const message = maskFreeText(issue.message, mask, found);
    const hint = issue.hint === undefined ? undefined : maskFreeText(issue.hint, mask, found);
    if (message === issue.message && hint === issue.hint) return issue;
    changed = true;
    return { ...issue, message, ...(hint === undefined ? {} : { hint }) };
  });
  return changed ? issues : hit.issues;
}

/** The masking functions with `mask` written in place of every token value. */
export function tokenMasking(mask: string): TokenMasking {
  return {
    mask,
    maskQueryText: (query, found) => maskQueryText(query, mask, found),
    maskUrlText: (url, found) => maskUrlText(url, mask, found),
    maskJsonText: (text, found) => maskJsonText(text, mask, found),
    maskMultipartText: (body, type, found) => maskMultipartText(body, type, mask, found),
    maskBodyText: (body, type, found) => maskBodyText(body, type, mask, found),
    maskFreeText: (text, found) => maskFreeText(text, mask, found),
    maskRequest: (request, found) => maskRequest(request, mask, found),
    maskIssues: (hit) => maskIssues(hit, mask),
  };
}
