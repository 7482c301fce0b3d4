import { formatBytes, formatCount } from '../../lib/format';
import { useAppStore } from '../../store/store-context';

/** The byte bound as the server was started with it (`--max-memory`), or that there is none. */
function boundText(bytes: number | undefined, bound: number | undefined): string {
  if (bytes === undefined) return '';
  if (bound === undefined) return ` · ${formatBytes(bytes)} (no --max-memory bound)`;
  return ` · ${formatBytes(bytes)} of ${formatBytes(bound)} (--max-memory)`;
}

/**
 * How full the server's working set is, beside the cap it is set with: hits against "Hits
 * kept in memory", estimated bytes against the `--max-memory` bound the server was started
 * with. Past either, the oldest hits stay in the data file only.
 */
export function MemoryUsage() {
  const summary = useAppStore((s) => s.summary);
  if (!summary) return null;
  return (
    <div className="field">
      <span>In memory now</span>
      <p className="memory-usage" data-testid="memory-usage">
        {formatCount(summary.inMemory)} of {formatCount(summary.maxHits)} hits
        {boundText(summary.memoryBytes, summary.maxMemoryBytes)}
        {summary.onDiskOnly > 0 ? ` · ${formatCount(summary.onDiskOnly)} only on disk` : ''}
      </p>
    </div>
  );
}
