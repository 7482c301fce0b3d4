// Labels of a hit in the table: its one-line summary (the server computes it; older stored
// hits without one get it computed here with the same function) and its transport.
import { summarizeHit } from '../../shared/matomo/summary';
import type { HitType, ParamValue } from '../../shared/matomo/types';

export function summaryOf(row: {
  summary: string;
  type: HitType;
  params: Record<string, ParamValue>;
}): string {
  return row.summary || summarizeHit(row.type, row.params);
}

/** GET / POST / beacon / bulk 2 of 5. */
export function transportLabel(hit: {
  transport: string;
  method: string;
  index: number;
  batchSize: number;
}): string {
  switch (hit.transport) {
    case 'bulk':
      return `bulk ${hit.index + 1} of ${hit.batchSize}`;
    case 'beacon':
      return 'beacon';
    default:
      return hit.method.toUpperCase();
  }
}

/**
 * The transport as the table's narrow column shows it: a bulk entry by its place alone
 * ("bulk #451"), since the group row above says how many there are; the full label is its
 * tooltip.
 */
export function transportCellLabel(hit: Parameters<typeof transportLabel>[0]): string {
  return hit.transport === 'bulk' ? `bulk #${hit.index + 1}` : transportLabel(hit);
}
