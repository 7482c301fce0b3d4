// Whether a data file line may hold a hit a filter matches, told from the bloom of the
// parameter names its hits carry (line-names.ts) before any of its bytes is read. Only the
// names every match must carry are used: each `param.NAME=value` of the API (a value of `*`
// too: the parameter must be there), and the query terms on a parameter (`e_c:Video`,
// `dimension1:*`, `e_v:>3`: each one tests the parameter's value only when the hit has it) in
// a group of OR-joined terms that are all such terms. A negated term matches a hit without the
// parameter, and a group holding any other term (free text, a hit field) may be met without
// it: they tell nothing. Free text (`q`) may be found in the raw query, the path or a finding,
// and `hasIssues` in the findings, never only in a parameter's name: they tell nothing either.
// The test only ever rules out, and a line it passes is read and tested hit by hit as before.
import type { HitFilter } from '../../../shared/api/hit-filter';
import { queryTermGroups } from '../../../shared/query/compile-query';
import type { QueryTerm } from '../../../shared/query/parse-query';
import { holdsNameBits, nameBitsOf } from './line-names';

/** Whether a line whose bloom of names is at `names[at]`… may hold a match. */
export type NamesTest = (names: Uint32Array, at: number) => boolean;

/** The bits of the parameter a term requires (nameBitsOf), or null when it requires none. */
function requiredName(term: QueryTerm): number | null {
  if (term.kind !== 'param' || term.negate || term.value === '') return null;
  const bits = nameBitsOf(term.name);
  return bits < 0 ? null : bits;
}

/** The bits of the names one of which an OR of terms requires, or null when it tells nothing. */
function groupNames(group: readonly QueryTerm[]): number[] | null {
  const names: number[] = [];
  for (const term of group) {
    const bits = requiredName(term);
    if (bits === null) return null;
    names.push(bits);
  }
  return names;
}

/** The names test of `filter`, or null when no parameter name is required of its matches. */
export function filterNamesTest(filter: HitFilter): NamesTest | null {
  // Every group must be met by one of its names.
  const groups: number[][] = [];
  for (const name of Object.keys(filter.params ?? {})) {
    const bits = nameBitsOf(name);
    if (bits >= 0) groups.push([bits]);
  }
  if (filter.query !== undefined) {
    for (const group of queryTermGroups(filter.query) ?? []) {
      const names = groupNames(group);
      if (names !== null) groups.push(names);
    }
  }
  if (groups.length === 0) return null;
  return (names, at) =>
    groups.every((group) => group.some((bits) => holdsNameBits(names, at, bits)));
}
