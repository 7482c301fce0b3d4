import { formatCount, plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';
import { ExportMenu } from './export-menu';
import { ImportButton } from './import-button';
import { SelectionActions } from './selection-actions';
import type { TableRows } from './use-table-rows';

/** Pause/resume, follow, order, clear, export and import, plus actions on the selected hits. */
export function TableToolbar({ rows }: { rows: TableRows }) {
  const paused = useAppStore((s) => s.paused);
  const pending = useAppStore((s) => s.pending.length);
  const pause = useAppStore((s) => s.pause);
  const resume = useAppStore((s) => s.resume);
  const follow = useAppStore((s) => s.follow);
  const setFollow = useAppStore((s) => s.setFollow);
  const newestFirst = useAppStore((s) => s.newestFirst);
  const setNewestFirst = useAppStore((s) => s.setNewestFirst);
  const openClear = useAppStore((s) => s.setClearConfirmOpen);
  const loading = useAppStore((s) => s.loading);
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
        aria-pressed={follow}
        onClick={() => setFollow(!follow)}
        title="Keep the newest hit in view"
      >
        Follow newest
      </button>
      <button
        type="button"
        className="button"
        onClick={() => setNewestFirst(!newestFirst)}
        title="Where new hits appear"
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
      <ExportMenu />
      <ImportButton />
      <div className="toolbar-spacer" />
      <SelectionActions />
      {loading && loading.total > loading.loaded ? (
        <span className="muted loading-progress" role="status">
          Loading stored hits… {formatCount(loading.loaded)} of {formatCount(loading.total)}
        </span>
      ) : null}
      <span className="muted row-count" data-testid="row-count" aria-live="polite">
        {rows.filtered.length === rows.total
          ? plural(rows.total, 'hit')
          : `${formatCount(rows.filtered.length)} of ${plural(rows.total, 'hit')}`}
      </span>
      {rows.failedShown > 0 ? (
        <span className="muted failed-count" data-testid="failed-count">
          {plural(rows.failedShown, 'failed request')}
        </span>
      ) : null}
    </div>
  );
}
