// The only URLs the app ever hands to the system browser (shell.openExternal): a fixed
// table, addressed by key. Captured values are hostile and never reach openExternal, so a
// crafted hit cannot make the app launch a URL or a local program.

export const DOC_LINKS = {
  trackingApi: {
    label: 'Matomo Tracking HTTP API',
    url: 'https://developer.matomo.org/api-reference/tracking-api',
  },
  javascriptTracker: {
    label: 'JavaScript Tracking Client',
    url: 'https://developer.matomo.org/guides/tracking-javascript-guide',
  },
  javascriptApi: {
    label: 'JavaScript Tracker API Reference',
    url: 'https://developer.matomo.org/api-reference/tracking-javascript',
  },
  faq: {
    label: 'Matomo FAQ',
    url: 'https://matomo.org/faq/',
  },
} as const;

export type DocLinkId = keyof typeof DOC_LINKS;

export const DOC_LINK_IDS = Object.keys(DOC_LINKS) as DocLinkId[];

/** True only for a URL of the table, letter for letter (no prefix, query or fragment match). */
export function isDocLinkUrl(url: string): boolean {
  return Object.values(DOC_LINKS).some((link) => link.url === url);
}

/** The fixed URL of a documentation link. Unknown keys (impossible when typed) throw. */
export function docLinkUrl(id: DocLinkId): string {
  const link = (DOC_LINKS as Record<string, { url: string } | undefined>)[id];
  if (!link) throw new Error(`unknown documentation link ${String(id)}`);
  return link.url;
}
