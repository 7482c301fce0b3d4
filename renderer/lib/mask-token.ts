// token_auth is a credential: the UI shows it masked, in the raw views and in what it
// copies, unless the user reveals it for this hit (docs/architecture.md#security). The masking is the
// export's own (shared/api/token-mask.ts), so every name PHP reads as token_auth — escaped,
// dotted, spaced, as an array, inside bulk JSON — is hidden here as it is in an export.
import { tokenMasking, type FoundTokens } from '../../shared/api/token-mask';
import type { RequestRecordDto } from '../../shared/api/types';

export { decodedNameIsToken, isTokenName } from '../../shared/api/token-mask';

/** What the UI shows in place of a token value. */
export const TOKEN_MASK = '••••••••';

export const tokenMask = tokenMasking(TOKEN_MASK);

/** A query string or form body (a hit's rawQuery), masked unless revealed. */
export function maybeMaskQuery(query: string, reveal: boolean): string {
  return reveal ? query : tokenMask.maskQueryText(query);
}

/** A request as the raw view shows it, and whether it holds a token to reveal. */
export function maskedRequest(
  request: RequestRecordDto,
  reveal: boolean,
): { shown: RequestRecordDto; hasToken: boolean } {
  const found: FoundTokens = new Set();
  const masked = tokenMask.maskRequest(request, found);
  return { shown: reveal ? request : masked, hasToken: found.size > 0 };
}
