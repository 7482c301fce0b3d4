// What the search box suggests: catalogue parameter names and those seen in the newest
// hits, and for a parameter the values seen most often.
import { ISSUE_CODE_LIST } from '../../../shared/matomo/issue-codes';
import { PARAM_CATALOGUE, paramLabel } from '../../../shared/matomo/params';
import { paramValueText } from '../../../shared/matomo/param-text';
import type { SuggestionContext } from '../../lib/query/autocomplete';
import type { HitCollection } from '../../store/hit-collection';

const SCAN = 5_000;
const CATALOGUE_NAMES = PARAM_CATALOGUE.filter((spec) => !spec.pattern).map((spec) => spec.name);

export const ISSUE_CODES_FOR_SEARCH: readonly string[] = ISSUE_CODE_LIST;

function newest(collection: HitCollection, limit: number) {
  const { ids, byId } = collection;
  const rows = [];
  for (let i = ids.length - 1; i >= 0 && rows.length < limit; i--) {
    const row = byId.get(ids[i] as string);
    if (row) rows.push(row);
  }
  return rows;
}

export function suggestionContext(collection: HitCollection, sites: number[]): SuggestionContext {
  const rows = newest(collection, SCAN);
  const seen = new Set<string>();
  for (const row of rows.slice(0, 500)) for (const name of Object.keys(row.params)) seen.add(name);
  const paramNames = [...new Set([...CATALOGUE_NAMES, ...[...seen].sort()])];
  const siteIds = new Set(sites);
  for (const row of rows) if (row.idsite !== null) siteIds.add(row.idsite);
  return {
    paramNames,
    describeParam: paramLabel,
    sites: [...siteIds].sort((a, b) => a - b),
    valuesOf: (name) => {
      const counts = new Map<string, number>();
      for (const row of rows) {
        if (!Object.hasOwn(row.params, name)) continue;
        const value = paramValueText(row.params[name]);
        if (value && value.length <= 80) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
    },
  };
}
