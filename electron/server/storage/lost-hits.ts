// The hits the bulks' lines lost (salvage-line.ts), by request: a request's `hitIds` leave
// them out and `lostHitIds` names them, and a read of one is told where its line was set
// aside instead of a plain "not found". Known from the load that read the lines.
import type { RequestRecordDto } from '../../../shared/api/types';
import type { LostHit } from '../contracts';
import { sortedIndexOf } from './salvage-line';
import { splitHitId, toRequestDto, type StoredRequest } from './stored-record';

export class LostHits {
  /** Per request: the positions lost (ascending) and the data file line they were in. */
  private readonly byRequest = new Map<string, { hits: readonly number[]; line: number }>();

  /** `file`: the side file the lines read in part are noted in (unreadable-records.ts). */
  constructor(private readonly file: string) {}

  /** Request `requestId`, on line `line` (from 1) of the data file, lost the hits at `hits`. */
  note(requestId: string, line: number, hits: readonly number[]): void {
    if (hits.length > 0) this.byRequest.set(requestId, { hits, line });
  }

  /** Where hit `id` was lost, or undefined when it was not. */
  of(id: string): LostHit | undefined {
    const named = splitHitId(id);
    const lost = named && this.byRequest.get(named.requestId);
    if (!named || !lost || sortedIndexOf(lost.hits, named.index) < 0) return undefined;
    return { requestId: named.requestId, line: lost.line, file: this.file };
  }

  /** The request as the API gives it, its lost hits named apart. */
  requestDto(request: StoredRequest): RequestRecordDto {
    return toRequestDto(request, this.byRequest.get(request.id)?.hits);
  }

  /** Forgets the requests not in `ids` (those a rewrite of the data file removed). */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.byRequest.keys()) if (!ids.has(id)) this.byRequest.delete(id);
  }

  clear(): void {
    this.byRequest.clear();
  }
}
