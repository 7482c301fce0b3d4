// The part of a query-language search the index columns can decide: its terms on the hit's
// type, outcome or site that stand alone (not joined to others by OR). Each such term is
// compiled by the query language itself (shared/query) and run on a row holding only those
// column values, which are all the term reads; every term must hold for a hit to match, so
// a hit failing one is left out without reading its line. The rest of the query is decided
// on the real hit, as always.
import { compileQuery, type RowPredicate } from '../../../shared/query/compile-query';
import { parseQuery, type QueryTerm } from '../../../shared/query/parse-query';

const COLUMN_FIELDS = new Set(['type', 'outcome', 'idsite']);

function sameTerm(a: QueryTerm, b: QueryTerm | undefined): boolean {
  return (
    b !== undefined &&
    a.kind === b.kind &&
    a.negate === b.negate &&
    a.value === b.value &&
    (a.kind !== 'field' || (b.kind === 'field' && a.field === b.field))
  );
}

/** The column test of `query`, or null when no term of it is decided by the columns alone. */
export function columnQueryTest(query: string | undefined): RowPredicate | null {
  if (query === undefined) return null;
  const terms = parseQuery(query);
  const standalone: string[] = [];
  terms.forEach((term, i) => {
    if (term.or || terms[i + 1]?.or) return;
    if (term.kind !== 'field' || !COLUMN_FIELDS.has(term.field)) return;
    const text = query.slice(term.start, term.end);
    const again = parseQuery(text);
    // Only a term that reads back the same on its own is used.
    if (again.length === 1 && sameTerm(term, again[0])) standalone.push(text);
  });
  if (standalone.length === 0) return null;
  const compiled = compileQuery(standalone.join(' '));
  return compiled.problems.length > 0 || compiled.empty ? null : compiled.test;
}
