import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/store-context';

/** Server-side counts, always visible; hits beyond the memory cap are counted too. */
export function SummaryCounts() {
  const summary = useAppStore((s) => s.summary);
  if (!summary) return <div className="summary-counts" />;
  const items: [string, number, string][] = [
    ['requests', summary.requests, ''],
    ['hits', summary.hits, ''],
    ['recorded', summary.recorded, 'ok'],
    ['excluded', summary.excluded, 'excluded'],
    ['rejected', summary.rejected, 'rejected'],
  ];
  return (
    <dl className="summary-counts" data-testid="summary-counts">
      {items.map(([label, value, tone]) => (
        <div key={label} className={`summary-item ${tone}`} data-count={label}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
        </div>
      ))}
      {summary.onDiskOnly > 0 ? (
        <div
          className="summary-item disk"
          data-count="on-disk"
          title={`Only the newest ${formatCount(summary.maxHits)} hits stay in memory; the others are in the data file.`}
        >
          <dt>only on disk</dt>
          <dd>{formatCount(summary.onDiskOnly)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
