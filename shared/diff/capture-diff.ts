// Compares two captures of the same scenario (a golden baseline and today's run): hits are
// paired by site, type and the parameters that say what they are (an event's category,
// action and name, a page view's title, …), in the order they arrived; what has no partner
// was added or removed, a pair whose other values differ has changed.
import type { HitSummaryDto } from '../api/types';
import { paramValueText } from '../matomo/param-text';
import type { HitType } from '../matomo/types';
import { chronological } from '../plan/hit-order';
import { diffHits, ignoredParams, type FieldChange } from './hit-diff';

/** The parameters that name a hit of each type (the rest are compared). */
export const KEY_PARAMS: Partial<Record<HitType, readonly string[]>> = {
  pageview: ['action_name'],
  event: ['e_c', 'e_a', 'e_n'],
  site_search: ['search', 'search_cat'],
  outlink: ['link'],
  download: ['download'],
  content_impression: ['c_n', 'c_p'],
  content_interaction: ['c_n', 'c_p', 'c_i'],
  goal: ['idgoal'],
  product_view: ['_pks', '_pkn'],
  media: ['ma_re', 'ma_mt'],
  crash: ['cra'],
};

export interface HitRef {
  id: string;
  type: HitType;
  summary: string;
}

export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffEntry {
  kind: DiffKind;
  /** `event Video / Play / Intro`; `#2` and on for the second hit of the same key. */
  label: string;
  baseline?: HitRef;
  current?: HitRef;
  changes: FieldChange[];
}

export interface CaptureDiff {
  /** Baseline order, added hits last (in the order they arrived). */
  entries: DiffEntry[];
  counts: Record<DiffKind, number>;
  /** Parameters left out of the comparison. */
  ignored: string[];
}

function keyOf(hit: HitSummaryDto): { key: string; label: string } {
  const values = (KEY_PARAMS[hit.type] ?? []).map((name) => paramValueText(hit.params[name]));
  const named = values.filter((value) => value !== '');
  const label = named.length > 0 ? `${hit.type} ${named.join(' / ')}` : hit.type;
  return { key: JSON.stringify([hit.idsite, hit.type, ...values]), label };
}

function refOf(hit: HitSummaryDto): HitRef {
  return { id: hit.id, type: hit.type, summary: hit.summary };
}

/** Differences from `baseline` to `current`; `ignore` adds parameters to leave out. */
export function diffCaptures(
  baseline: readonly HitSummaryDto[],
  current: readonly HitSummaryDto[],
  ignore: readonly string[] = [],
): CaptureDiff {
  const ignored = ignoredParams(ignore);
  const waiting = new Map<string, HitSummaryDto[]>();
  for (const hit of chronological(current)) {
    const { key } = keyOf(hit);
    const list = waiting.get(key);
    if (list) list.push(hit);
    else waiting.set(key, [hit]);
  }
  const seen = new Map<string, number>();
  const numbered = (key: string, label: string) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? label : `${label} #${n}`;
  };
  const entries: DiffEntry[] = [];
  for (const hit of chronological(baseline)) {
    const { key, label } = keyOf(hit);
    const partner = waiting.get(key)?.shift();
    const name = numbered(key, label);
    if (!partner) {
      entries.push({ kind: 'removed', label: name, baseline: refOf(hit), changes: [] });
      continue;
    }
    const changes = diffHits(hit, partner, ignored);
    entries.push({
      kind: changes.length > 0 ? 'changed' : 'same',
      label: name,
      baseline: refOf(hit),
      current: refOf(partner),
      changes,
    });
  }
  const added = [...waiting.values()].flat();
  for (const hit of chronological(added)) {
    const { key, label } = keyOf(hit);
    entries.push({ kind: 'added', label: numbered(key, label), current: refOf(hit), changes: [] });
  }
  const counts = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const entry of entries) counts[entry.kind]++;
  return { entries, counts, ignored: [...ignored] };
}
