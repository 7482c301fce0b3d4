import { useAppStore } from '../../store/store-context';
import { EmptyState } from '../empty-state/empty-state';
import { FilterBar } from '../filters/filter-bar';
import { HitInspector } from '../hit-inspector/hit-inspector';
import { HitsTable } from './hits-table';
import { TableToolbar } from './table-toolbar';
import { useTableRows } from './use-table-rows';
import '../../styles/hits.css';

/** The hits view: filters, the live table and the inspector of the selected hit. */
export function HitsView() {
  const rows = useTableRows();
  const loaded = useAppStore((s) => s.loaded);
  const nothingCaptured = loaded && rows.total === 0;
  return (
    <div className="hits-view">
      <FilterBar query={rows.query} shown={rows.filtered.length} total={rows.total} />
      <TableToolbar rows={rows} />
      <div className="hits-split">
        <section className="hits-table-pane" aria-label="Captured hits">
          {nothingCaptured ? <EmptyState /> : <HitsTable rows={rows.display} query={rows.query} />}
        </section>
        <HitInspector query={rows.query} />
      </div>
    </div>
  );
}
