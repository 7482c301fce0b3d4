// Names of the hits table's columns, shared by the headers, the column menu and the sort
// status, so a column reads the same everywhere.
import { paramOfColumn } from './param-columns';

export const COLUMN_LABELS = {
  time: 'Time',
  transport: 'Transport',
  type: 'Type',
  outcome: 'Outcome',
  site: 'Site',
  summary: 'Summary',
  url: 'URL path',
  visitor: 'Visitor',
  status: 'HTTP status',
} as const;

export type ColumnId = keyof typeof COLUMN_LABELS;

/** A column's name; a parameter column is named by its parameter (`e_c`). */
export function columnLabel(id: string): string {
  return (COLUMN_LABELS as Record<string, string>)[id] ?? paramOfColumn(id) ?? id;
}
