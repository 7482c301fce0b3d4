// Texts a hit holds whenever a filter matches it, for a byte test of a data file line before
// its hits are parsed (line-pre-check.ts). Only what a line is sure to spell is named: a
// parameter's value (found in the raw query, decoded), the hit's type (a field of the line)
// and free text; terms a line may not spell (negated ones, query text, which also reads type
// labels and issue messages, numeric comparisons, visits and findings, which the line does not
// hold) name nothing, and an OR names something only when each of its terms does.
import type { HitFilter } from '../../../shared/api/hit-filter';
import type { HitType } from '../../../shared/matomo/types';
import { PARAM_PRESENT } from '../../../shared/matomo/param-text';
import { resolveHitType } from '../../../shared/query/compile-query';
import { parseQuery, type QueryTerm } from '../../../shared/query/parse-query';
import { NUMERIC } from '../../../shared/query/value-matcher';

/**
 * Characters a needle keeps: printable ASCII, but those a listed parameter's text (JSON of
 * its items) adds between the values it joins, and those an HTML entity is made of.
 */
const PLAIN = /[ !$%'()*+\-./0-9<=>?@A-Z^_`a-z|~]+/g;

/** The shortest needle worth looking for: one character is in nearly every line. */
const MIN_NEEDLE = 2;

/**
 * Every group of the result holds, lower-cased, texts one of which a matching hit holds
 * (case aside); none when the filter names nothing a line is sure to spell.
 */
export function filterNeedles(filter: HitFilter): string[][] {
  const groups: (string[] | null)[] = [];
  const types = filter.type === undefined ? [] : [filter.type].flat();
  if (types.length > 0) groups.push(types);
  for (const expected of Object.values(filter.params ?? {})) {
    if (expected !== PARAM_PRESENT) groups.push(needles([expected]));
  }
  // Free text reads a hit's cross-hit findings too, which its line does not hold.
  if (filter.q !== undefined && filter.findingsOf === undefined) {
    for (const term of filter.q.split(/\s+/)) groups.push(needles([term]));
  }
  if (filter.query !== undefined) groups.push(...queryNeedles(filter.query));
  return groups.filter((group): group is string[] => group !== null);
}

/** The needles of the terms of a query, a group per OR of terms (compile-query.ts). */
function queryNeedles(query: string): (string[] | null)[] {
  const groups: (string[] | null)[] = [];
  let last: QueryTerm[] | undefined;
  const terms: QueryTerm[][] = [];
  for (const term of parseQuery(query)) {
    if (term.or && last) last.push(term);
    else terms.push((last = [term]));
  }
  for (const group of terms) {
    const found: string[] = [];
    for (const term of group) {
      const texts = termTexts(term);
      const named = texts && needles(texts);
      if (!named) {
        found.length = 0;
        break;
      }
      found.push(...named);
    }
    groups.push(found.length > 0 ? found : null);
  }
  return groups;
}

/** Texts one of which a hit matching `term` holds, or null. */
function termTexts(term: QueryTerm): string[] | null {
  if (term.negate || term.value === '') return null;
  if (term.kind === 'field') {
    if (term.field !== 'type') return null;
    const types: HitType[] = [];
    for (const part of term.value.split(',').filter(Boolean)) {
      const type = resolveHitType(part);
      if (type === null) return null;
      types.push(type);
    }
    return types.length > 0 ? types : null;
  }
  if (term.kind !== 'param' || term.value === PARAM_PRESENT || NUMERIC.test(term.value)) {
    return null;
  }
  // A pattern's parts are each in a matching value: the longest says most.
  const parts = term.value.split('*');
  return [parts.reduce((a, b) => (b.length > a.length ? b : a), '')];
}

/** The longest plain run of each text, lower-cased: null when one of them has none. */
function needles(texts: readonly string[]): string[] | null {
  const found: string[] = [];
  for (const text of texts) {
    const runs = text.toLowerCase().match(PLAIN) ?? [];
    const longest = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest.length < MIN_NEEDLE) return null;
    found.push(longest);
  }
  return found;
}
