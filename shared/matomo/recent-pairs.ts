// The pairs decoded last, by their place in the query: a bulk's entries, and the hits one
// tracker sends one after another, repeat most of their pairs (`idsite=1`, `rec=1`, the
// referrer, the client hints) at the same places. A pair found here again, character for
// character, is not sliced, decoded and checked again: its name and value are those decoded
// before (the very same strings, which also makes the objects built from them cheaper).
// Only pairs that decoded cleanly and raised no finding are kept, so a pair found here adds
// its occurrence and nothing else, exactly as decoding it again would.

import type { ParamOccurrence } from './types';

/** Places remembered: the pairs past them (rare) are always decoded. */
const PLACES = 64;
/**
 * Longest query whose pairs are kept: a kept pair may be a slice that holds its whole query
 * in memory, which must stay small.
 */
const MAX_QUERY_CHARS = 16 * 1024;

/** A pair's occurrence, with its undecoded `name=value` text. */
export type RecentPair = ParamOccurrence & { raw: string; value: string };

const recent: (RecentPair | undefined)[] = new Array<RecentPair | undefined>(PLACES);

/**
 * The pair kept at `place` when its text is `raw`. The piece is compared as a string of its
 * own: `query.startsWith(pair.raw, start)` compared a character at a time, several times
 * slower than one string comparison (and the piece is sliced for decoding anyway).
 */
export function recentPair(place: number, raw: string): RecentPair | undefined {
  if (place >= PLACES) return undefined;
  const pair = recent[place];
  return pair !== undefined && pair.raw === raw ? pair : undefined;
}

/** Keeps a pair that decoded cleanly and raised no finding, for the next query. */
export function rememberPair(place: number, queryLength: number, pair: RecentPair): void {
  if (place < PLACES && queryLength <= MAX_QUERY_CHARS) recent[place] = pair;
}

/**
 * The name of the pair kept at `place` when `raw` has the same raw name (the value changed:
 * the page's URL, the time, the view id). That name decoded cleanly, needed no PHP cleaning
 * and holds no character to escape, so it is not sliced and decoded again.
 */
export function recentName(place: number, raw: string): string | undefined {
  if (place >= PLACES) return undefined;
  const pair = recent[place];
  if (pair === undefined) return undefined;
  const eq = pair.raw.indexOf('=');
  if (eq === -1 || raw.length <= eq || raw.charCodeAt(eq) !== 0x3d) return undefined;
  for (let i = 0; i < eq; i++) if (raw.charCodeAt(i) !== pair.raw.charCodeAt(i)) return undefined;
  return pair.name;
}
