// A large bulk's records without its hit DTOs: the request record now, each hit's DTO made
// when the store asks for it (once to write it, once more to announce it after the answer).
// Built all at once before the answer, 10,000 DTOs outlived every collection of the young
// generation until the answer and were promoted to the old one, only to be dropped after the
// announcement; made one at a time, each dies young.
import type { HitDto, RequestRecordDto } from '../../shared/api/types';
import type { AnalyzedHit, RawRequest, RequestAnalysis } from '../../shared/matomo/types';
import type { HitsToMake } from './contracts';
import { analysedRequestRecord, hitBaseOf, hitDto, type HitBase, type RequestMeta } from './dto';
import { hitIdOf } from './storage/stored-record';

/** The hits of an analysis, each DTO made anew on request, tagged with the request's run. */
class HitsOfAnalysis implements HitsToMake {
  readonly count: number;
  readonly #raw: RawRequest;
  readonly #hits: readonly AnalyzedHit[];
  readonly #base: HitBase;
  readonly #run: string | undefined;

  constructor(raw: RawRequest, analysis: RequestAnalysis, base: HitBase, run: string | undefined) {
    this.count = analysis.hits.length;
    this.#raw = raw;
    this.#hits = analysis.hits;
    this.#base = base;
    this.#run = run;
  }

  hitAt(index: number): HitDto {
    const hit = hitDto(this.#raw, this.#hits[index] as AnalyzedHit, this.#base);
    // As tagRun marks built DTOs: the same field, set after the others.
    if (this.#run !== undefined) hit.run = this.#run;
    return hit;
  }

  paramsAt(index: number): HitDto['params'] {
    return (this.#hits[index] as AnalyzedHit).params;
  }
}

/**
 * The request record (tagged with `run`) and the hits to make of an analysed request: what
 * toDtosInSlices gives, the DTOs equal to its own. `pause` is awaited before the record, whose
 * body check reads every byte of a body of megabytes.
 */
export async function recordWithHitsToMake(
  raw: RawRequest,
  analysis: RequestAnalysis,
  meta: RequestMeta,
  run: string | undefined,
  pause: () => Promise<void>,
): Promise<{ request: RequestRecordDto; hits: HitsToMake }> {
  const base = hitBaseOf(analysis, meta);
  const hitIds = analysis.hits.map((hit) => hitIdOf(meta.id, hit.index));
  await pause();
  const request = analysedRequestRecord(raw, analysis, meta, hitIds, base.receivedAt);
  if (run !== undefined) request.run = run;
  return { request, hits: new HitsOfAnalysis(raw, analysis, base, run) };
}
