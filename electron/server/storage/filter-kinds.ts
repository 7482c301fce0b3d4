// Whether a data file line may hold a hit a filter matches, told from the kinds of hits it
// holds (line-kinds.ts) before any of its bytes is read. Only what every match must be is
// used: the API's `type`, `outcome` and `idsite` lists, and the query terms on a hit's type,
// outcome and site (`type:event`, `outcome:rejected`, `site:3`) in a group of OR-joined terms
// that are all such terms; a negated term, or a group holding any other term, tells nothing.
// A line passes when, for each of these, one of its hits may meet it: the test only ever
// rules out, and a line it passes is read and tested hit by hit as before.
import { asArray, type HitFilter } from '../../../shared/api/hit-filter';
import {
  queryTermGroups,
  resolveHitType,
  resolveOutcome,
} from '../../../shared/query/compile-query';
import type { QueryTerm } from '../../../shared/query/parse-query';
import { MIXED_SITES, outcomeBitsOf, typeBitsOf } from './line-kinds';

/** Whether a line of these kinds, whose hits share `site` (unless mixed), may hold a match. */
export type KindsTest = (kinds: number, site: number) => boolean;

/** Sites the site column holds as they are (a hit's site outside it may read as another). */
const COLUMN_SITE = (site: number) => Number.isInteger(site) && site >= 0 && site <= 0x7fffffff;

/** A line of these kinds may hold a hit of one of `bits` (null: any line may). */
const anyBit = (bits: number | null): KindsTest | null =>
  bits === null ? null : (kinds) => (kinds & bits) !== 0;

function siteTest(sites: readonly number[]): KindsTest | null {
  if (!sites.every(COLUMN_SITE)) return null;
  const wanted = new Set(sites);
  return (kinds, site) => (kinds & MIXED_SITES) !== 0 || wanted.has(site);
}

/** What one query term requires of a line, or null when it tells nothing. */
function termTest(term: QueryTerm): KindsTest | null {
  if (term.negate || term.kind !== 'field') return null;
  const parts = term.value.split(',').filter(Boolean);
  if (term.field === 'type') {
    const types = parts.map(resolveHitType);
    return types.includes(null) ? null : anyBit(typeBitsOf(types as string[]));
  }
  if (term.field === 'outcome') {
    const outcomes = parts.map(resolveOutcome);
    return outcomes.includes(null) ? null : anyBit(outcomeBitsOf(outcomes as string[]));
  }
  if (term.field === 'idsite') return siteTest(parts.map(Number));
  return null;
}

/** What an OR of terms requires: one of them met; null when one of them tells nothing. */
function groupTest(group: readonly QueryTerm[]): KindsTest | null {
  const tests: KindsTest[] = [];
  for (const term of group) {
    const test = termTest(term);
    if (test === null) return null;
    tests.push(test);
  }
  return (kinds, site) => tests.some((test) => test(kinds, site));
}

/** The kinds test of `filter`, or null when it requires nothing the kinds tell. */
export function filterKindsTest(filter: HitFilter): KindsTest | null {
  const tests: (KindsTest | null)[] = [];
  const types = asArray(filter.type);
  if (types.length > 0) tests.push(anyBit(typeBitsOf(types)));
  const outcomes = asArray(filter.outcome);
  if (outcomes.length > 0) tests.push(anyBit(outcomeBitsOf(outcomes)));
  const sites = asArray(filter.idsite);
  if (sites.length > 0) tests.push(siteTest(sites));
  if (filter.query !== undefined) {
    for (const group of queryTermGroups(filter.query) ?? []) tests.push(groupTest(group));
  }
  const known = tests.filter((test): test is KindsTest => test !== null);
  if (known.length === 0) return null;
  return (kinds, site) => known.every((test) => test(kinds, site));
}
