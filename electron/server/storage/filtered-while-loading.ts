// A filtered page of hits while the data file is still read back after a restart. The load
// reads the file oldest first, so the newest hits, the ones a first page lists, are the last
// it reaches: the page walks the lines newest first instead, as the unfiltered page does
// (newest-while-loading.ts: the same order, ids and salvage of damaged lines), and tests each
// hit with the shared filter (shared/api/hit-filter.ts), the very test the loaded search
// decides with, until the page is full. A rare filter could make that walk read most of the
// file: past a budget of bytes it gives up, and the search waits for the load as before.
import type { HitFilter } from '../../../shared/api/hit-filter';
import { matchesInTurns } from './journal-view';
import type { Walk } from './newest-while-loading';
import type { CompactHit } from './stored-record';

/**
 * Bytes of data file lines a filtered page reads at most while the file is read back: some
 * 13,000 stored page views of a browser, whose parameters a filter reads in about 300 ms of
 * CPU (each hit is built and its query parsed again: some 20 µs). A filter that finds less
 * than a page in them is rare among the newest hits; the loaded search answers it sooner
 * than a walk through the rest of the file would.
 */
export const FILTERED_WALK_BYTES = 16 * 1024 * 1024;

/** The walk of a filtered page: the hits `filter` matches, within the budget. */
export function filteredWalk(filter: HitFilter, budgetBytes = FILTERED_WALK_BYTES): Walk {
  return {
    keep: (hit: CompactHit) => matchesInTurns(hit, filter),
    budgetBytes,
  };
}
