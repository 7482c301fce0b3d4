// Runs: named slices of the capture, so parallel test workers each see only their own hits.
// A tracker joins a run without any code change by sending to `/run/<id>/matomo.php` (any
// tracking path under the prefix); a client that can set headers may send `X-Hitscope-Run`.
// Pure: read by the capture server (tagging) and the UI (the run selector).

/** Header that tags a tracking request into a run (lower case, as Node hands headers over). */
export const RUN_HEADER = 'x-hitscope-run';

/** Path prefix of a run: `/run/<id>/…`. */
export const RUN_PATH_PREFIX = '/run/';

/** Run ids are short and URL-safe, so they can sit in a path segment unescaped. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isRunId(value: string): boolean {
  return RUN_ID_PATTERN.test(value);
}

/**
 * The run a request path names and the tracking path inside it: `/run/r1/matomo.php` →
 * `{ run: 'r1', path: '/matomo.php' }`. Null when the path is not under a valid run prefix.
 */
export function splitRunPath(path: string): { run: string; path: string } | null {
  if (!path.startsWith(RUN_PATH_PREFIX)) return null;
  const end = path.indexOf('/', RUN_PATH_PREFIX.length);
  if (end < 0) return null;
  const run = path.slice(RUN_PATH_PREFIX.length, end);
  return isRunId(run) ? { run, path: path.slice(end) } : null;
}

/** The run of a tracking request: its path prefix first, else a valid run header. */
export function runOfRequest(
  path: string,
  headers: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const fromPath = splitRunPath(path);
  if (fromPath) return fromPath.run;
  const header = headers[RUN_HEADER]?.trim();
  return header !== undefined && isRunId(header) ? header : undefined;
}
