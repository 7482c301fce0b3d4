// How the filters and the query language read a parameter value. Kept apart from the
// filter parser so the query compiler (shared/query/) and the filter (hit-filter.ts), which
// uses the compiler, share it without importing each other.
import type { ParamValue } from '../matomo/types';

/** Value of `param.NAME=` (and of `NAME:` in a query) that means "present, whatever its value". */
export const PARAM_PRESENT = '*';

/** Parameter values as text, the way they read in a query string. */
export function paramValueText(value: ParamValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
