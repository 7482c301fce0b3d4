// decode: every parameter of a hit to the typed value Matomo would use (docs/tracking-protocol.md#coercion, #parameters), with
// a readable form for the UI. The problems found on the way (wrong types, bad JSON, cut
// values) are what the validator turns into warnings: `decodeEntry` returns them beside the
// decoded parameters in one pass; `decodeProblems` finds them again for a parameter decoded
// elsewhere. A bulk of 10,000 hits decodes a quarter of a million values, most of them the
// same as in the hit before (client hints, referrer, resolution, site): the last result per
// parameter name is reused when the value is the same, so a repeated value costs a compare.
import { drain } from '../steps';
import { JSON_IN_PIECES_CHARS, readJsonSteps, showRaw } from './coerce';
import {
  decodeClientHints,
  decodeCustomVariablesSteps,
  decodeEcommerceItemsSteps,
  decodeProductCategorySteps,
} from './decode-json';
import {
  decodeDatetime,
  decodeFloat,
  decodeInt,
  decodeResolution,
  decodeText,
  decodeToken,
  decodeUnixSeconds,
  decodeUrl,
  decodeVisitorId,
} from './decode-scalar';
import { decodedValue, NO_PROBLEMS, type DecodedValue, type Problem } from './decoded-value';
import { setParam } from './effective-params';
import type { ParamSpec } from './param-spec';
import { findParamSpec } from './params';
import { hasShape, listNames, namesOf, noteShape, shapedRecordOf } from './record-shapes';
import type { DecodedParam, ParamValue } from './types';

export type { Problem } from './decoded-value';

export interface DecodeOptions {
  /** Current time in ms since the epoch, for relative dates in cdt (default: now). */
  now?: number;
}

const rawDisplay = (raw: ParamValue): string => (typeof raw === 'string' ? raw : showRaw(raw, 200));

function* decodeJsonSteps(name: string, raw: ParamValue): Generator<void, DecodedValue> {
  const read = yield* readJsonSteps(raw);
  if (!read.ok) {
    if (read.reason !== 'syntax') return decodedValue(undefined, '(empty)');
    // Invalid JSON reads as null (docs/tracking-protocol.md#coercion); for ec_items that means "no items".
    const effect = name === 'ec_items' ? 'Matomo reads no items' : 'Matomo ignores it';
    return decodedValue(undefined, '(ignored)', [
      {
        code: 'json.invalid',
        message: `${name} is not valid JSON (${showRaw(raw, 80)}); ${effect}.`,
      },
    ]);
  }
  switch (name) {
    case '_cvar':
    case 'cvar':
      return yield* decodeCustomVariablesSteps(name, read.value);
    case 'ec_items':
      return yield* decodeEcommerceItemsSteps(read.value);
    case 'uadata':
      return decodeClientHints(read.value);
    default:
      return decodedValue(read.value, showRaw(read.value as ParamValue, 200));
  }
}

/** Decodes one value by the catalogue type of its parameter. */
export function decodeValue(
  name: string,
  spec: ParamSpec | undefined,
  raw: ParamValue,
  nowSeconds: number,
): DecodedValue {
  // Unknown parameters and ones Matomo never reads are shown as sent, without judgement.
  if (!spec || (!spec.readByMatomo5 && spec.type !== 'json')) {
    return decodedValue(raw, rawDisplay(raw));
  }
  switch (spec.type) {
    case 'int':
      return decodeInt(name, spec, raw);
    case 'float':
      return decodeFloat(name, spec, raw);
    case 'url':
      return decodeUrl(name, spec, raw);
    case 'json':
      return drain(decodeJsonValueSteps(name, spec, raw));
    case 'datetime':
      return decodeDatetime(name, raw, nowSeconds);
    case 'timestamp':
      return decodeUnixSeconds(name, spec, raw);
    case 'resolution':
      return decodeResolution(name, spec, raw);
    case 'visitor-id':
      return decodeVisitorId(name, spec, raw);
    case 'token':
      return decodeToken(name, spec, raw);
    case 'string':
      // Steps only for the one text parameter that may hold a JSON list.
      return name === '_pkc'
        ? drain(decodeStringSteps(name, spec, raw))
        : decodeText(name, raw, spec.maxLength);
    case 'any':
      return decodedValue(raw, rawDisplay(raw));
  }
}

function* decodeJsonValueSteps(
  name: string,
  spec: ParamSpec,
  raw: ParamValue,
): Generator<void, DecodedValue> {
  const decoded = yield* decodeJsonSteps(name, raw);
  return spec.readByMatomo5 ? decoded : { ...decoded, problems: NO_PROBLEMS };
}

function* decodeStringSteps(
  name: string,
  spec: ParamSpec,
  raw: ParamValue,
): Generator<void, DecodedValue> {
  const text = decodeText(name, raw, spec.maxLength);
  return name === '_pkc' && typeof text.value === 'string'
    ? yield* decodeProductCategorySteps(text.value)
    : text;
}

/**
 * decodeValue in steps for a JSON text of megabytes (read a list item or an object value at a
 * time); any other value is decoded in one go.
 */
function* decodeValueSteps(
  name: string,
  spec: ParamSpec | undefined,
  raw: ParamValue,
  nowSeconds: number,
): Generator<void, DecodedValue> {
  // The parameters decodeValue reads by their type (the others are shown as sent).
  if (spec !== undefined && (spec.readByMatomo5 || spec.type === 'json')) {
    if (spec.type === 'json') return yield* decodeJsonValueSteps(name, spec, raw);
    if (spec.type === 'string') return yield* decodeStringSteps(name, spec, raw);
  }
  return decodeValue(name, spec, raw, nowSeconds);
}

const isLongText = (raw: ParamValue): raw is string =>
  typeof raw === 'string' && raw.length >= JSON_IN_PIECES_CHARS;

/** A text of megabytes that decodes as JSON: a JSON parameter, or a product category list. */
const isLongJson = (name: string, raw: ParamValue): raw is string =>
  isLongText(raw) && (name === '_pkc' || findParamSpec(name)?.type === 'json');

/** The problems of one parameter, as `decodeEntry` lists them. */
export interface ParamProblems {
  name: string;
  problems: readonly Problem[];
}

/** A hit's decoded parameters, and the problems found while decoding them. */
export interface DecodedEntry {
  decoded: Record<string, DecodedParam>;
  /** Only the parameters that have problems, in parameter order. */
  problems: ParamProblems[];
}

interface DecodedOne {
  raw: ParamValue;
  decoded: DecodedParam;
  problems: readonly Problem[];
  /**
   * Frozen to be shared by later hits: a field read costs less than asking the engine
   * whether the object is frozen, once per parameter of every hit.
   */
  shared: boolean;
}

/**
 * The last decoded text value per parameter name. Results shared between hits are frozen;
 * dates are left out (relative ones depend on the clock). Bounded by clearing: names are
 * whatever senders make up.
 */
const lastDecoded = new Map<string, DecodedOne>();
const LAST_DECODED_NAMES = 512;

/**
 * The last result kept (see lastDecoded) by the place of its parameter among a hit's: the
 * hits of one tracker send their names in the same order, so the result is nearly always
 * found there, by comparing the name (the very same string when the pair repeats,
 * recent-pairs.ts) instead of looking it up by hashing.
 */
const lastAtPlace: (DecodedOne | undefined)[] = [];
const PLACES_KEPT = 128;

function toDecodedParam(
  name: string,
  raw: ParamValue,
  nowSeconds: number,
  place = PLACES_KEPT,
): DecodedOne {
  if (typeof raw === 'string') {
    let last = place < PLACES_KEPT ? lastAtPlace[place] : undefined;
    if (last === undefined || last.raw !== raw || last.decoded.name !== name) {
      last = lastDecoded.get(name);
      if (last === undefined || last.raw !== raw) last = undefined;
      else if (place < PLACES_KEPT) lastAtPlace[place] = last;
    }
    // Frozen the first time it is shared: a value seen once is never frozen (that costs).
    if (last !== undefined) return last.shared ? last : share(last);
  }
  const spec = findParamSpec(name);
  const one = decodedOne(name, spec, raw, decodeValue(name, spec, raw, nowSeconds));
  if (place < PLACES_KEPT && lastDecoded.get(name) === one) lastAtPlace[place] = one;
  return one;
}

/**
 * toDecodedParam in steps, for a JSON text of megabytes. Its result is not kept for the next
 * hit: freezing the decoded value to share it (100,000 items) would take a long step of its own.
 */
function* toDecodedParamSteps(
  name: string,
  raw: string,
  nowSeconds: number,
): Generator<void, DecodedOne> {
  const spec = findParamSpec(name);
  const result = yield* decodeValueSteps(name, spec, raw, nowSeconds);
  return {
    raw,
    decoded: decodedParamOf(name, spec, raw, result),
    problems: result.problems,
    shared: false,
  };
}

const decodedParamOf = (
  name: string,
  spec: ParamSpec | undefined,
  raw: ParamValue,
  result: DecodedValue,
): DecodedParam => ({
  name,
  raw,
  value: result.value,
  display: result.display,
  catalogueKey: spec ? spec.name : null,
});

function decodedOne(
  name: string,
  spec: ParamSpec | undefined,
  raw: ParamValue,
  result: DecodedValue,
): DecodedOne {
  const one: DecodedOne = {
    raw,
    decoded: decodedParamOf(name, spec, raw, result),
    problems: result.problems,
    shared: false,
  };
  if (typeof raw === 'string' && spec?.type !== 'datetime') {
    if (lastDecoded.size >= LAST_DECODED_NAMES) lastDecoded.clear();
    lastDecoded.set(name, one);
  }
  return one;
}

/** Marks and freezes a result that a second hit is about to share. */
function share(one: DecodedOne): DecodedOne {
  one.shared = true;
  return deepFreeze(one);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const nowSecondsOf = (options: DecodeOptions): number =>
  Math.floor((options.now ?? Date.now()) / 1000);

/** Decodes one parameter (its problems: `decodeProblems`). */
export function decodeParam(
  name: string,
  raw: ParamValue,
  options: DecodeOptions = {},
): DecodedParam {
  return toDecodedParam(name, raw, nowSecondsOf(options)).decoded;
}

/** Decodes every parameter of a hit and collects their problems, in one pass. */
export function decodeEntry(
  params: Record<string, ParamValue>,
  options: DecodeOptions = {},
): DecodedEntry {
  return drain(decodeEntrySteps(params, options));
}

/** Parameters decoded between two pauses of decodeEntrySteps. */
const NAMES_PER_STEP = 1024;

/**
 * decodeEntry in steps: a bulk entry sent as a JSON object may carry any number of keys (PHP
 * does not limit them), so it pauses after each NAMES_PER_STEP parameters. `names` are those
 * of `params` (namesOf) when the caller has listed them already for its own checks.
 */
export function* decodeEntrySteps(
  params: Record<string, ParamValue>,
  options: DecodeOptions = {},
  names: readonly string[] = namesOf(params),
): Generator<void, DecodedEntry> {
  const nowSeconds = nowSecondsOf(options);
  // A record its builder did not list (see namesOf) is enumerated in a step of its own.
  if (names.length > NAMES_PER_STEP) yield;
  // Names with a template (nearly every hit of a bulk) get their record in one literal once
  // every value is decoded (shapedRecordOf); the others have it built name by name.
  const inOrder = hasShape(names) ? new Array<DecodedParam>(names.length) : null;
  const byName: Record<string, DecodedParam> | null = inOrder === null ? {} : null;
  const problems: ParamProblems[] = [];
  for (let n = 0; n < names.length; n++) {
    const name = names[n] as string;
    const raw = params[name] as ParamValue;
    const one = isLongJson(name, raw)
      ? yield* toDecodedParamSteps(name, raw, nowSeconds)
      : toDecodedParam(name, raw, nowSeconds, n);
    if (one.problems.length > 0) problems.push({ name, problems: one.problems });
    if (inOrder !== null) inOrder[n] = one.decoded;
    else setParam(byName as Record<string, DecodedParam>, name, one.decoded);
    if (n % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  // The shapes are the module's: another request's steps may have run while this one paused.
  const shaped = inOrder === null ? null : shapedRecordOf(names, inOrder);
  const decoded = shaped ?? byName ?? recordOf(names, inOrder as DecodedParam[]);
  if (shaped === null) noteShape(names);
  listNames(decoded, names);
  return { decoded, problems };
}

/** The record of `names` and their `values` in order, built name by name. */
function recordOf<T>(names: readonly string[], values: readonly T[]): Record<string, T> {
  const record: Record<string, T> = {};
  for (let n = 0; n < names.length; n++) setParam(record, names[n] as string, values[n] as T);
  return record;
}

export function decodeParams(
  params: Record<string, ParamValue>,
  options: DecodeOptions = {},
): Record<string, DecodedParam> {
  return decodeEntry(params, options).decoded;
}

/**
 * The problems found while decoding a parameter, found again from its name and raw value
 * (decoding is deterministic: they do not depend on the clock either).
 */
export function decodeProblems(decoded: DecodedParam, options: DecodeOptions = {}): Problem[] {
  const spec = findParamSpec(decoded.name);
  return [...decodeValue(decoded.name, spec, decoded.raw, nowSecondsOf(options)).problems];
}
