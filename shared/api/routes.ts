// Route table of the HTTP surface (docs/api.md). Stable v1 names.

export const API_ROUTES = {
  health: '/api/health',
  summary: '/api/summary',
  hits: '/api/hits',
  hit: '/api/hits/:id',
  /** The hit's whole raw query (`?param=NAME`: one parameter's whole value), as a download. */
  hitRaw: '/api/hits/:id/raw',
  requests: '/api/requests/:id',
  /** The request's whole body as stored (`?part=query`: its query string), as a download. */
  requestRaw: '/api/requests/:id/raw',
  /** `?failed=1&limit=N`: failed requests, newest first. */
  requestList: '/api/requests',
  reset: '/api/reset',
  wait: '/api/wait',
  stream: '/api/stream',
  validate: '/api/validate',
  send: '/api/send',
  export: '/api/export',
  import: '/api/import',
  settings: '/api/settings',
  /** Visits as Matomo would form them (filters like /api/hits). */
  visits: '/api/visits',
  visit: '/api/visits/:id',
  history: '/api/history',
  historyEntry: '/api/history/:id',
  /** GET: the runs; POST: a new run (shared/api/runs.ts). */
  runs: '/api/runs',
  /** GET: a run's summary; DELETE: the run and its hits. */
  run: '/api/runs/:id',
  runWait: '/api/runs/:id/wait',
  /** POST: a one-time sign-in URL of the UI (`/?code=…`), for tools that hold the token. */
  signInLinks: '/api/sign-in-links',
} as const;

/** Tracking endpoint paths Matomo serves (docs/tracking-protocol.md#urls); extra ones come from settings. */
export const DEFAULT_TRACKING_PATHS = [
  '/matomo.php',
  '/piwik.php',
  '/js/',
  '/js/tracker.php',
] as const;

/** Matomo reporting API paths (the subset import_logs.py calls). */
export const REPORTING_API_PATHS = ['/', '/index.php'] as const;

export const DEFAULT_PORT = 8765;

export const EXPORT_FORMATS = ['ndjson', 'har', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Name of an export file, e.g. `hitscope-2026-03-01T09-30-00.csv` (UTC, no colons so it is a
 * valid file name everywhere): the server's Content-Disposition and the UI's save dialog and
 * download use this one name.
 */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/\..*$/, '').replace(/:/g, '-');
  return `hitscope-${stamp}.${format}`;
}

/** `fields=` of /api/hits and /api/stream: `full` (the default) or `compact` (HitSummaryDto). */
export const HIT_FIELDS = ['full', 'compact'] as const;
export type HitFields = (typeof HIT_FIELDS)[number];

/**
 * Largest body `POST /api/import` reads (the file's text inside JSON). Large enough for tens
 * of thousands of exported hits; the UI checks a file's size against it before sending.
 */
export const MAX_IMPORT_BODY_BYTES = 64 * 1024 * 1024;
