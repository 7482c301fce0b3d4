import type { SummaryDto } from '../../../shared/api/types';
import { formatBytes, formatCount, plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';
import '../../styles/failed-requests.css';

const FAILED_TITLE =
  'Requests refused before analysis (too large, URL too long, stalled or aborted upload, unreadable HTTP). Click to show them in the table.';

/** The `--max-memory` bound and how much of it the hits in memory use, when the server says. */
function memoryBound(summary: SummaryDto): string {
  if (summary.maxMemoryBytes === undefined || summary.memoryBytes === undefined) return '';
  return ` (at most ${formatBytes(summary.maxMemoryBytes)}, --max-memory; ${formatBytes(summary.memoryBytes)} in use)`;
}

/** Server-side counts, always visible; hits beyond the memory cap are counted too. */
export function SummaryCounts() {
  const summary = useAppStore((s) => s.summary);
  const showFailedOnly = useAppStore((s) => s.showFailedOnly);
  const setView = useAppStore((s) => s.setView);
  if (!summary) return <div className="summary-counts" />;
  // While the data file is read back the counts cover only what was read so far: they say so.
  const soFar = summary.readBack !== undefined;
  const count = (value: number) => (soFar ? `${formatCount(value)}+` : formatCount(value));
  const items: [string, number, string][] = [
    ['requests', summary.requests, ''],
    ['hits', summary.hits, ''],
    ['recorded', summary.recorded, 'ok'],
    ['excluded', summary.excluded, 'excluded'],
    ['rejected', summary.rejected, 'rejected'],
  ];
  const all = [
    ...items.map(([label, value]) => `${count(value)} ${label}`),
    ...(summary.failedRequests > 0 ? [`${count(summary.failedRequests)} failed`] : []),
    ...(summary.onDiskOnly > 0 ? [`${count(summary.onDiskOnly)} only on disk`] : []),
  ].join(' · ');
  const title = soFar ? `Counted so far, the stored hits are still read from disk: ${all}` : all;
  return (
    <dl className="summary-counts" data-testid="summary-counts" title={title}>
      {items.map(([label, value, tone]) => (
        <div key={label} className={`summary-item ${tone}`} data-count={label}>
          <dt>{label}</dt>
          <dd>{count(value)}</dd>
        </div>
      ))}
      {summary.failedRequests > 0 ? (
        <div className="summary-item failed" data-count="failed">
          <dt>failed</dt>
          <dd>
            <button
              type="button"
              className="summary-link"
              title={FAILED_TITLE}
              aria-label={`Show the ${plural(summary.failedRequests, 'failed request')}`}
              onClick={() => {
                showFailedOnly();
                setView('hits');
              }}
            >
              {count(summary.failedRequests)}
            </button>
          </dd>
        </div>
      ) : null}
      {summary.onDiskOnly > 0 ? (
        <div
          className="summary-item disk"
          data-count="on-disk"
          title={`Only the newest ${formatCount(summary.maxHits)} hits${memoryBound(summary)} stay in memory; the others are in the data file.`}
        >
          <dt>only on disk</dt>
          <dd>{count(summary.onDiskOnly)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
