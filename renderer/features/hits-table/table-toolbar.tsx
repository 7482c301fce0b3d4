import { formatCount, plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';
import { ExportMenu } from './export-menu';
import { ImportButton } from './import-button';
import { newestEdge } from './hit-sort';
import { SelectionActions } from './selection-actions';
import { SortStatus } from './sort-status';
import { InspectorToggle } from './inspector-toggle';
import { LoadStatus } from './load-status';
import { rowCountText } from './row-count';
import { narrowsHits } from '../../store/filter-slice';
import type { TableRows } from './use-table-rows';

/**
 * Pause/resume, follow, order, clear, export and import, the column sort's status, plus
 * actions on the selected hits.
 */
export function TableToolbar({ rows }: { rows: TableRows }) {
  const paused = useAppStore((s) => s.paused);
  const pending = useAppStore((s) => s.pending.length);
  const pause = useAppStore((s) => s.pause);
  const resume = useAppStore((s) => s.resume);
  const follow = useAppStore((s) => s.follow);
  const setFollow = useAppStore((s) => s.setFollow);
  const newestFirst = useAppStore((s) => s.newestFirst);
  const setNewestFirst = useAppStore((s) => s.setNewestFirst);
  const followable = useAppStore((s) => newestEdge(s.sorting, s.newestFirst) !== null);
  const timeSorted = useAppStore((s) => s.sorting[0]?.id === 'time');
  const openClear = useAppStore((s) => s.setClearConfirmOpen);
  const quick = useAppStore((s) => s.quick);
  // The table is not the capture yet: the status says how far the read-back is instead.
  const readingBack = useAppStore((s) => s.summary?.readBack !== undefined);
  const hasHits = rows.total > 0 || pending > 0 || rows.failedTotal > 0;
  return (
    <div className="table-toolbar" role="toolbar" aria-label="Hits">
      {paused ? (
        <button type="button" className="button primary" onClick={resume} data-testid="resume">
          ▶ Resume{pending > 0 ? ` · ${formatCount(pending)} new` : ''}
        </button>
      ) : (
        <button type="button" className="button" onClick={pause} data-testid="pause">
          ❚❚ Pause
        </button>
      )}
      <button
        type="button"
        className="button"
        aria-pressed={follow && followable}
        disabled={!followable}
        onClick={() => setFollow(!follow)}
        title={
          followable
            ? 'Keep the newest hit in view'
            : 'Off while sorted by a column other than Time: new hits go to their sorted place'
        }
      >
        Follow newest
      </button>
      <button
        type="button"
        className="button"
        disabled={timeSorted}
        onClick={() => setNewestFirst(!newestFirst)}
        title={
          timeSorted
            ? 'The sort by Time sets the order'
            : 'Where new hits appear (in a sorted table: the order of equal hits)'
        }
      >
        {newestFirst ? 'Newest on top' : 'Newest at bottom'}
      </button>
      <button
        type="button"
        className="button danger"
        onClick={() => openClear(true)}
        disabled={!hasHits}
      >
        Clear…
      </button>
      <ExportMenu shown={rows.window?.total ?? rows.filtered.length} query={rows.query} />
      <ImportButton />
      <SortStatus failedHidden={rows.failedHidden} />
      <div className="toolbar-spacer" />
      <SelectionActions />
      <LoadStatus />
      {readingBack ? null : (
        <span className="muted row-count" data-testid="row-count" aria-live="polite">
          {rowCountText(rows, !rows.query.empty || narrowsHits(quick))}
        </span>
      )}
      {rows.failedShown > 0 ? (
        <span className="muted failed-count" data-testid="failed-count">
          {plural(rows.failedShown, 'failed request')}
        </span>
      ) : null}
      <InspectorToggle />
    </div>
  );
}
