// CSV export of the main hit columns (RFC 4180). Captured values are hostile input and CSV
// files get opened in spreadsheets, where a cell starting with = + - @ is a formula
// (CSV injection): such text cells are prefixed with an apostrophe so they stay text.
import type { HitDto } from '../../../shared/api/types';
import { issueTotal } from '../../../shared/matomo/issue-cap';
import { paramValueText } from '../../../shared/matomo/param-text';

type Cell = string | number | null;

function paramCell(hit: HitDto, name: string): string {
  return Object.hasOwn(hit.params, name) ? paramValueText(hit.params[name]) : '';
}

/** The columns that are not a HitDto field of the same name. */
const COMPUTED_COLUMNS = {
  issueCount: (hit: HitDto): Cell => issueTotal(hit.issues),
  issueCodes: (hit: HitDto): Cell => hit.issues.map((issue) => issue.code).join(' '),
  url: (hit: HitDto): Cell => paramCell(hit, 'url'),
  action_name: (hit: HitDto): Cell => paramCell(hit, 'action_name'),
};

/** A column: a computed one, or a HitDto field with a text, number, boolean or null value. */
export type CsvColumn = keyof typeof COMPUTED_COLUMNS | keyof HitDto;

/** The columns, in order: a HitDto field is listed by its name and written as it is. */
export const CSV_COLUMNS = [
  'receivedAt',
  'id',
  'requestId',
  'index',
  'transport',
  'method',
  'path',
  'idsite',
  'type',
  'outcome',
  'issueCount',
  'issueCodes',
  'summary',
  'url',
  'action_name',
  'remoteAddress',
  'userAgent',
  'rawQuery',
] as const satisfies readonly CsvColumn[];

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fieldCell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function cellOf(hit: HitDto, column: CsvColumn): Cell {
  return Object.hasOwn(COMPUTED_COLUMNS, column)
    ? COMPUTED_COLUMNS[column as keyof typeof COMPUTED_COLUMNS](hit)
    : fieldCell(hit[column as keyof HitDto]);
}

export function csvHeader(columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return columns.join(',') + '\r\n';
}

export function csvRow(hit: HitDto, columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  let row = '';
  for (let i = 0; i < columns.length; i++) {
    row += (i > 0 ? ',' : '') + csvCell(cellOf(hit, columns[i] as CsvColumn));
  }
  return row + '\r\n';
}
