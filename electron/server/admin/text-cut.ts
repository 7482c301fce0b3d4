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
  const rawQuery = (hit as Partial<HitDto>).rawQuery;
  if (typeof rawQuery === 'string' && rawQuery.length <= SHORT_RAW_QUERY_CHARS) return hit;
  const cutter = new Cutter();
  const cut: HitCutDto = {};
  const params: Record<string, CutTextDto> = {};
  // The first size heard of a name wins: its effective value comes first.
  const note = (name: string) => (size: CutTextDto) => {
    params[name] ??= size;
  };
  const out = { ...hit } as T & Partial<HitDto>;
  const paramsOut: HitDto['params'] = {};
  for (const [name, value] of Object.entries(hit.params)) {
    paramsOut[name] = cutter.value(value, note(name));
  }
  out.params = paramsOut;
  const full = hit as Partial<HitDto>;
  if (full.decoded) {
    const decoded: HitDto['decoded'] = {};
    for (const [name, param] of Object.entries(full.decoded)) {
      const onCut = note(param.name);
      decoded[name] = {
        ...param,
        raw: cutter.value(param.raw, onCut),
        value: cutter.value(param.value, onCut),
        display: cutter.text(param.display, onCut),
      };
    }
    out.decoded = decoded;
  }
  if (full.occurrences) {
    out.occurrences = full.occurrences.map((occurrence) => {
      const onCut = note(occurrence.name);
      const copy = { ...occurrence, value: cutter.value(occurrence.value, onCut) };
      if (occurrence.raw !== undefined) copy.raw = cutter.text(occurrence.raw, onCut);
      return copy;
    });
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
