// token_auth grants write access to a Matomo: exports get attached to tickets and shared,
// so its values are masked unless the user explicitly asks for them (docs/architecture.md#security).
// Every place a hit or a request keeps the token is masked, under every name PHP reads as
// token_auth (shared/matomo/token-mask-text.ts), with the same functions the UI masks with.
import { withoutOwnCookie } from '../../../shared/api/credential-mask';
import { isTokenName, tokenMasking } from '../../../shared/api/token-mask';
import type { DecodedParam } from '../../../shared/matomo/types';
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';

/** ASCII, so an export stays plain text whatever reads it. */
export const TOKEN_MASK = '********';

const masking = tokenMasking(TOKEN_MASK);

export const { maskJsonText, maskQueryText } = masking;

export function maskRequest(request: RequestRecordDto): RequestRecordDto {
  return masking.maskRequest(request);
}

/**
 * A request as revealed in an export: every credential as captured but Hitscope's own sign-in
 * cookie, which is never handed out (requests stored by older versions may still hold it).
 */
export function revealRequest(request: RequestRecordDto): RequestRecordDto {
  const headers = withoutOwnCookie(request.headers, TOKEN_MASK);
  return headers === request.headers ? request : { ...request, headers };
}

function maskDecoded(decoded: DecodedParam): DecodedParam {
  return { ...decoded, raw: TOKEN_MASK, value: TOKEN_MASK, display: TOKEN_MASK };
}

/** The parameter names read as token_auth, looped over: an export asks this of every hit. */
function tokenNamesOf(params: HitDto['params']): string[] {
  const names: string[] = [];
  for (const name in params) if (Object.hasOwn(params, name) && isTokenName(name)) names.push(name);
  return names;
}

export function maskHit(hit: HitDto): HitDto {
  const rawQuery = maskQueryText(hit.rawQuery);
  const tokenNames = tokenNamesOf(hit.params);
  const issues = masking.maskIssues(hit);
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
  if (
    tokenNames.length === 0 &&
    rawQuery === hit.rawQuery &&
    occurrences === hit.occurrences &&
    issues === hit.issues
  ) {
    return hit;
  }
  const params = { ...hit.params };
  for (const name of tokenNames) params[name] = TOKEN_MASK;
  const decoded = { ...hit.decoded };
  for (const [name, value] of Object.entries(decoded)) {
    if (isTokenName(name)) decoded[name] = maskDecoded(value);
  }
  return { ...hit, params, decoded, rawQuery, occurrences, issues };
}
