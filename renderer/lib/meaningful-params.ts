// The inspector's "meaningful parameters only" switch: it folds the parameters the tracker
// sets by itself on every hit (the catalogue's `trackerSet` flag: screen, plugins, local
// time, cache buster…), unless one has an issue or is what the user is looking at.
import type { ParamEntry } from './param-groups';
import { storedPref } from './stored-pref';

export const meaningfulOnlyPref = storedPref<boolean>({
  name: 'meaningfulParams',
  version: 1,
  decode: (value) => (typeof value === 'boolean' ? value : null),
});

/** True when the switch folds the entry away. */
export function isFoldable(entry: ParamEntry, keep: ReadonlySet<string>): boolean {
  return entry.spec?.trackerSet === true && entry.issues.length === 0 && !keep.has(entry.name);
}
