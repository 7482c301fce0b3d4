// A hit filter of the API (HitFilterDto) as a matcher of the plan engine (shared/plan), so a
// wait that timed out can say which hits came closest and how they differ, term by term.
// `run` and `requestId` choose which hits are compared; every other criterion is a term.
import type { HitMatcher, ParamCondition } from '../plan/expectation';
import type { HitFilterDto } from './types';

function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Free text as one quoted query term per word (the filter's `q` needs every word). */
function textTerms(q: string): string[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `"${word.replace(/"/g, '')}"`);
}

export function filterToMatcher(filter: HitFilterDto): HitMatcher {
  const query: string[] = [];
  const outcomes = list(filter.outcome);
  if (outcomes.length > 0) query.push(`outcome:${outcomes.join(',')}`);
  const sites = list(filter.idsite);
  if (sites.length > 0) query.push(`idsite:${sites.join(',')}`);
  if (filter.hasIssues !== undefined) query.push(filter.hasIssues ? 'has:issues' : '-has:issues');
  if (filter.q !== undefined) query.push(...textTerms(filter.q));
  if (filter.query !== undefined) query.push(filter.query);
  const matcher: HitMatcher = {};
  if (query.length > 0) matcher.query = query.join(' ');
  const types = list(filter.type);
  if (types.length > 0) matcher.type = types.join(',');
  const params = Object.entries(filter.params ?? {});
  if (params.length > 0) {
    matcher.params = {};
    for (const [name, value] of params) {
      const condition: ParamCondition = value === '*' ? { present: true } : value;
      matcher.params[name] = condition;
    }
  }
  return matcher;
}

/** The part of a filter that chooses which hits to compare (not terms of the comparison). */
export function filterScope(filter: HitFilterDto): HitFilterDto {
  const scope: HitFilterDto = {};
  if (filter.run !== undefined) scope.run = filter.run;
  if (filter.requestId !== undefined) scope.requestId = filter.requestId;
  return scope;
}
