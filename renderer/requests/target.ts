// The target of a send: this Hitscope server ('self'), the upstream Matomo of the settings
// ('upstream'), or a Matomo base URL the user typed. Only http(s) URLs are accepted, the
// same rule the server applies to /api/send.

export interface TargetInput {
  /** 'self' or a base URL without the script name. */
  target: string;
  /** The script path when the URL named one (`/piwik.php`). */
  path: string | null;
}

/** Reads a typed Matomo URL; returns an error message for anything that is not http(s). */
export function readTargetUrl(text: string): TargetInput | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '')
    return { error: 'Enter the base URL of your Matomo, e.g. https://matomo.example.com/' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { error: `"${trimmed}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `Only http and https targets can be sent to, not ${url.protocol}` };
  }
  const match = /^(.*?)(\/[^/]+\.php)$/i.exec(url.pathname);
  const dir = match ? match[1]! : url.pathname.replace(/\/+$/, '');
  return { target: `${url.origin}${dir}/`, path: match ? match[2]! : null };
}

/** What the UI calls a target. */
export function targetLabel(target: string): string {
  if (target === 'self') return 'this Hitscope';
  if (target === 'upstream') return 'the upstream Matomo';
  return target;
}
