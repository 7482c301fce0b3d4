// The search box's query language, e.g.
//   type:event e_c:Video idsite:3 outcome:rejected dimension1:* -issue:rec "free text"
// Terms are separated by spaces and all must match, except those joined by `OR` (upper case,
// binding tighter than the spaces: `type:event OR type:pageview idsite:3` is
// (event or page view) and site 3). `name:value` tests a hit field (type,
// outcome, idsite, …) or, for any other name, a tracking parameter; a bare word or a
// "quoted phrase" is free text; a leading `-` negates a term. Parsing never fails: odd
// input becomes text terms, so typing never throws.

export const FIELD_NAMES = [
  'type',
  'outcome',
  'idsite',
  'transport',
  'method',
  'issue',
  'severity',
  'has',
  'visitor',
  'visit',
  'request',
  'status',
  'source',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

const FIELD_ALIASES: Record<string, FieldName> = { site: 'idsite', code: 'issue', is: 'has' };

interface TermBase {
  negate: boolean;
  /** Joined to the term before it by `OR` (an `OR` with no term on one side is ignored). */
  or: boolean;
  /** Position of the term in the query text (for autocomplete). */
  start: number;
  end: number;
}

export type QueryTerm =
  | (TermBase & { kind: 'text'; value: string })
  | (TermBase & { kind: 'field'; field: FieldName; value: string })
  | (TermBase & { kind: 'param'; name: string; value: string });

export interface RawToken {
  text: string;
  start: number;
  end: number;
}

/** Splits on spaces, keeping "quoted parts" (which may contain spaces) inside their token. */
export function tokenize(query: string): RawToken[] {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i] ?? '')) i += 1;
    if (i >= query.length) break;
    const start = i;
    let inQuote = false;
    while (i < query.length) {
      const ch = query[i];
      if (ch === '"') inQuote = !inQuote;
      else if (!inQuote && ch !== undefined && /\s/.test(ch)) break;
      i += 1;
    }
    tokens.push({ text: query.slice(start, i), start, end: i });
  }
  return tokens;
}

function unquote(text: string): string {
  if (text.startsWith('"')) {
    const body = text.endsWith('"') && text.length > 1 ? text.slice(1, -1) : text.slice(1);
    return body;
  }
  return text;
}

const KEY_PATTERN = /^([A-Za-z_][\w[\].]*):(.*)$/s;

export function resolveFieldName(key: string): FieldName | null {
  const lower = key.toLowerCase();
  if ((FIELD_NAMES as readonly string[]).includes(lower)) return lower as FieldName;
  return FIELD_ALIASES[lower] ?? null;
}

export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let pendingOr = false;
  for (const token of tokenize(query)) {
    let text = token.text;
    if (text === 'OR') {
      pendingOr = terms.length > 0;
      continue;
    }
    const or = pendingOr;
    pendingOr = false;
    let negate = false;
    if (text.length > 1 && text.startsWith('-')) {
      negate = true;
      text = text.slice(1);
    }
    const base = { negate, or, start: token.start, end: token.end };
    const match = KEY_PATTERN.exec(text);
    if (match && !text.startsWith('"')) {
      const key = match[1] ?? '';
      const value = unquote(match[2] ?? '');
      const field = resolveFieldName(key);
      if (field) terms.push({ ...base, kind: 'field', field, value });
      else terms.push({ ...base, kind: 'param', name: key, value });
      continue;
    }
    const value = unquote(text);
    if (value) terms.push({ ...base, kind: 'text', value });
  }
  return terms;
}
