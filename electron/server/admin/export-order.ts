// What an export lists, in the order things happened (oldest first): an export is a log to
// read, attach to a ticket or import again, and /api/import stores requests in file order
// where their times are equal, so a chronological file keeps its order through a round
// trip. /api/hits and the live UI stay newest first.
import { isEmptyHitFilter } from '../../../shared/api/hit-filter';
import type { HitFilterDto, RequestRecordDto } from '../../../shared/api/types';
import type { HitStore } from '../contracts';

/**
 * The requests of an export, each once, oldest first: without a filter every request in
 * memory (with or without hits: preflights, parameterless and refused requests too); with
 * one, the requests carrying a matching hit.
 */
export function* requestsOldestFirst(
  store: HitStore,
  filter: HitFilterDto,
): Generator<RequestRecordDto> {
  if (isEmptyHitFilter(filter)) {
    yield* store.requestsInArrivalOrder();
    return;
  }
  const seen = new Set<string>();
  for (const hit of store.iterateOldestFirst(filter)) {
    if (seen.has(hit.requestId)) continue;
    seen.add(hit.requestId);
    const request = store.getRequest(hit.requestId);
    if (request) yield request;
  }
}
