// Suggestions for the search box: field and parameter names while typing a name, and
// known values (hit types, outcomes, sites, values seen in captured hits) after `name:`.
import { HIT_TYPES, OUTCOMES } from '../../../shared/matomo/types';
import { FIELD_NAMES, resolveFieldName, tokenize } from '../../../shared/query/parse-query';

export interface Suggestion {
  /** Text shown in the list. */
  label: string;
  /** Replacement for the current token. */
  insert: string;
  detail?: string;
}

export interface SuggestionContext {
  /** Parameter names worth suggesting (catalogue and seen in hits). */
  paramNames: readonly string[];
  /** Short descriptions of parameter names, when known. */
  describeParam?: (name: string) => string | undefined;
  sites: readonly number[];
  /** Values seen for a parameter in captured hits (most frequent first). */
  valuesOf: (name: string) => readonly string[];
}

export interface SuggestionResult {
  from: number;
  to: number;
  items: Suggestion[];
}

const FIELD_HELP: Record<string, string> = {
  type: 'hit type (pageview, event, …)',
  outcome: 'recorded, excluded or rejected',
  idsite: 'site id',
  transport: 'get, post, beacon or bulk',
  method: 'HTTP method',
  issue: 'issue code, e.g. rec.missing',
  severity: 'error, warning or info',
  has: 'issues, errors or warnings',
  visitor: 'uid or visitor id',
  visit: 'the hits of one visit (v-…), or * for any',
  request: 'id of the HTTP request',
  status: 'HTTP status of the answer, e.g. 204 or 4xx',
  source: 'import (from a file) or tracker',
};

const FIXED_VALUES: Record<string, readonly string[]> = {
  type: HIT_TYPES,
  outcome: OUTCOMES,
  transport: ['get', 'post', 'beacon', 'bulk'],
  method: ['GET', 'POST'],
  severity: ['error', 'warning', 'info'],
  has: ['issues', 'errors', 'warnings'],
  status: ['200', '204', '400', '4xx', '5xx'],
  source: ['import', 'tracker'],
};

const LIMIT = 12;

function quoteIfNeeded(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
}

export function suggest(
  query: string,
  cursor: number,
  context: SuggestionContext,
  issueCodes: readonly string[] = [],
): SuggestionResult | null {
  const token = tokenize(query).find((t) => t.start <= cursor && cursor <= t.end);
  const start = token?.start ?? cursor;
  const text = query.slice(start, cursor);
  const negate = text.startsWith('-') ? '-' : '';
  const body = negate ? text.slice(1) : text;
  if (body.startsWith('"')) return null;
  const colon = body.indexOf(':');
  const end = token?.end ?? cursor;
  if (colon < 0) {
    const lower = body.toLowerCase();
    const fields: Suggestion[] = FIELD_NAMES.filter((name) => name.startsWith(lower)).map(
      (name) => ({ label: `${name}:`, insert: `${negate}${name}:`, detail: FIELD_HELP[name] }),
    );
    const params: Suggestion[] = lower
      ? context.paramNames
          .filter((name) => name.toLowerCase().startsWith(lower))
          .map((name) => ({
            label: `${name}:`,
            insert: `${negate}${name}:`,
            detail: context.describeParam?.(name) ?? 'parameter',
          }))
      : [];
    const items = [...fields, ...params].slice(0, LIMIT);
    return items.length ? { from: start, to: end, items } : null;
  }
  const key = body.slice(0, colon);
  const partial = body.slice(colon + 1).toLowerCase();
  const field = resolveFieldName(key);
  let values: readonly string[];
  if (field === 'idsite') values = context.sites.map(String);
  else if (field === 'issue') values = issueCodes;
  else if (field && FIXED_VALUES[field]) values = FIXED_VALUES[field] ?? [];
  else if (field) values = [];
  else values = ['*', ...context.valuesOf(key)];
  const items = values
    .filter((value) => value.toLowerCase().startsWith(partial) && value.toLowerCase() !== partial)
    .slice(0, LIMIT)
    .map((value) => ({
      label: value,
      insert: `${negate}${key}:${quoteIfNeeded(value)}`,
      detail: value === '*' ? 'is present' : undefined,
    }));
  return items.length ? { from: start, to: end, items } : null;
}

/** Applies a suggestion to the query; returns the new text and cursor position. */
export function applySuggestion(
  query: string,
  result: SuggestionResult,
  item: Suggestion,
): { query: string; cursor: number } {
  const before = query.slice(0, result.from) + item.insert;
  const after = query.slice(result.to);
  const spacer = item.insert.endsWith(':') || after.startsWith(' ') ? '' : ' ';
  return { query: before + spacer + after, cursor: before.length + spacer.length };
}
