// A parameter value as text, the way it reads in a query string. The request builder writes
// values this way, and the filters (shared/api/hit-filter.ts) and the query language (shared/query/) read
// them this way, so a value searched for is the value sent.
import type { ParamValue } from './types';

/** Value of `param.NAME=` (and of `NAME:` in a query) that means "present, whatever its value". */
export const PARAM_PRESENT = '*';

/** A value as query-string text: JSON for arrays and objects (ec_items, uadata, …), null as ''. */
export function paramValueText(value: ParamValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
