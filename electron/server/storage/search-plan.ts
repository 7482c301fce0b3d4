// Which hits a filter may match, as far as their search entries (search-text.ts) tell: the
// free text of `q`, the `param.NAME=value` filters, and the terms of the query language that
// read text or parameters. Terms the entries cannot decide (negated ones, hit fields, an OR
// with such a term) narrow nothing; the real hit decides in the end either way.
import type { HitFilterDto } from '../../../shared/api/types';
import { parseQuery, type QueryTerm } from '../../../shared/query/parse-query';
import { NUMERIC } from '../../../shared/query/value-matcher';
import type { EntryMarks, SearchText } from './search-text';

function termMarks(texts: SearchText, term: QueryTerm): EntryMarks {
  if (term.negate || term.value === '') return null;
  if (term.kind === 'text') return texts.containing(term.value.toLowerCase());
  if (term.kind !== 'param') return null;
  if (term.value.includes('*') || NUMERIC.test(term.value)) return texts.parameter(term.name);
  return texts.parameterHolding(term.name, term.value.toLowerCase());
}

function union(groups: EntryMarks[]): EntryMarks {
  if (groups.some((marks) => marks === null)) return null;
  const [first, ...rest] = groups as Uint8Array[];
  if (!first) return null;
  for (const marks of rest) {
    for (let i = 0; i < marks.length; i++) if (marks[i] === 1) first[i] = 1;
  }
  return first;
}

/** Groups of the query: a term with the OR-joined terms after it. */
function orGroups(terms: QueryTerm[]): QueryTerm[][] {
  const groups: QueryTerm[][] = [];
  for (const term of terms) {
    const last = groups[groups.length - 1];
    if (term.or && last) last.push(term);
    else groups.push([term]);
  }
  return groups;
}

/** Marks that every candidate hit has an entry of (one set per term), or none. */
function entryGroups(texts: SearchText, filter: HitFilterDto): Uint8Array[] {
  const groups: EntryMarks[] = [];
  if (filter.q !== undefined) {
    for (const term of filter.q.toLowerCase().split(/\s+/).filter(Boolean)) {
      groups.push(...texts.containingRaw(term));
    }
  }
  for (const [name, value] of Object.entries(filter.params ?? {})) {
    groups.push(texts.parameterEqual(name, value));
  }
  if (filter.query !== undefined) {
    for (const group of orGroups(parseQuery(filter.query))) {
      groups.push(union(group.map((term) => termMarks(texts, term))));
    }
  }
  return groups.filter((marks): marks is Uint8Array => marks !== null);
}

/** A test of hit positions that leaves out hits the filter cannot match, or null. */
export function textCandidates(
  texts: SearchText,
  filter: HitFilterDto,
): ((position: number) => boolean) | null {
  const groups = entryGroups(texts, filter);
  return groups.length === 0 ? null : texts.candidates(groups);
}
