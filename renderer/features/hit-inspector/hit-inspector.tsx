import { memo, useState } from 'react';
import type { CompiledQuery } from '../../lib/query/compile-query';
import { useAppStore } from '../../store/store-context';
import { HighlightContext } from '../common/highlight';
import { FailedRequestView } from './failed-request-view';
import { InspectorBody } from './inspector-body';
import { focusGrid, INSPECTOR_ID } from './inspector-focus';
import { useHitDetail } from './use-hit-detail';
import '../../styles/inspector.css';

/**
 * The selected hit, decoded and explained, or the selected failed request with its error.
 * Focusable (Enter in the table moves here, Escape goes back to the table: without it the way
 * back is a Shift+Tab past every control of the hit). Memoized: its only prop, the compiled query,
 * is stable, so streamed batches and split-handle drags in the hits view pass it by.
 */
export const HitInspector = memo(function HitInspector({ query }: { query: CompiledQuery }) {
  const selectedId = useAppStore((s) => s.selectedId);
  const selectedFailedId = useAppStore((s) => s.selectedFailedId);
  const detail = useHitDetail(selectedId);
  const [tab, setTab] = useState<'decoded' | 'raw'>('decoded');
  return (
    <aside
      id={INSPECTOR_ID}
      className="inspector"
      tabIndex={-1}
      aria-label="Hit inspector"
      data-testid="hit-inspector"
      // Dialogs and menus inside stop their own Escape; an open native list keeps its own.
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) focusGrid();
      }}
    >
      <HighlightContext.Provider value={query.highlight}>
        {selectedFailedId ? (
          <FailedRequestView key={selectedFailedId} requestId={selectedFailedId} />
        ) : null}
        {detail.status === 'idle' && !selectedFailedId ? (
          <div className="inspector-empty muted">
            <p>Select a hit to see what Matomo would do with it.</p>
            <p className="small">
              ↑/↓ move · Enter opens here, Esc goes back · / searches · Esc clears · Ctrl+click
              selects several
            </p>
          </div>
        ) : null}
        {detail.status === 'loading' ? <div className="inspector-empty muted">Loading…</div> : null}
        {detail.status === 'error' ? (
          <div className="inspector-empty" role="alert">
            Could not load this hit: {detail.message}
          </div>
        ) : null}
        {detail.status === 'ready' ? (
          <InspectorBody
            key={detail.id}
            detail={detail.detail}
            tab={tab}
            onTab={setTab}
            queryParams={query.params}
          />
        ) : null}
      </HighlightContext.Provider>
    </aside>
  );
});
