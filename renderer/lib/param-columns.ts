// Table columns that show one tracking parameter each (`e_c`, `dimension1`, …), added from
// the inspector's parameter rows or the column menu and remembered between sessions.
// A column id is `param-` and the name, so it can stand in a CSS variable name: names are
// kept to letters, digits, `_` and `-` (every catalogued name and custom dimension fits).
import { storedPref } from './stored-pref';

const PREFIX = 'param-';
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** More would not fit beside the built-in columns anyway. */
export const MAX_PARAM_COLUMNS = 12;

export function canBeColumn(name: string): boolean {
  return NAME.test(name);
}

export function paramColumnId(name: string): string {
  return `${PREFIX}${name}`;
}

/** The parameter a column shows, or null for a built-in column. */
export function paramOfColumn(id: string): string | null {
  if (!id.startsWith(PREFIX)) return null;
  const name = id.slice(PREFIX.length);
  return canBeColumn(name) ? name : null;
}

export const paramColumnsPref = storedPref<string[]>({
  name: 'paramColumns',
  version: 1,
  decode: (value) =>
    Array.isArray(value) && value.every((name) => typeof name === 'string' && canBeColumn(name))
      ? [...new Set(value as string[])].slice(0, MAX_PARAM_COLUMNS)
      : null,
});
