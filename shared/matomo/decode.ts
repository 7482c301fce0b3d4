// decode: every parameter of a hit to the typed value Matomo would use (spec §1.3, §2), with
// a readable form for the UI. The problems found on the way (wrong types, bad JSON, cut
// values) are kept beside each decoded parameter for the validator (see decodeProblems).
import { readJson, showRaw } from './coerce';
import {
  decodeClientHints,
  decodeCustomVariables,
  decodeEcommerceItems,
  decodeProductCategory,
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
import { decodedValue, type DecodedValue, type Problem } from './decoded-value';
import type { ParamSpec } from './param-spec';
import { findParamSpec } from './params';
import type { DecodedParam, ParamValue } from './types';

export type { Problem } from './decoded-value';

export interface DecodeOptions {
  /** Current time in ms since the epoch, for relative dates in cdt (default: now). */
  now?: number;
}

const rawDisplay = (raw: ParamValue): string => (typeof raw === 'string' ? raw : showRaw(raw, 200));

function decodeJson(name: string, raw: ParamValue): DecodedValue {
  const read = readJson(raw);
  if (!read.ok) {
    if (read.reason !== 'syntax') return decodedValue(undefined, '(empty)');
    // Invalid JSON reads as null (spec §1.3); for ec_items that means "no items".
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
      return decodeCustomVariables(name, read.value);
    case 'ec_items':
      return decodeEcommerceItems(read.value);
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
    case 'json': {
      const decoded = decodeJson(name, raw);
      return spec.readByMatomo5 ? decoded : { ...decoded, problems: [] };
    }
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
    case 'string': {
      const text = decodeText(name, raw, spec.maxLength);
      return name === '_pkc' && typeof text.value === 'string'
        ? decodeProductCategory(text.value)
        : text;
    }
    case 'any':
      return decodedValue(raw, rawDisplay(raw));
  }
}

const PROBLEMS = new WeakMap<DecodedParam, Problem[]>();

/** Decodes one parameter; its problems are remembered for `decodeProblems`. */
export function decodeParam(
  name: string,
  raw: ParamValue,
  options: DecodeOptions = {},
): DecodedParam {
  const spec = findParamSpec(name);
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const result = decodeValue(name, spec, raw, nowSeconds);
  const decoded: DecodedParam = {
    name,
    raw,
    value: result.value,
    display: result.display,
    catalogueKey: spec ? spec.name : null,
  };
  PROBLEMS.set(decoded, result.problems);
  return decoded;
}

export function decodeParams(
  params: Record<string, ParamValue>,
  options: DecodeOptions = {},
): Record<string, DecodedParam> {
  const decoded: Record<string, DecodedParam> = {};
  for (const name of Object.keys(params)) {
    const value = decodeParam(name, params[name] as ParamValue, options);
    // A parameter may be called __proto__: define it as data, never as the prototype.
    if (name === '__proto__') {
      Object.defineProperty(decoded, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      decoded[name] = value;
    }
  }
  return decoded;
}

/**
 * The problems found while decoding a parameter. Uses the ones remembered by `decodeParam`;
 * a decoded parameter that came from elsewhere (e.g. deserialised) is decoded again.
 */
export function decodeProblems(decoded: DecodedParam, options: DecodeOptions = {}): Problem[] {
  const known = PROBLEMS.get(decoded);
  if (known) return known;
  const again = decodeParam(decoded.name, decoded.raw, options);
  return PROBLEMS.get(again) ?? [];
}
