// Rules for the editable server settings that the Settings dialog checks before saving and
// the server enforces on PUT /api/settings: one copy, so both give the same verdict.
import type { LimitsDto } from './types';

export const DEFAULT_LIMITS: LimitsDto = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxBulkEntries: 10_000,
  // Apache answers 414 past 8190 bytes of request line and nginx past 8 KiB by default:
  // a tracker that works against Hitscope's default also works against a stock server.
  maxUrlLength: 8192,
  maxParamValueLength: 64 * 1024,
};

/** Upper bounds: the HTTP parser is configured for URLs up to this size. */
export const LIMIT_BOUNDS: Record<keyof LimitsDto, [number, number]> = {
  maxBodyBytes: [1024, 256 * 1024 * 1024],
  maxBulkEntries: [1, 1_000_000],
  maxUrlLength: [256, 512 * 1024],
  maxParamValueLength: [16, 16 * 1024 * 1024],
};

export const MAX_TRACKING_PATHS = 50;

/** Why an extra tracking path cannot be used, or null when it can. */
export function trackingPathProblem(path: string): string | null {
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/%-]{1,200}$/.test(path)) {
    return `Tracking path "${path}" must start with "/" and contain only URL path characters.`;
  }
  if (path === '/index.php' || path === '/api' || path.startsWith('/api/')) {
    return `Tracking path "${path}" is reserved for the reporting API, the admin API or the UI.`;
  }
  return null;
}
