// Which request paths are tracking requests: Matomo's own (docs/tracking-protocol.md#urls), also under a prefix
// (`/analytics/matomo.php`, as behind a reverse proxy), plus the extra paths from settings.
// Shared by the capture server's router and the import of HAR and capture files.
import { DEFAULT_TRACKING_PATHS } from '../../../shared/api/routes';

export function isTrackingPath(path: string, extra: readonly string[]): boolean {
  if (extra.includes(path)) return true;
  return DEFAULT_TRACKING_PATHS.some((known) => path === known || path.endsWith(known));
}
