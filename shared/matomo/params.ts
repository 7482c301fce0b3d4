// The parameter catalogue: every tracking parameter of docs/tracking-protocol.md#parameters as data, and the lookups the
// rest of the protocol core uses. `findParamSpec` runs for every parameter of every hit, so it
// is a Map lookup plus one regular expression for the `dimensionN` pattern.
import { PARAM_GROUPS, type ParamGroup, type ParamSpec } from './param-spec';
import { GENERAL_PARAMS, VISITOR_PARAMS } from './params-visit';
import {
  ACTION_PARAMS,
  CONTENT_PARAMS,
  ECOMMERCE_PARAMS,
  EVENT_PARAMS,
  GOAL_PARAMS,
  PERFORMANCE_PARAMS,
  SEARCH_PARAMS,
} from './params-action';
import {
  CONTROL_PARAMS,
  CRASH_PARAMS,
  CUSTOM_PARAMS,
  DIMENSION_PATTERN,
  MEDIA_PARAMS,
  OVERRIDE_PARAMS,
} from './params-extra';

export { PARAM_GROUPS, DIMENSION_PATTERN };
export type { ParamGroup, ParamSpec };
export type { JsonShape, ParamType } from './param-spec';

export const PARAM_CATALOGUE: readonly ParamSpec[] = [
  ...GENERAL_PARAMS,
  ...VISITOR_PARAMS,
  ...ACTION_PARAMS,
  ...EVENT_PARAMS,
  ...CONTENT_PARAMS,
  ...SEARCH_PARAMS,
  ...GOAL_PARAMS,
  ...ECOMMERCE_PARAMS,
  ...PERFORMANCE_PARAMS,
  ...CUSTOM_PARAMS,
  ...MEDIA_PARAMS,
  ...CRASH_PARAMS,
  ...OVERRIDE_PARAMS,
  ...CONTROL_PARAMS,
];

const BY_NAME = new Map<string, ParamSpec>();
for (const spec of PARAM_CATALOGUE) {
  if (!spec.pattern) BY_NAME.set(spec.name, spec);
}
const PATTERNS = PARAM_CATALOGUE.filter((spec) => spec.pattern !== undefined);

/**
 * Names that missed the exact lookup, with the pattern entry they match (null: none). Every
 * hit of a bulk repeats its `dimensionN` and unknown names; the cap keeps hostile input (a
 * new name per hit, or huge names) from growing it without bound.
 */
const BY_PATTERN = new Map<string, ParamSpec | null>();
const BY_PATTERN_LIMIT = 2048;
const BY_PATTERN_MAX_NAME = 64;

/** The catalogue entry for a received parameter name (case-sensitive, as PHP reads names). */
export function findParamSpec(name: string): ParamSpec | undefined {
  const exact = BY_NAME.get(name);
  if (exact) return exact;
  const known = BY_PATTERN.get(name);
  if (known !== undefined) return known ?? undefined;
  const found = PATTERNS.find((spec) => spec.pattern?.test(name)) ?? null;
  if (name.length <= BY_PATTERN_MAX_NAME) {
    if (BY_PATTERN.size >= BY_PATTERN_LIMIT) BY_PATTERN.clear();
    BY_PATTERN.set(name, found);
  }
  return found ?? undefined;
}

/** Catalogue entries of one group, in catalogue order. */
export function paramsInGroup(group: ParamGroup): ParamSpec[] {
  return PARAM_CATALOGUE.filter((spec) => spec.group === group);
}

/** The custom dimension id of `dimension3` (3), or null for any other name. */
export function dimensionId(name: string): number | null {
  const match = DIMENSION_PATTERN.exec(name);
  return match ? Number(match[1]) : null;
}

/** Optimal string alignment distance (edits, adjacent swaps count as one), capped at `max`+1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The known parameter an unknown name most likely meant ("did you mean"), or null.
 * Names differing only in case come first (PHP names are case-sensitive: `idSite` is
 * not `idsite`); then `dimension_2`-style spellings; then the closest name by edit distance.
 */
export function suggestParam(name: string): string | null {
  if (findParamSpec(name)) return null;
  const known = suggestions.get(name);
  if (known !== undefined) return known;
  // A tracker sends the same unknown names hit after hit: each is compared with every
  // known name once, not once per hit. Emptied when full, so any input keeps it small.
  if (suggestions.size >= SUGGESTIONS_KEPT) suggestions.clear();
  const suggestion = closestParam(name);
  suggestions.set(name, suggestion);
  return suggestion;
}

const SUGGESTIONS_KEPT = 1_000;
const suggestions = new Map<string, string | null>();

function closestParam(name: string): string | null {
  const lower = name.toLowerCase();
  if (BY_NAME.has(lower)) return lower;
  const dimension = /^dimension\D*([1-9][0-9]*)$/i.exec(name);
  if (dimension) return `dimension${dimension[1]}`;
  // One- and two-letter names are too close to everything to guess from.
  if (lower.length <= 2) return null;
  const max = lower.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const candidate of BY_NAME.keys()) {
    const distance = editDistance(lower, candidate, max);
    if (distance < bestDistance && distance * 2 < candidate.length) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The label of a parameter as the UI shows it: for a pattern entry the number of the name
 * stands in for its "N" (`dimension3` → "Custom dimension 3"); undefined when unknown.
 */
export function paramLabel(name: string): string | undefined {
  const spec = findParamSpec(name);
  if (!spec) return undefined;
  const number = spec.pattern ? /(\d+)$/.exec(name)?.[1] : undefined;
  return number ? spec.label.replace(/\bN\b/, number) : spec.label;
}
