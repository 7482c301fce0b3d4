// Column definitions of the hits table (TanStack Table 9). Cells of group rows are not
// rendered through these: a group row is one wide cell (see group-row.tsx).
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  tableFeatures,
} from '@tanstack/react-table';
import { formatClock } from '../../lib/format';
import type { HitRow } from '../../lib/hit-row';
import { summaryOf, transportLabel } from '../../lib/hit-summary';
import type { DisplayRow } from '../../lib/table-view';
import { Highlight } from '../common/highlight';
import { OutcomeBadge } from '../common/outcome-badge';
import { TYPE_LABELS, TypeIcon } from '../common/type-icon';
import { SiteCell } from './site-cell';

export const tableFeatureSet = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});

const helper = createColumnHelper<typeof tableFeatureSet, DisplayRow>();

const hitOf = (row: DisplayRow): HitRow | null => (row.kind === 'hit' ? row.hit : null);

export const hitColumns = helper.columns([
  helper.display({
    id: 'time',
    header: 'Time',
    size: 118,
    minSize: 70,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="mono" title={hit.receivedAt}>
          {formatClock(hit.time)}
        </span>
      ) : null;
    },
  }),
  helper.display({
    id: 'transport',
    header: 'Transport',
    size: 88,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? <span className="transport">{transportLabel(hit)}</span> : null;
    },
  }),
  helper.display({
    id: 'type',
    header: 'Type',
    size: 148,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="type-cell">
          <TypeIcon type={hit.type} />
          {TYPE_LABELS[hit.type]}
        </span>
      ) : null;
    },
  }),
  helper.display({
    id: 'outcome',
    header: 'Outcome',
    size: 120,
    minSize: 90,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <OutcomeBadge outcome={hit.outcome} errors={hit.errors} warnings={hit.warnings} />
      ) : null;
    },
  }),

  helper.display({
    id: 'site',
    header: 'Site',
    size: 48,
    minSize: 36,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? <SiteCell idsite={hit.idsite} /> : null;
    },
  }),
  helper.display({
    id: 'summary',
    header: 'Summary',
    size: 240,
    minSize: 80,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? <Highlight text={summaryOf(hit)} /> : null;
    },
  }),
  helper.display({
    id: 'url',
    header: 'URL path',
    size: 170,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? <Highlight text={hit.urlPath} /> : null;
    },
  }),
  helper.display({
    id: 'visitor',
    header: 'Visitor',
    size: 140,
    minSize: 60,
    cell: ({ row }) => {
      const hit = hitOf(row.original);
      return hit ? (
        <span className="mono">
          <Highlight text={hit.visitor} />
        </span>
      ) : null;
    },
  }),
]);

export const COLUMN_IDS = hitColumns.map((column) => column.id as string);
