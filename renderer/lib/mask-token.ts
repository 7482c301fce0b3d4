// token_auth is a credential: the UI shows it masked, in the raw views and in what it
// copies, unless the user reveals it for this hit (ARCHITECTURE.md §7).

export const TOKEN_MASK = '••••••••';

// The value ends at the next parameter, fragment, space or quote (query strings inside JSON).
const QUERY_TOKEN = /(^|[?&])(token_auth=)([^&#\s"']*)/g;
const JSON_TOKEN = /("token_auth"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

/** Masks token_auth values in query strings, form bodies and JSON text. */
export function maskTokens(text: string): string {
  return text
    .replace(QUERY_TOKEN, (_m, lead: string, key: string, value: string) =>
      value ? `${lead}${key}${TOKEN_MASK}` : `${lead}${key}`,
    )
    .replace(JSON_TOKEN, (_m, open: string, value: string, close: string) =>
      value ? `${open}${TOKEN_MASK}${close}` : `${open}${close}`,
    );
}

export function maybeMask(text: string, reveal: boolean): string {
  return reveal ? text : maskTokens(text);
}
