// The app origin is the capture server's own origin (http://127.0.0.1:<port>): the only
// origin the window may show and the only one whose frames may call the desktop bridge.
// Comparisons parse both sides with the WHATWG URL parser and compare serialized origins,
// never string prefixes: "http://127.0.0.1:8765.evil.test" or "http://127.0.0.1:87650"
// start with the app URL but are other origins.

/** Serialized origin of a URL, or null when it does not parse or has an opaque origin. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

/** True only when `url` parses and has exactly the app's origin. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === appOrigin;
}
