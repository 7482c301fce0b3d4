// The error for a hit id that reads nothing: 410 when its request states it but its line in
// the data file lost it (the answer says where that line was noted), else 404.
import type { HitStore } from '../contracts';
import { ApiError } from './reply';

export function hitNotFound(store: HitStore, id: string): ApiError {
  const lost = store.lostHit?.(id);
  if (lost) {
    return new ApiError(
      410,
      'hit.lost',
      `Hit "${id}" of request "${lost.requestId}" could not be read back: it was in a damaged ` +
        `line of the data file (line ${lost.line}), noted with what was left of it in ${lost.file}.`,
    );
  }
  return new ApiError(404, 'hit.not_found', `No hit with id "${id}" (it may have been cleared).`);
}
