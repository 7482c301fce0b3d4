import { memo } from 'react';
import type { FailedRow } from '../../lib/failed-row';
import { formatClock } from '../../lib/format';
import { useAppStoreApi } from '../../store/store-context';

/** DOM id of a failed request's row (the grid's active descendant when it is selected). */
export function failedRowElementId(requestId: string): string {
  return `failed-row-${requestId}`;
}

/**
 * A request that failed before analysis: no hit, so one cell across the columns with the
 * answer status and why; click shows the raw request and the error in the inspector.
 */
export const FailedGridRow = memo(function FailedGridRow({
  failed,
  rowIndex,
  columnCount,
  selected,
  top,
}: {
  failed: FailedRow;
  rowIndex: number;
  columnCount: number;
  selected: boolean;
  /** Offset of the row in the grid body, in px. */
  top: number;
}) {
  const store = useAppStoreApi();
  return (
    <div
      role="row"
      id={failedRowElementId(failed.id)}
      className={selected ? 'failed-row selected' : 'failed-row'}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-request-id={failed.id}
      data-error-code={failed.code}
      data-testid="failed-request"
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => store.getState().selectFailed(failed.id)}
    >
      <div role="gridcell" aria-colspan={columnCount} className="failed-cell">
        <span className="mono">{formatClock(failed.time)}</span>
        <span className="badge failed">✕ {failed.status} failed</span>
        <span className="mono failed-target">
          {failed.method} {failed.url}
        </span>
        <span className="failed-message" title={failed.message}>
          {failed.message}
        </span>
        {failed.imported ? <span className="muted small">imported</span> : null}
      </div>
    </div>
  );
});
