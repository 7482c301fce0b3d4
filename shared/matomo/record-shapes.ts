// Records keyed by parameter name (a hit's parameters, its decoded values) are built for every
// hit, and the hits of a bulk, or of one tracker, share their names. V8 keeps an object that
// received more than a dozen properties by computed name as a hash table: slower to build, and
// every enumeration (Object.keys, JSON.stringify, spread) has to sort its keys first. A record
// copied from a template that already has the names, then given its values, stays a compact
// object instead: same own enumerable properties, same order, same prototype.
//
// Templates exist only for name lists a caller has seen twice and proved distinct (`noteShape`),
// and every use compares the whole list, so a record never gets a name it was not given.

import { compileLiteral, mayCompileCode } from '../object-literal';

interface Shape {
  names: readonly string[];
  template: Record<string, unknown> | null;
  /** The record of values given in the names' order (literalOf), made with the template. */
  ofValues: ((values: readonly unknown[]) => Record<string, unknown>) | null;
  /** The same, of the values of items given in the names' order. */
  ofItems: ((items: readonly { value?: unknown }[]) => Record<string, unknown>) | null;
}

/** Below this many names a plain object stays compact anyway. */
const MIN_NAMES = 12;
/** Longer lists (rare, or hostile) are built plainly and not remembered. */
const MAX_NAMES = 128;
/** Name lists longer than this in characters are not remembered (names can be huge). */
const MAX_KEY_LENGTH = 4096;
/** Distinct name lists remembered; a new list past the limit starts a new set. */
const SHAPE_LIMIT = 256;

const shapes = new Map<string, Shape>();
/** The shape used last: consecutive hits nearly always share it, so it is tried first. */
let lastShape: Shape | null = null;

const keyOf = (names: readonly string[]): string => names.join('\u0000');

export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A new record with exactly `names` (in that order, each undefined until the caller assigns
 * it), or null when these names have no template yet: the caller then builds the record
 * itself and calls `noteShape`.
 */
export function shapedRecord<T>(names: readonly string[]): Record<string, T> | null {
  const shape = shapeWithTemplate(names);
  if (shape === null) return null;
  const record = { ...shape.template } as Record<string, T>;
  compact.add(record);
  return record;
}

/**
 * The records shapedRecord made. A store keeping a record compacts it by a literal copy of its
 * names (fast-object.ts): one of these is compact already. Only shapedRecord's are noted (an
 * object entry's parameters, the first hit of a tracker's names), not those of the literals
 * every hit of a bulk gets: noting one costs about what a copy does.
 */
const compact = new WeakSet<object>();

/**
 * True when `record` was made by shapedRecord: a compact object of its names, as long as its
 * maker gave it no other name (shapedRecord's callers give it exactly its names).
 */
export const isShapedRecord = (record: object): boolean => compact.has(record);

/** The shape of `names` once it has a template, else null (see shapedRecord). */
function shapeWithTemplate(names: readonly string[]): Shape | null {
  if (names.length < MIN_NAMES || names.length > MAX_NAMES) return null;
  let shape = lastShape;
  if (shape === null || !sameNames(shape.names, names)) {
    shape = shapes.get(keyOf(names)) ?? null;
    if (shape === null || shape.template === null || !sameNames(shape.names, names)) return null;
    lastShape = shape;
  }
  return shape;
}

/** True when shapedRecord(names) gives a record (`names` have a template). */
export const hasShape = (names: readonly string[]): boolean => shapeWithTemplate(names) !== null;

/**
 * shapedRecord of `names` with `values` (one per name, in order) already in it, or null as
 * shapedRecord. Made by one object literal: a copy of the template then given its values by
 * computed name cost a bulk's records several times as much (each of those assignments
 * searches the record's names), and V8 keeps a literal's properties inside the object.
 */
export function shapedRecordOf<T>(
  names: readonly string[],
  values: readonly T[],
): Record<string, T> | null {
  const shape = shapeWithTemplate(names);
  if (shape === null) return null;
  if (!mayCompileCode) return filledTemplate(shape, (n) => values[n]) as Record<string, T>;
  shape.ofValues ??= literalOf(shape.names, (n) => `source[${n}]`) as Shape['ofValues'];
  return (shape.ofValues as NonNullable<Shape['ofValues']>)(values) as Record<string, T>;
}

/**
 * The record of the names and values of `items` (a request's occurrences) when their names
 * are the ones used last (see lastShapedRecord), made as shapedRecordOf makes it; else null.
 */
export function lastShapedRecordOf<T>(
  items: readonly { name: string; value: T }[],
): Record<string, T> | null {
  const shape = lastShapeOf(items);
  if (shape === null) return null;
  if (!mayCompileCode) return filledTemplate(shape, (n) => items[n]?.value) as Record<string, T>;
  shape.ofItems ??= literalOf(shape.names, (n) => `source[${n}].value`) as Shape['ofItems'];
  return (shape.ofItems as NonNullable<Shape['ofItems']>)(items) as Record<string, T>;
}

/**
 * The template's copy given the value of each name in order: the same record where no code may
 * be compiled (mayCompileCode), as in the UI's pages. Every name is an own property of the
 * copy already, so a plain assignment sets it, `__proto__` included.
 */
function filledTemplate(shape: Shape, valueAt: (n: number) => unknown): Record<string, unknown> {
  const record = { ...shape.template };
  for (let n = 0; n < shape.names.length; n++) record[shape.names[n] as string] = valueAt(n);
  return record;
}

/**
 * A function returning one object literal of `names` (distinct), the value of the n-th read by
 * `valueAt(n)` from its argument `source`: exactly the template's own properties, in the same
 * order, with the same prototype.
 */
const literalOf = (
  names: readonly string[],
  valueAt: (n: number) => string,
): ((source: unknown) => Record<string, unknown>) => compileLiteral(['source'], names, valueAt);

/**
 * shapedRecord of the names of `items` (a request's occurrences) when they are the names used
 * last, found without making the list of names: the hits of one tracker nearly always are.
 * Null otherwise: the caller then makes the list and asks shapedRecord.
 */
export function lastShapedRecord<T>(items: readonly { name: string }[]): Record<string, T> | null {
  const shape = lastShapeOf(items);
  return shape === null ? null : ({ ...shape.template } as Record<string, T>);
}

/** The shape used last when it has a template and the names of `items`, else null. */
function lastShapeOf(items: readonly { name: string }[]): Shape | null {
  const shape = lastShape;
  if (shape === null || shape.template === null || shape.names.length !== items.length) {
    return null;
  }
  for (let i = 0; i < items.length; i++) {
    if ((items[i] as { name: string }).name !== shape.names[i]) return null;
  }
  return shape;
}

/**
 * Remembers a list of distinct names the caller has just built a record with; the second
 * time the same list is noted, it gets a template.
 */
export function noteShape(names: readonly string[]): void {
  if (names.length < MIN_NAMES || names.length > MAX_NAMES) return;
  const key = keyOf(names);
  if (key.length > MAX_KEY_LENGTH) return;
  const shape = shapes.get(key);
  if (shape === undefined) {
    // `__proto__` is kept out: its records are built the careful way (see setParam).
    if (names.includes('__proto__')) return;
    if (shapes.size >= SHAPE_LIMIT) {
      shapes.clear();
      lastShape = null;
    }
    shapes.set(key, { names: [...names], template: null, ofValues: null, ofItems: null });
    return;
  }
  if (shape.template === null && sameNames(shape.names, names)) {
    // Defined, not assigned: assignment by computed name is what makes V8 switch to a table.
    const template: Record<string, unknown> = {};
    for (const name of names) {
      Object.defineProperty(template, name, {
        value: undefined,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    shape.template = template;
  }
}

/** True when `record` has no own enumerable property, found without building its key list. */
export function hasNoOwnKeys(record: object): boolean {
  // Nearly every tracking request carries rec or idsite: found at once, a bulk entry of
  // 100,000 keys is not enumerated (for…in lists every key before the first).
  if (Object.hasOwn(record, 'rec') || Object.hasOwn(record, 'idsite')) return false;
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}

/**
 * Records of many names (a bulk entry sent as a JSON object of 100,000 keys, its decoded
 * values) are hash tables to V8: listing their names sorts them all at once, tens of
 * milliseconds in one go, and several checks read every name. Their builder knows the list
 * already and leaves it here; the readers take it instead of enumerating the record again.
 */
const listed = new WeakMap<object, readonly string[]>();

/** Records with fewer names are enumerated as usual (quick enough, and nothing is kept). */
export const LISTED_NAMES_FROM = 1024;

/**
 * Keeps `names`, exactly the record's own enumerable names in their order, for a record its
 * builder does not give new names afterwards.
 */
export function listNames(record: object, names: readonly string[]): void {
  if (names.length >= LISTED_NAMES_FROM) listed.set(record, names);
}

/** The names a large record was built with (listNames), or null: enumerate it. */
export const listedNames = (record: object): readonly string[] | null => listed.get(record) ?? null;

/** The own enumerable names of `record`, in order: as listed by its builder, or enumerated. */
export const namesOf = (record: object): readonly string[] =>
  listed.get(record) ?? Object.keys(record);

/**
 * Names read between two pauses by the code that reads every name of a record: a bulk entry
 * sent as a JSON object may carry any number of keys (PHP does not limit them).
 */
export const NAMES_PER_STEP = 1024;

/**
 * Calls `visit` with each own enumerable name of `record`, in order, pausing after each
 * `perStep`, until `visit` returns true (then true): the names its builder listed (a record of
 * 100,000 names is not enumerated again), else those Object.keys lists. for…in builds the
 * same list before its first name, and then needs an ownership check per name: a third of
 * the cost of reading a hit's names, which several checks of every hit do.
 */
export function* eachName(
  record: object,
  visit: (name: string) => boolean | void,
  perStep = NAMES_PER_STEP,
): Generator<void, boolean> {
  const names = namesOf(record);
  for (let n = 0; n < names.length; n++) {
    if (visit(names[n] as string) === true) return true;
    if (n % perStep === perStep - 1) yield;
  }
  return false;
}
