// A filtered page of hits while the data file is still read back after a restart. The load
// reads the file oldest first, so the newest hits, the ones a first page lists, are the last
// it reaches: the page walks the lines newest first instead, as the unfiltered page does
// (newest-while-loading.ts: the same order, ids and salvage of damaged lines), and tests each
// hit with the shared filter (shared/api/hit-filter.ts), the very test the loaded search
// decides with, until the page is full. A line whose bytes cannot spell a text every match
// holds (a parameter's value, a type, free text: line-pre-check.ts) is not parsed at all, so
// a filter whose matches are only among the oldest hits reads through the file in seconds.
// Before that, a line the saved snapshot says holds no hit of the type, outcome or site every
// match has (filter-kinds.ts), or no hit carrying a parameter every match carries
// (filter-names.ts), is passed over without a byte of it read: such a filter finds its oldest
// matches at once.
// A filter the bytes tell nothing of could make the walk parse most of the file: past a
// budget of bytes it gives up, and the search waits for the load as before.
import type { HitFilter } from '../../../shared/api/hit-filter';
import { filterKindsTest } from './filter-kinds';
import { filterNamesTest } from './filter-names';
import { filterNeedles } from './filter-needles';
import { matchesInTurns } from './journal-view';
import { NO_SITE } from './journal-index';
import { hitKinds } from './line-kinds';
import { linePreCheck } from './line-pre-check';
import type { Walk } from './newest-while-loading';
import type { CompactHit } from './stored-record';

/**
 * Bytes of data file lines a filtered page parses at most while the file is read back: some
 * 13,000 stored page views of a browser, whose parameters a filter reads in about 300 ms of
 * CPU (each hit is built and its query parsed again: some 20 µs). A filter that finds less
 * than a page in them is rare among the newest hits; the loaded search answers it sooner
 * than a walk through the rest of the file would.
 */
export const FILTERED_WALK_BYTES = 16 * 1024 * 1024;

/**
 * Bytes of lines a filtered page rules out by their bytes at most: the data file of some two
 * million stored page views, read and scanned in a few seconds of CPU (the read-back of the
 * same bytes takes ten times as long).
 */
export const FILTERED_SKIP_BYTES = 2 * 1024 * 1024 * 1024;

/** The walk of a filtered page: the hits `filter` matches, within the budgets. */
export function filteredWalk(
  filter: HitFilter,
  budgetBytes = FILTERED_WALK_BYTES,
  skipBudgetBytes = FILTERED_SKIP_BYTES,
): Walk {
  const mayHold = linePreCheck(filterNeedles(filter));
  const mayHoldKinds = filterKindsTest(filter);
  const mayHoldNames = filterNamesTest(filter);
  return {
    // A hit of a line that may hold a match is told by its kinds first, too: most hits of a
    // bulk of page views with a few events are left out without their parameters parsed.
    keep: (hit: CompactHit) =>
      mayHoldKinds && !mayHoldKinds(hitKinds(hit.type, hit.outcome), hit.idsite ?? NO_SITE)
        ? false
        : matchesInTurns(hit, filter),
    budgetBytes,
    ...(mayHold ? { mayHold, skipBudgetBytes } : {}),
    ...(mayHoldKinds ? { mayHoldKinds } : {}),
    ...(mayHoldNames ? { mayHoldNames } : {}),
  };
}
