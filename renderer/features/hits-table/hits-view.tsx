import { useState, type CSSProperties } from 'react';
import { loadInspectorWidth, saveInspectorWidth } from '../../lib/inspector-width';
import { useAppStore } from '../../store/store-context';
import { EmptyState } from '../empty-state/empty-state';
import { FilterBar } from '../filters/filter-bar';
import { HitInspector } from '../hit-inspector/hit-inspector';
import { HitsTable } from './hits-table';
import { SplitHandle } from './split-handle';
import { TableToolbar } from './table-toolbar';
import { useTableRows } from './use-table-rows';
import '../../styles/hits.css';
import '../../styles/failed-requests.css';

/** The hits view: filters, the live table and the inspector of the selected hit. */
export function HitsView() {
  const rows = useTableRows();
  const loaded = useAppStore((s) => s.loaded);
  const nothingCaptured = loaded && rows.total === 0 && rows.failedTotal === 0;
  const [inspectorWidth, setInspectorWidth] = useState(loadInspectorWidth);
  const inspectorOpen = useAppStore((s) => s.inspectorOpen);
  return (
    <div className="hits-view">
      <FilterBar
        query={rows.query}
        shown={rows.filtered.length}
        total={rows.total}
        matches={rows.window ? (rows.windowSettled ? rows.window.total : null) : undefined}
      />
      <TableToolbar rows={rows} />
      <div
        className={inspectorOpen ? 'hits-split' : 'hits-split inspector-hidden'}
        style={{ '--inspector-width': `${inspectorWidth}px` } as CSSProperties}
      >
        <section className="hits-table-pane" aria-label="Captured hits">
          {nothingCaptured ? <EmptyState /> : <HitsTable rows={rows.display} query={rows.query} />}
        </section>
        {inspectorOpen ? (
          <>
            <SplitHandle
              width={inspectorWidth}
              onChange={setInspectorWidth}
              onCommit={saveInspectorWidth}
            />
            <HitInspector query={rows.query} />
          </>
        ) : null}
      </div>
    </div>
  );
}
