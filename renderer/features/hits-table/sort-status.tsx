import { plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';
import { columnLabel } from '../../lib/column-labels';
import { newestEdge } from './hit-sort';

/**
 * What the column sort changes, said where the follow and order buttons are: the keys, that
 * the newest hit is not followed (it lands at its sorted place), how many failed requests
 * the sort hides, and a button back to arrival order.
 */
export function SortStatus({ failedHidden }: { failedHidden: number }) {
  const sorting = useAppStore((s) => s.sorting);
  const newestFirst = useAppStore((s) => s.newestFirst);
  const clearSorting = useAppStore((s) => s.clearSorting);
  if (sorting.length === 0) return null;
  const keys = sorting
    .map((key) => `${columnLabel(key.id)} ${key.desc ? '▼' : '▲'}`)
    .join(', then ');
  const notes: string[] = [];
  if (newestEdge(sorting, newestFirst) === null) notes.push('newest not followed');
  if (failedHidden > 0) notes.push(`${plural(failedHidden, 'failed request')} hidden`);
  return (
    <span className="sort-status" data-testid="sort-status">
      <span>
        Sorted by {keys}
        {notes.length > 0 ? <span className="muted"> — {notes.join(' · ')}</span> : null}
      </span>
      <button type="button" className="button small ghost" onClick={clearSorting}>
        Clear sort
      </button>
    </span>
  );
}
