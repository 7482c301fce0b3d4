// The inverse of parse: structured parameters to a query string, a form body or a bulk JSON
// body that Matomo (and parseRequest) decode back to the same parameters. Names and values are
// percent-encoded as UTF-8 with encodeURIComponent, which escapes every character PHP would
// otherwise read differently (`&`, `=`, `+`, `%`, `#`, spaces, non-ASCII), plus `'`: a form
// body containing `'requests'` would switch Matomo to bulk mode (docs/tracking-protocol.md#parameter-sources).
import { jsonPieces } from './json-pieces';
import { paramValueText } from './param-text';
import type { ParamOccurrence, ParamValue } from './types';

/** Parameters as a map (one value per name) or as occurrences (order and duplicates kept). */
export type BuildParams = Readonly<Record<string, ParamValue>> | readonly ParamOccurrence[];

/** `a=1&b=x%20y` from parameters. */
export function buildQuery(params: BuildParams): string {
  const parts: string[] = [];
  if (Array.isArray(params)) {
    for (const occ of params as readonly ParamOccurrence[])
      parts.push(queryPart(occ.name, occ.value));
  } else {
    for (const [name, value] of Object.entries(params as Record<string, ParamValue>)) {
      parts.push(queryPart(name, value));
    }
  }
  return parts.join('&');
}

/** One `name=value` of buildQuery (joined with `&`, the parts are its text). */
export function queryPart(name: string, value: ParamValue): string {
  return `${encode(name)}=${encode(paramValueText(value))}`;
}

/** Characters of a list's or an object's JSON text written between two pauses. */
const STEP_CHARS = 64 * 1024;

/**
 * queryPart(name, value), with a list's or an object's JSON text written and encoded a piece
 * at a time, a pause after each STEP_CHARS: a bulk entry field of 13,000 rows of numbers,
 * written and encoded whole, held the loop for hundreds of milliseconds. Percent-encoding is
 * per character, and the pieces hold no lone surrogate (JSON escapes them, and pieces are
 * cut between code points), so the pieces encode to the same text.
 */
export function* queryPartInSteps(name: string, value: ParamValue): Generator<void, string> {
  return (yield* queryPartPiecesInSteps(name, value)).join('');
}

/**
 * The same text in the pieces written between two pauses, for a caller that joins it with
 * more: each join of megabytes is a copy of them (40 ms for 12 MB on a busy machine).
 */
export function* queryPartPiecesInSteps(
  name: string,
  value: ParamValue,
): Generator<void, string[]> {
  if (value === null || typeof value !== 'object') return [queryPart(name, value)];
  const steps: string[] = [];
  let head = `${encode(name)}=`;
  for (const piece of jsonPieces(value, STEP_CHARS)) {
    steps.push(head + encode(piece));
    head = '';
    // Only the last piece is shorter: a small value goes without a pause.
    if (piece.length >= STEP_CHARS) yield;
  }
  return steps;
}

/** An `application/x-www-form-urlencoded` body: the same text as a query string. */
export function buildFormBody(params: BuildParams): string {
  return buildQuery(params);
}

export interface BulkBodyInput {
  /**
   * The entries. Parameters become `"?query"` strings (the shape of the JavaScript tracker)
   * unless `asObjects` is set; a string is used as it is (a "?query" or a full URL).
   */
  requests: readonly (BuildParams | string)[];
  tokenAuth?: string;
  /** Top-level `send_image` (0 asks for a 204 answer). */
  sendImage?: ParamValue;
  /** Send parameter maps as JSON objects (the log importer's shape) instead of query strings. */
  asObjects?: boolean;
}

/** `{"requests":[…],"token_auth":…,"send_image":…}` — keys in the order clients send them. */
export function buildBulkBody(input: BulkBodyInput): string {
  const requests = input.requests.map((entry) => {
    if (typeof entry === 'string') return entry;
    if (input.asObjects && !Array.isArray(entry)) return entry;
    const query = buildQuery(entry);
    // "?" alone would be dropped by Matomo; an empty object stays an (empty) request.
    return query === '' ? {} : `?${query}`;
  });
  const body: Record<string, unknown> = { requests };
  if (input.tokenAuth !== undefined) body['token_auth'] = input.tokenAuth;
  if (input.sendImage !== undefined) body['send_image'] = input.sendImage;
  return JSON.stringify(body);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const QUOTE = /'/g;

/**
 * `encodeURIComponent`, as the JavaScript tracker encodes names and values, with lone
 * surrogates (which it refuses) written as U+FFFD, as UTF-8 encoders do.
 */
export function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));
  }
}

/** encodeComponent, and `'` escaped too, so no built body reads as a bulk one. */
function encode(text: string): string {
  const encoded = encodeComponent(text);
  return encoded.indexOf("'") === -1 ? encoded : encoded.replace(QUOTE, '%27');
}
