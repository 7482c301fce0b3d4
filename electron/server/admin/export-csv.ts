// CSV export of the main hit columns (RFC 4180). Captured values are hostile input and CSV
// files get opened in spreadsheets, where a cell starting with = + - @ is a formula
// (CSV injection): such text cells are prefixed with an apostrophe so they stay text.
import type { HitDto } from '../../../shared/api/types';
import { paramValueText } from '../../../shared/matomo/param-text';

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
] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n';
}

export function csvRow(hit: HitDto): string {
  const param = (name: string) =>
    Object.hasOwn(hit.params, name) ? paramValueText(hit.params[name]) : '';
  const cells: (string | number | null)[] = [
    hit.receivedAt,
    hit.id,
    hit.requestId,
    hit.index,
    hit.transport,
    hit.method,
    hit.path,
    hit.idsite,
    hit.type,
    hit.outcome,
    hit.issues.length,
    hit.issues.map((issue) => issue.code).join(' '),
    hit.summary,
    param('url'),
    param('action_name'),
    hit.remoteAddress,
    hit.userAgent,
    hit.rawQuery,
  ];
  return cells.map(csvCell).join(',') + '\r\n';
}
