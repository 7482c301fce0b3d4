import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/api/routes';
import type { HitFilterDto } from '../../../shared/api/types';
import { exportHits, shownHitsFilter } from '../../api/export-hits';
import { formatCount } from '../../lib/format';
import type { CompiledQuery } from '../../lib/query/compile-query';
import { useDismiss } from '../common/use-dismiss';
import { useServices } from '../../services-context';
import { narrowsHits } from '../../store/filter-slice';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

const NAMES: Record<ExportFormat, string> = { ndjson: 'NDJSON', har: 'HAR', csv: 'CSV' };

export interface ExportMenuProps {
  /** Hits the table shows under its filters (rows.filtered.length). */
  shown: number;
  /** The search as the table applies it (compiled from the deferred query text). */
  query: CompiledQuery;
}

/**
 * Export every stored hit, or, while a search or quick filter narrows the table, the hits
 * it shows (native save dialog in the desktop app, else a download).
 */
export function ExportMenu({ shown, query }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const { client } = useServices();
  const store = useAppStoreApi();
  const quick = useAppStore((s) => s.quick);
  const narrowed = !query.empty || narrowsHits(quick);
  const shownFilter = narrowed ? shownHitsFilter(quick, query.empty ? '' : query.source) : null;
  // The table skips search terms it cannot read; the API refuses them instead, so a file
  // would not hold the table's rows until the search is fixed.
  const problem = query.problems.length > 0 ? query.problems.join(' ') : null;
  const anchor = useDismiss(open, () => setOpen(false));
  const run = (format: ExportFormat, filter: HitFilterDto) => {
    setOpen(false);
    void exportHits(client, store, format, filter);
  };
  return (
    <div className="menu-anchor" ref={anchor}>
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Export ▾
      </button>
      {open ? (
        <div className="popover menu" role="menu">
          {EXPORT_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => run(format, {})}
            >
              All hits as {NAMES[format]}
            </button>
          ))}
          {narrowed ? <div className="menu-separator" role="separator" /> : null}
          {narrowed
            ? EXPORT_FORMATS.map((format) => (
                <button
                  key={`shown-${format}`}
                  type="button"
                  role="menuitem"
                  className="menu-item"
                  disabled={shownFilter === null || shown === 0 || problem !== null}
                  title={problem ? `Fix the search first: ${problem}` : undefined}
                  onClick={() => {
                    if (shownFilter) run(format, shownFilter);
                  }}
                >
                  Shown hits ({formatCount(shown)}) as {NAMES[format]}
                </button>
              ))
            : null}
        </div>
      ) : null}
    </div>
  );
}
