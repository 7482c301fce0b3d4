// Column definitions of the hits table (TanStack Table 9). Cells of group rows are not
// rendered through these: a group row is one wide cell (see group-row.tsx). Columns are
// accessor columns because TanStack only lets those sort; the table sorts nothing itself
// (manual sorting: the rows are ordered in use-table-rows.ts with hit-sort.ts), it keeps
// the sort state's header logic: the click cycle, Shift+click for more keys, the direction.
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import { formatClock, timeTitle } from '../../lib/format';
import type { HitRow } from '../../lib/hit-row';
import { summaryOf, transportCellLabel, transportLabel } from '../../lib/hit-summary';
import type { DisplayRow } from '../../lib/table-view';
import { Highlight } from '../common/highlight';
import { OutcomeBadge } from '../common/outcome-badge';
import { TYPE_LABELS, TypeIcon } from '../common/type-icon';
import { COLUMN_LABELS } from '../../lib/column-labels';
import { SiteCell } from './site-cell';
import { paramColumnId } from '../../lib/param-columns';
import { paramValueText } from '../../../shared/matomo/param-text';

export const tableFeatureSet = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
  rowSortingFeature,
});

const helper = createColumnHelper<typeof tableFeatureSet, DisplayRow>();

const hitOf = (row: DisplayRow): HitRow | null => (row.kind === 'hit' ? row.hit : null);

// Default widths are kept narrow so that at 1024 px, beside the inspector, the Summary
// column still shows about 170 px (time, transport, type, outcome and site take 480 px).
export const hitColumns = helper.columns([
  helper.accessor(hitOf, {
    id: 'time',
    header: COLUMN_LABELS.time,
    size: 106,
    minSize: 70,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="mono" title={timeTitle(hit.time)}>
          {formatClock(hit.time)}
        </span>
      ) : null;
    },
  }),
  helper.accessor(hitOf, {
    id: 'transport',
    header: COLUMN_LABELS.transport,
    size: 84,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      if (!hit) return null;
      return (
        <span className="transport cell-text" title={transportLabel(hit)}>
          {transportCellLabel(hit)}
        </span>
      );
    },
  }),
  helper.accessor(hitOf, {
    id: 'type',
    header: COLUMN_LABELS.type,
    size: 112,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="type-cell" title={TYPE_LABELS[hit.type]}>
          <TypeIcon type={hit.type} />
          <span className="cell-text">{TYPE_LABELS[hit.type]}</span>
        </span>
      ) : null;
    },
  }),
  helper.accessor(hitOf, {
    id: 'outcome',
    header: COLUMN_LABELS.outcome,
    size: 120,
    // The widest badge ("excluded", "rejected") whole, with the cell's padding.
    minSize: 96,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <OutcomeBadge outcome={hit.outcome} errors={hit.errors} warnings={hit.warnings} />
      ) : null;
    },
  }),

  helper.accessor(hitOf, {
    id: 'site',
    header: COLUMN_LABELS.site,
    // Room for "Site" and the sort arrow.
    size: 58,
    minSize: 36,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? <SiteCell idsite={hit.idsite} /> : null;
    },
  }),
  helper.accessor(hitOf, {
    id: 'summary',
    header: COLUMN_LABELS.summary,
    size: 240,
    minSize: 80,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      if (!hit) return null;
      const summary = summaryOf(hit);
      return (
        <span className="summary-cell">
          {hit.imported ? (
            <span className="badge imported" title="Imported from a file (query: source:import)">
              imported
            </span>
          ) : null}
          <span className="cell-text" title={summary}>
            <Highlight text={summary} />
          </span>
        </span>
      );
    },
  }),
  helper.accessor(hitOf, {
    id: 'url',
    header: COLUMN_LABELS.url,
    size: 170,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="cell-text" title={hit.urlPath}>
          <Highlight text={hit.urlPath} />
        </span>
      ) : null;
    },
  }),
  helper.accessor(hitOf, {
    id: 'visitor',
    header: COLUMN_LABELS.visitor,
    size: 140,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="mono cell-text" title={hit.visitor}>
          <Highlight text={hit.visitor} />
        </span>
      ) : null;
    },
  }),
  helper.accessor(hitOf, {
    id: 'status',
    header: COLUMN_LABELS.status,
    size: 64,
    minSize: 44,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      if (!hit || hit.status === null) return null;
      return (
        <span className={`mono status-cell${hit.status >= 400 ? ' is-error' : ''}`}>
          {hit.status}
        </span>
      );
    },
  }),
]);

export const COLUMN_IDS = hitColumns.map((column) => column.id as string);

/** Built-in columns the table starts without (offered in the column menu). */
export const HIDDEN_BY_DEFAULT: Record<string, false> = { status: false };

/** A list of column definitions typed as the table takes them (see hitColumns). */
export const helperColumns = (columns: Parameters<typeof helper.columns>[0]) =>
  helper.columns(columns);

/** A column showing one parameter's value as sent (see lib/param-columns.ts). */
export function paramColumn(name: string) {
  return helper.accessor(hitOf, {
    id: paramColumnId(name),
    header: name,
    size: 110,
    minSize: 40,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      if (!hit || !Object.hasOwn(hit.params, name)) return null;
      const value = paramValueText(hit.params[name]);
      return (
        <span className="cell-text" title={value}>
          <Highlight text={value} />
        </span>
      );
    },
  });
}
