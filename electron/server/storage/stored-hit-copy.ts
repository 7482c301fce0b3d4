// Copying and writing the declared hit fields (stored-hit-fields.ts). This runs for every hit
// stored and every hit read, so each function is compiled once from the declaration into the
// straight-line code one would write by hand for each field (`if (source.id !== undefined)
// target.id = source.id; …`): V8 then reads and writes each property through its own inline
// cache, where a loop over the names would look each one up by name.
import { jsonValue } from './json-escape';
import { STORED_HIT_FIELDS, type StoredHitFields } from './stored-hit-fields';

/** Only plain property names reach the compiled code. */
const PROPERTY_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function checkedNames(names: readonly string[]): readonly string[] {
  for (const name of names) {
    if (!PROPERTY_NAME.test(name)) throw new Error(`not a plain field name: ${name}`);
  }
  if (new Set(names).size !== names.length) throw new Error('a stored hit field is declared twice');
  return names;
}

const names = checkedNames(STORED_HIT_FIELDS);

/** Sets the declared fields of `source` that are not undefined on `target`. */
export const copyStoredHitFields = new Function(
  'target',
  'source',
  names
    .map((name) => `if (source.${name} !== undefined) target.${name} = source.${name};`)
    .join('\n'),
) as (target: object, source: StoredHitFields) => void;

/**
 * The declared fields of `source` as JSON members, each after a comma (`,"id":"r1.0",…`), the
 * undefined ones left out as JSON.stringify leaves them out. A number is written as text
 * (what JSON.stringify writes for a finite one), and the member of each other value kept
 * for the next hit: the hits of a bulk share their type, outcome and site, and the quoting
 * of the same text again and again was a good part of writing a bulk's line. Objects are
 * quoted each time (they may change).
 */
export const storedHitFieldsJson = new Function(
  'quote',
  `${names.map((_, i) => `let last${i}, member${i} = '';`).join('\n')}
  return function storedHitFieldsJson(source) {
    let text = '';
    let value;
    ${names
      .map((name, i) => {
        const key = JSON.stringify(`,"${name}":`);
        return `value = source.${name};
    if (typeof value === 'number' && Number.isFinite(value)) text += ${key} + value;
    else if (value !== undefined) {
      if (value !== last${i} || typeof value === 'object') {
        last${i} = value;
        member${i} = ${key} + quote(value);
      }
      text += member${i};
    }`;
      })
      .join('\n')}
    return text;
  };`,
)(jsonValue) as (source: StoredHitFields) => string;
