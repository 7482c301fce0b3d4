// Cutting the long texts of the hits and requests the reading answers carry (limits and why in
// shared/api/text-cut.ts). Exports, /api/wait and /api/validate keep the DTOs whole.
import {
  DTO_TEXT_BUDGET_CHARS,
  SMALL_PREFIX_CHARS,
  TEXT_PREFIX_CHARS,
} from '../../../shared/api/text-cut';
import type {
  CutTextDto,
  HitCutDto,
  HitDto,
  HitSummaryDto,
  RequestCutDto,
  RequestRecordDto,
} from '../../../shared/api/types';
import { setParam } from '../../../shared/matomo/effective-params';
import { drain, inTurns } from '../../../shared/steps';
import { listNames, namesOf } from '../../../shared/matomo/record-shapes';

/**
 * A hit whose raw query is this short is left as it is: every text of a hit is read from its
 * raw query, so none can be long (and the common hit costs no walk over its values).
 */
const SHORT_RAW_QUERY_CHARS = 16 * 1024;

function sizeOf(text: string): CutTextDto {
  return { chars: text.length, bytes: Buffer.byteLength(text, 'utf8') };
}

/** Keeps texts up to the prefix, and spends the budget of one DTO. */
class Cutter {
  private left = DTO_TEXT_BUDGET_CHARS;
  cutAny = false;

  /** `text` or its beginning; `onCut` hears of a cut. */
  text(text: string, onCut?: (size: CutTextDto) => void): string {
    const keep = Math.min(TEXT_PREFIX_CHARS, Math.max(SMALL_PREFIX_CHARS, this.left));
    if (text.length <= keep) {
      this.left -= text.length;
      return text;
    }
    this.left -= keep;
    this.cutAny = true;
    onCut?.(sizeOf(text));
    // A surrogate pair is kept whole or not at all.
    const code = text.charCodeAt(keep - 1);
    return text.slice(0, code >= 0xd800 && code <= 0xdbff ? keep - 1 : keep);
  }

  /** Every text inside a value (a parameter value may be an array or an object). */
  value<T>(value: T, onCut?: (size: CutTextDto) => void): T {
    if (typeof value === 'string') return this.text(value, onCut) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.value(item, onCut)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.value(item, onCut);
      return out as T;
    }
    return value;
  }
}

/**
 * The hit (or hit summary) with each long text cut to its beginning and `cut` saying which and
 * how long they were; the hit itself when nothing is long.
 */
export function boundHit<T extends HitDto | HitSummaryDto>(hit: T): T {
  return drain(boundHitSteps(hit));
}

/**
 * boundHit between turns of the event loop, `pause` awaited after each step: a bulk entry sent
 * as a JSON object may carry 100,000 parameters, each with its decoded value and occurrence.
 */
export async function boundHitInTurns<T extends HitDto | HitSummaryDto>(
  hit: T,
  pause: () => Promise<void>,
): Promise<T> {
  return inTurns(boundHitSteps(hit), pause);
}

/** Parameters (values, decoded values or occurrences) cut between two pauses. */
const ITEMS_PER_STEP = 1024;

function* boundHitSteps<T extends HitDto | HitSummaryDto>(hit: T): Generator<void, T> {
  const rawQuery = (hit as Partial<HitDto>).rawQuery;
  if (typeof rawQuery === 'string' && rawQuery.length <= SHORT_RAW_QUERY_CHARS) return hit;
  const cutter = new Cutter();
  const cut: HitCutDto = {};
  const params: Record<string, CutTextDto> = {};
  // The first size heard of a name wins: its effective value comes first.
  const note = (name: string) => (size: CutTextDto) => {
    params[name] ??= size;
  };
  let items = 0;
  const counted = () => ++items % ITEMS_PER_STEP === 0;
  const out = { ...hit } as T & Partial<HitDto>;
  const paramsOut: HitDto['params'] = {};
  // By name, not Object.entries: a pair array for each of 100,000 names, made in one go, held
  // the server for a tenth of a second. The names the parse listed (namesOf), not listed anew
  // (20-30 ms each time), and listed for the copies too, for their JSON.
  const paramNames = namesOf(hit.params);
  for (const name of paramNames) {
    setParam(paramsOut, name, cutter.value(hit.params[name], note(name)));
    if (counted()) yield;
  }
  listNames(paramsOut, paramNames);
  out.params = paramsOut;
  const full = hit as Partial<HitDto>;
  if (full.decoded) {
    const decoded: HitDto['decoded'] = {};
    const decodedNames = namesOf(full.decoded);
    for (const name of decodedNames) {
      const param = full.decoded[name] as HitDto['decoded'][string];
      const onCut = note(param.name);
      setParam(decoded, name, {
        ...param,
        raw: cutter.value(param.raw, onCut),
        value: cutter.value(param.value, onCut),
        display: cutter.text(param.display, onCut),
      });
      if (counted()) yield;
    }
    listNames(decoded, decodedNames);
    out.decoded = decoded;
  }
  if (full.occurrences) {
    const occurrences: HitDto['occurrences'] = [];
    for (const occurrence of full.occurrences) {
      const onCut = note(occurrence.name);
      const copy = { ...occurrence, value: cutter.value(occurrence.value, onCut) };
      if (occurrence.raw !== undefined) copy.raw = cutter.text(occurrence.raw, onCut);
      occurrences.push(copy);
      if (counted()) yield;
    }
    out.occurrences = occurrences;
  }
  if (typeof rawQuery === 'string') {
    out.rawQuery = cutter.text(rawQuery, (size) => (cut.rawQuery = size));
  }
  out.summary = cutter.text(hit.summary);
  out.userAgent = cutter.text(hit.userAgent);
  if (!cutter.cutAny) return hit;
  if (Object.keys(params).length > 0) cut.params = params;
  out.cut = cut;
  return out;
}

/** The request with a long query (and URL) and body cut to their beginning, `cut` saying so. */
export function boundRequest(request: RequestRecordDto): RequestRecordDto {
  if (request.query.length <= TEXT_PREFIX_CHARS && request.body.length <= TEXT_PREFIX_CHARS) {
    return request;
  }
  const cutter = new Cutter();
  const cut: RequestCutDto = {};
  const query = cutter.text(request.query, (size) => (cut.query = size));
  // A base64 body is cut at a whole group of four, so what is kept still decodes.
  const body = cutter.text(request.body, (size) => (cut.body = size));
  const kept = request.bodyEncoding === 'base64' ? body.slice(0, body.length & ~3) : body;
  return {
    ...request,
    url: cut.query ? `${request.path}?${query}` : request.url,
    query,
    body: kept,
    bodyTruncated: request.bodyTruncated || cut.body !== undefined,
    cut,
  };
}
