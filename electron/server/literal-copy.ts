// Copies of hits made by one object literal compiled per list of field names. A hit of some
// 25 fields copied onto an empty object (Object.assign, a field at a time) became a table of
// properties (V8's dictionary mode) past a dozen fields: slow to make, to copy again (a rest
// copy of it took V8's slow path) and to write as JSON, for every hit the live stream sends.
// An object literal gets the literal's hidden class, one per list of names. The hits of one
// kind all have the same names, so a few compiled literals serve them all.

import { compileLiteral } from '../../shared/object-literal';

type Fields = Record<string, unknown>;
type Make = (source: Fields, extra: Fields) => Fields;

/** A literal for sources and extras with these own field names, in this order. */
interface Maker {
  source: readonly string[];
  extra: readonly string[];
  without: ReadonlySet<string> | null;
  make: Make;
}

/**
 * The makers of the last lists of names. A hit has a handful of optional fields, so its copies
 * come in a few lists; this leaves room for many more (a list pushed out is compiled again).
 */
const makers: Maker[] = [];
const MAX_MAKERS = 32;

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The literal of the source's names in order, each from `extra` where it has it, then the
 * extra names the source lacks, leaving out the names of `without`.
 */
function compile(
  source: readonly string[],
  extra: readonly string[],
  without: ReadonlySet<string> | null,
): Make {
  const fromExtra = new Set(extra);
  const names = [...source, ...extra.filter((name) => !source.includes(name))].filter(
    (name) => !without?.has(name),
  );
  return compileLiteral<Make>(['source', 'extra'], names, (n, key) => {
    return `${fromExtra.has(names[n] as string) ? 'extra' : 'source'}[${key}]`;
  });
}

function makerOf(
  source: readonly string[],
  extra: readonly string[],
  without: ReadonlySet<string> | null,
): Make {
  for (const maker of makers) {
    if (maker.without === without && sameNames(maker.source, source)) {
      if (sameNames(maker.extra, extra)) return maker.make;
    }
  }
  const make = compile(source, extra, without);
  if (makers.length === MAX_MAKERS) makers.shift();
  makers.push({ source, extra, without, make });
  return make;
}

const NO_NAMES: readonly string[] = [];
const NOTHING: Fields = {};

/**
 * What Object.assign({}, source, extra) makes (own enumerable fields by name, in that order;
 * symbols are not copied), as an object of a shared hidden class. A field named `__proto__`,
 * which both would take for the prototype, is left to Object.assign.
 */
export function assignedCopy<T extends object, E extends object>(source: T, extra: E): T & E {
  const sourceNames = Object.keys(source);
  const extraNames = Object.keys(extra);
  if (sourceNames.includes('__proto__') || extraNames.includes('__proto__')) {
    return Object.assign({}, source, extra);
  }
  return makerOf(sourceNames, extraNames, null)(source as Fields, extra as Fields) as T & E;
}

/**
 * What a rest copy (`const { a, b, ...rest } = source`) makes without the fields `without`
 * names (own enumerable fields by name, in order; symbols are not copied), as an object of a
 * shared hidden class. `without` is compared by identity: pass one set, made once. A field
 * named `__proto__`, which a literal would take for the prototype, is left to a copy that
 * defines it.
 */
export function copyWithout<T extends object>(source: T, without: ReadonlySet<string>): Fields {
  const names = Object.keys(source);
  if (names.includes('__proto__')) {
    const copy: Fields = {};
    for (const name of names) {
      if (without.has(name)) continue;
      Object.defineProperty(copy, name, {
        value: (source as Fields)[name],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return makerOf(names, NO_NAMES, without)(source as Fields, NOTHING);
}
