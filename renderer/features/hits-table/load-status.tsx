import { formatBytes, formatCount } from '../../lib/format';
import { useAppStore } from '../../store/store-context';

/**
 * Why the table is still filling: after a start the server reads its data file back (a large
 * capture takes a while; new hits are tracked meanwhile), then the stored hits come page by
 * page into this window.
 */
export function LoadStatus() {
  const readBack = useAppStore((s) => s.summary?.readBack);
  const loading = useAppStore((s) => s.loading);
  if (readBack) {
    const percent =
      readBack.bytes > 0 ? Math.floor((readBack.bytesRead / readBack.bytes) * 100) : 100;
    return (
      <span
        className="muted loading-progress"
        role="status"
        title={`${formatBytes(readBack.bytesRead)} of ${formatBytes(readBack.bytes)} read; new hits are captured meanwhile`}
      >
        Reading stored hits from disk… {percent} %
      </span>
    );
  }
  if (loading && loading.total > loading.loaded) {
    return (
      <span className="muted loading-progress" role="status">
        Loading stored hits… {formatCount(loading.loaded)} of {formatCount(loading.total)}
      </span>
    );
  }
  return null;
}
